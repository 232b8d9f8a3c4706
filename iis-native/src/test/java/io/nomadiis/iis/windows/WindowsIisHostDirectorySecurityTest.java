package io.nomadiis.iis.windows;

import static org.assertj.core.api.Assertions.assertThat;

import io.nomadiis.iis.AppPoolSpec;
import io.nomadiis.iis.ApplicationSpec;
import io.nomadiis.iis.BindingSpec;
import io.nomadiis.iis.DirectoryLockdown;
import io.nomadiis.iis.DirectoryRelease;
import io.nomadiis.iis.HostStatus;
import io.nomadiis.iis.PoolIdentity;
import io.nomadiis.iis.PoolRuntime;
import io.nomadiis.iis.PoolSettings;
import io.nomadiis.iis.SiteSpec;
import io.nomadiis.iis.WebsiteDeployment;
import io.nomadiis.iis.WebsiteRemoval;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code directory_security} through {@link WindowsIisHost} on Linux: the AHADMIN double with WAS's load
 * delay decides when a pool's {@code IIS AppPool\<pool>} account exists (the security double resolves it
 * exactly while WAS has the pool loaded), so the lock-down after a deploy and the release before a removal
 * run against the same timing as on Windows.
 */
class WindowsIisHostDirectorySecurityTest {
    @TempDir
    Path temp;

    private final AhAdminDouble iis = new AhAdminDouble().loadDelay(Duration.ofMillis(300));
    private final InMemoryWindowsSecurity windows = new InMemoryWindowsSecurity();
    private WindowsIisHost host;

    @AfterEach
    void shutdown() {
        iis.shutdown();
    }

    @Test
    void lockDownAfterDeploy_grantsThePoolAccount_releaseBeforeRemoveTakesItBack() throws Exception {
        host = new WindowsIisHost(
                iis,
                new ManagedCertificates(new InMemoryCertificateStore()),
                () -> new HostStatus(true, "Healthy", "10.0", false, false),
                WindowsIisHostDoubleContractTest.FAST,
                temp.resolve("state"),
                new DirectorySecurity(windows, Duration.ofSeconds(5), Duration.ofMillis(10)),
                iis);
        windows.wasKnows(pool -> host.poolRuntime(pool).presence() == PoolRuntime.Presence.PRESENT);
        Path allocDir = temp.resolve("alloc-1");
        Path local = Files.createDirectories(allocDir.resolve("web/local"));
        Files.createDirectories(allocDir.resolve("web/secrets"));
        String pool = "nomad-a1-web";
        AppPoolSpec spec = new AppPoolSpec(
                pool,
                PoolIdentity.APPLICATION_POOL_IDENTITY,
                null,
                null,
                PoolSettings.none(),
                Map.of(),
                List.of(),
                null,
                null);
        WebsiteDeployment deployment = new WebsiteDeployment(
                List.of(spec),
                new SiteSpec(
                        pool,
                        List.of(new BindingSpec("http", "*", 18080, "", false, null)),
                        List.of(new ApplicationSpec("/", local, pool, null, null, null, List.of(), List.of())),
                        pool),
                true,
                List.of());

        host.deploy(deployment);
        host.lockDownDirectories(new DirectoryLockdown(allocDir, "web", List.of(spec), true));

        String poolSid = windows.poolSid(pool);
        assertThat(windows.explicit(local))
                .contains(
                        AccessControlList.grant(AclPlan.Rights.FULL_CONTROL, poolSid),
                        AccessControlList.grant(AclPlan.Rights.FULL_CONTROL, Sids.IUSR));
        assertThat(windows.explicit(allocDir.resolve("web/secrets")))
                .contains(AccessControlList.grant(AclPlan.Rights.READ_FILES_ONLY, poolSid));
        assertThat(windows.isProtected(local)).isTrue();

        host.releaseDirectories(new DirectoryRelease(allocDir, "web", List.of(pool)));
        host.remove(new WebsiteRemoval(pool, true, List.of(), List.of(pool), List.of(), List.of()));

        assertThat(windows.explicit(local))
                .noneMatch(a -> a.sid().equals(poolSid) || a.sid().equals(Sids.IUSR));
        assertThat(windows.explicit(allocDir.resolve("web/secrets")))
                .noneMatch(a -> a.sid().equals(poolSid));
        int before = windows.failedLookups();
        assertThat(catchLookup(pool)).isTrue();
        assertThat(windows.failedLookups()).isEqualTo(before + 1);
    }

    /** Whether looking the removed pool's account up fails as Windows does once WAS dropped the pool. */
    private boolean catchLookup(String pool) {
        try {
            windows.accountSid("IIS AppPool\\" + pool);
            return false;
        } catch (WindowsSecurityCalls.Win32CallException e) {
            return e.error() == WindowsSecurityCalls.ERROR_NONE_MAPPED;
        }
    }
}

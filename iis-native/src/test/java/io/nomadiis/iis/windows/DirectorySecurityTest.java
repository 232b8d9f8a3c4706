package io.nomadiis.iis.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nomadiis.iis.AppPoolSpec;
import io.nomadiis.iis.DirectoryLockdown;
import io.nomadiis.iis.DirectoryRelease;
import io.nomadiis.iis.IisException;
import io.nomadiis.iis.PoolIdentity;
import io.nomadiis.iis.PoolSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code directory_security} applied and released against the in-memory Windows security model. */
class DirectorySecurityTest {
    private static final int CI_OI = AccessControlList.CONTAINER_INHERIT | AccessControlList.OBJECT_INHERIT;
    private static final int READ_EXECUTE = 0x001200A9;
    private static final int MODIFY = 0x001301BF;
    private static final String POOL = "nomad-a1-web";

    @TempDir
    Path temp;

    private Path allocDir;
    private InMemoryWindowsSecurity windows;
    private DirectorySecurity security;

    @BeforeEach
    void setUp() throws Exception {
        Path dataDir = Files.createDirectories(temp.resolve("data"));
        allocDir = Files.createDirectories(dataDir.resolve("alloc-1"));
        for (String folder : List.of(
                "alloc/data", "alloc/logs", "alloc/tmp", "web/local", "web/secrets", "web/tmp", "web/private")) {
            Files.createDirectories(allocDir.resolve(folder));
        }
        windows = new InMemoryWindowsSecurity();
        // Nomad's data dir as a default Windows install leaves a folder: SYSTEM and Administrators full
        // control, Users read & execute, Authenticated Users modify, all inherited by everything below
        windows.folder(
                dataDir,
                true,
                AccessControlList.Ace.of(
                        AccessControlList.ALLOWED, CI_OI, AccessControlList.FILE_ALL_ACCESS, Sids.LOCAL_SYSTEM),
                AccessControlList.Ace.of(
                        AccessControlList.ALLOWED,
                        CI_OI,
                        AccessControlList.FILE_ALL_ACCESS,
                        InMemoryWindowsSecurity.ADMINISTRATORS),
                AccessControlList.Ace.of(AccessControlList.ALLOWED, CI_OI, READ_EXECUTE, Sids.USERS),
                AccessControlList.Ace.of(AccessControlList.ALLOWED, CI_OI, MODIFY, Sids.AUTHENTICATED_USERS));
        security = new DirectorySecurity(windows, Duration.ofSeconds(5), Duration.ofMillis(1));
    }

    private static AppPoolSpec pool(String name, PoolIdentity identity, String user) {
        return new AppPoolSpec(name, identity, user, null, PoolSettings.none(), Map.of(), List.of(), null, null);
    }

    private DirectoryLockdown lockdown(boolean permitIusr, AppPoolSpec... pools) {
        return new DirectoryLockdown(allocDir, "web", List.of(pools), permitIusr);
    }

    private List<String> sids(String folder) {
        return windows.explicit(allocDir.resolve(folder)).stream()
                .map(AccessControlList.Ace::sid)
                .toList();
    }

    private static AccessControlList.Ace full(String sid) {
        return AccessControlList.grant(AclPlan.Rights.FULL_CONTROL, sid);
    }

    @Test
    void applicationPoolIdentity_locksDownEveryFolderAsTheCsharpPluginDoes() throws Exception {
        windows.poolCommitted(POOL, 0);
        security.apply(lockdown(false, pool(POOL, PoolIdentity.APPLICATION_POOL_IDENTITY, null)));
        String poolSid = windows.poolSid(POOL);

        for (String folder : List.of(
                "alloc",
                "alloc/data",
                "alloc/logs",
                "alloc/tmp",
                "web/local",
                "web/secrets",
                "web/tmp",
                "web/private")) {
            assertThat(windows.isProtected(allocDir.resolve(folder)))
                    .as(folder + " protected")
                    .isTrue();
            // inherited entries were copied in as explicit ones, the two broad groups removed
            assertThat(sids(folder))
                    .as(folder)
                    .contains(Sids.LOCAL_SYSTEM, InMemoryWindowsSecurity.ADMINISTRATORS)
                    .doesNotContain(Sids.USERS, Sids.AUTHENTICATED_USERS);
        }
        assertThat(sids("alloc")).doesNotContain(poolSid);
        assertThat(sids("web/private")).doesNotContain(poolSid);
        for (String folder : List.of("alloc/data", "alloc/logs", "alloc/tmp", "web/local", "web/tmp")) {
            assertThat(windows.explicit(allocDir.resolve(folder))).as(folder).contains(full(poolSid));
        }
        assertThat(windows.explicit(allocDir.resolve("web/secrets")))
                .contains(AccessControlList.grant(AclPlan.Rights.READ_FILES_ONLY, poolSid))
                .doesNotContain(full(poolSid));
        assertThat(sids("web/local")).doesNotContain(Sids.IUSR);
    }

    @Test
    void permitIusr_grantsIusrOnLocalOnly() throws Exception {
        windows.poolCommitted(POOL, 0);
        security.apply(lockdown(true, pool(POOL, PoolIdentity.APPLICATION_POOL_IDENTITY, null)));
        assertThat(windows.explicit(allocDir.resolve("web/local"))).contains(full(Sids.IUSR));
        assertThat(sids("web/tmp")).doesNotContain(Sids.IUSR);
        assertThat(sids("web/secrets")).doesNotContain(Sids.IUSR);
    }

    @Test
    void builtInAndSpecificUserIdentities_areGrantedTheirAccounts() throws Exception {
        windows.account("CORP\\svc-web", "S-1-5-21-1-2-3-1107");
        security.apply(lockdown(
                false,
                pool("nomad-a1-web-net", PoolIdentity.NETWORK_SERVICE, null),
                pool("nomad-a1-web-loc", PoolIdentity.LOCAL_SERVICE, null),
                pool("nomad-a1-web-usr", PoolIdentity.SPECIFIC_USER, "CORP\\svc-web")));
        assertThat(windows.explicit(allocDir.resolve("web/local")))
                .contains(full(Sids.NETWORK_SERVICE), full(Sids.LOCAL_SERVICE), full("S-1-5-21-1-2-3-1107"));
        assertThat(windows.explicit(allocDir.resolve("web/secrets")))
                .contains(AccessControlList.grant(AclPlan.Rights.READ_FILES_ONLY, "S-1-5-21-1-2-3-1107"));
        assertThat(windows.failedLookups()).isZero();
    }

    @Test
    void newPoolAccount_isRetriedUntilWasKnowsIt() throws Exception {
        windows.poolCommitted(POOL, 3);
        security.apply(lockdown(false, pool(POOL, PoolIdentity.APPLICATION_POOL_IDENTITY, null)));
        assertThat(windows.failedLookups()).isEqualTo(3);
        assertThat(windows.explicit(allocDir.resolve("web/local"))).contains(full(windows.poolSid(POOL)));
    }

    @Test
    void accountNeverResolvable_failsRetryablyNamingIt_andChangesNoFolder() {
        windows.poolCommitted(POOL, Integer.MAX_VALUE);
        DirectorySecurity impatient = new DirectorySecurity(windows, Duration.ofMillis(100), Duration.ofMillis(5));
        assertThatThrownBy(() ->
                        impatient.apply(lockdown(false, pool(POOL, PoolIdentity.APPLICATION_POOL_IDENTITY, null))))
                .isInstanceOfSatisfying(
                        IisException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageContaining("IIS AppPool\\" + POOL)
                .hasMessageContaining("WAS has not created");
        assertThat(windows.failedLookups()).isGreaterThan(1);
        assertThat(windows.writes()).isZero();
    }

    @Test
    void unknownSpecificUser_failsWithoutWaitingOrChanges() {
        DirectorySecurity impatient = new DirectorySecurity(windows, Duration.ofMillis(100), Duration.ofMillis(5));
        assertThatThrownBy(() -> impatient.apply(
                        lockdown(false, pool("nomad-a1-web", PoolIdentity.SPECIFIC_USER, "CORP\\nobody"))))
                .isInstanceOf(IisException.class)
                .hasMessageContaining("CORP\\nobody")
                .hasMessageContaining("no such account");
        assertThat(windows.writes()).isZero();
    }

    @Test
    void missingFolders_areSkipped() throws Exception {
        Files.delete(allocDir.resolve("web/private"));
        windows.poolCommitted(POOL, 0);
        security.apply(lockdown(false, pool(POOL, PoolIdentity.APPLICATION_POOL_IDENTITY, null)));
        assertThat(windows.isProtected(allocDir.resolve("web/private"))).isFalse();
        assertThat(windows.writes()).isEqualTo(7);
    }

    @Test
    void release_removesOnlyWhatTheApplyAdded() throws Exception {
        windows.account("CORP\\svc-web", "S-1-5-21-1-2-3-1107");
        Path local = allocDir.resolve("web/local");
        // before the task: an administrator granted the configured user on local explicitly
        windows.folder(local, false, full("S-1-5-21-1-2-3-1107"));
        windows.poolCommitted(POOL, 0);
        security.apply(lockdown(
                true,
                pool(POOL, PoolIdentity.APPLICATION_POOL_IDENTITY, null),
                pool("nomad-a1-web-usr", PoolIdentity.SPECIFIC_USER, "CORP\\svc-web")));
        String poolSid = windows.poolSid(POOL);
        // while the task runs, an administrator adds an entry of their own
        AccessControlList.Ace operator = full("S-1-5-21-1-2-3-2001");
        List<AccessControlList.Ace> withOperator = new java.util.ArrayList<>(windows.explicit(local));
        withOperator.add(operator);
        windows.folder(local, true, withOperator.toArray(AccessControlList.Ace[]::new));

        security.release(new DirectoryRelease(allocDir, "web", List.of(POOL, "nomad-a1-web-usr")));

        assertThat(windows.explicit(local))
                .doesNotContain(full(poolSid), full(Sids.IUSR))
                .contains(operator, full("S-1-5-21-1-2-3-1107"));
        assertThat(sids("web/local")).contains(Sids.LOCAL_SYSTEM, InMemoryWindowsSecurity.ADMINISTRATORS);
        assertThat(windows.isProtected(local)).isTrue();
        assertThat(windows.explicit(allocDir.resolve("web/secrets")))
                .noneMatch(a -> a.sid().equals(poolSid) || a.sid().equals("S-1-5-21-1-2-3-1107"));
        assertThat(sids("alloc/data")).doesNotContain(poolSid);
    }

    @Test
    void release_ofABuiltInIdentityAlreadyPresent_keepsItsEntry() throws Exception {
        security.apply(lockdown(false, pool("nomad-a1-web", PoolIdentity.LOCAL_SYSTEM, null)));
        security.release(new DirectoryRelease(allocDir, "web", List.of("nomad-a1-web")));
        // SYSTEM had full control (inherited, copied in) before the task: it is not the task's to remove
        assertThat(windows.explicit(allocDir.resolve("web/local"))).contains(full(Sids.LOCAL_SYSTEM));
    }

    @Test
    void release_afterAPluginRestart_removesOnlyThePoolAccountsEntries() throws Exception {
        windows.poolCommitted(POOL, 0);
        security.apply(lockdown(true, pool(POOL, PoolIdentity.APPLICATION_POOL_IDENTITY, null)));
        String poolSid = windows.poolSid(POOL);

        DirectorySecurity restarted = new DirectorySecurity(windows, Duration.ofSeconds(1), Duration.ofMillis(1));
        restarted.release(new DirectoryRelease(allocDir, "web", List.of(POOL)));

        for (String folder : List.of("alloc/data", "web/local", "web/secrets", "web/tmp")) {
            assertThat(sids(folder)).as(folder).doesNotContain(poolSid);
        }
        // IUSR is shared by every site: without the record of this apply it is left alone
        assertThat(windows.explicit(allocDir.resolve("web/local"))).contains(full(Sids.IUSR));
    }

    @Test
    void release_withoutApplyOrResolvablePool_changesNothing() throws Exception {
        security.release(new DirectoryRelease(allocDir, "web", List.of(POOL)));
        assertThat(windows.writes()).isZero();
    }
}

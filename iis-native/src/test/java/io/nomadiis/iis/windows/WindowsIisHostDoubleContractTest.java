package io.nomadiis.iis.windows;

import static org.assertj.core.api.Assertions.assertThat;

import io.nomadiis.iis.HostStatus;
import io.nomadiis.iis.IisHost;
import io.nomadiis.iis.IisHostContractTest;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@link IisHost} contract for {@link WindowsIisHost} on Linux, against the in-memory AHADMIN
 * ({@link AhAdminDouble}) with WAS's load delay after a commit switched on. What the double cannot do (serve
 * HTTP, ANCM, stdout) is declared, so those checks run only against real IIS ({@link WindowsIisHostContractTest}).
 */
class WindowsIisHostDoubleContractTest extends IisHostContractTest {
    /** Short waits: the double's delays are milliseconds, not IIS's seconds. */
    static final WindowsIisHost.Timings FAST = new WindowsIisHost.Timings(
            Duration.ofSeconds(5), Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(5));

    private final AhAdminDouble iis = new AhAdminDouble().loadDelay(Duration.ofMillis(150));
    private final InMemoryCertificateStore store = new InMemoryCertificateStore();

    @Override
    protected IisHost createHost(Path stateDir) {
        return new WindowsIisHost(
                iis,
                new ManagedCertificates(store),
                () -> new HostStatus(true, "Healthy", "10.0", false, false),
                FAST,
                stateDir,
                DirectorySecurity.local(),
                iis);
    }

    @Override
    protected void assertHostLeftNothing(Path stateDir) {
        assertThat(iis.sslRegistrations()).isEmpty();
        iis.shutdown();
    }

    @Override
    protected boolean servesHttp() {
        return false;
    }

    @Override
    protected boolean workerStartsOnDeploy() {
        return false;
    }

    @Override
    protected boolean restartsWorkerWithoutRequest() {
        return false;
    }

    @Override
    protected boolean capturesStdout() {
        return false;
    }

    @Override
    protected boolean recyclesWithinSeconds() {
        return false;
    }

    @Override
    protected void request(String site, int port) {
        iis.request(site);
    }

    @Override
    protected void portHeldElsewhere(int port) {
        iis.portHeldByOtherProcess(port);
    }
}

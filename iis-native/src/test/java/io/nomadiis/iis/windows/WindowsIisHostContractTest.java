package io.nomadiis.iis.windows;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nomadiis.iis.IisHost;
import io.nomadiis.iis.IisHostContractTest;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The {@link IisHost} contract against real IIS. Runs only on Windows with the Maven profile
 * {@code windows-iis} active (it sets {@code nomadiis.windows.tests=true}), and counts as skipped when
 * IIS is not installed. Needs an elevated shell: it creates and deletes sites, pools and certificates.
 */
@EnabledOnOs(OS.WINDOWS)
@EnabledIfSystemProperty(named = "nomadiis.windows.tests", matches = "true")
class WindowsIisHostContractTest extends IisHostContractTest {
    @BeforeAll
    static void requireIis() {
        assumeTrue(
                WindowsIisHost.unavailabilityCause() == null,
                () -> "IIS unavailable: " + WindowsIisHost.unavailabilityCause());
    }

    @Override
    protected IisHost createHost(Path stateDir) {
        return new WindowsIisHost(stateDir);
    }

    /** IIS starts w3wp on a pool's first request (startMode OnDemand; windows-iis.md section 2). */
    @Override
    protected boolean workerStartsOnDeploy() {
        return false;
    }

    /** WAS replaces a crashed w3wp when the next request comes, not by itself. */
    @Override
    protected boolean restartsWorkerWithoutRequest() {
        return false;
    }

    /** w3wp has no console; ANCM writes stdout only to its own stdoutLogFile (windows-iis.md section 6). */
    @Override
    protected boolean capturesStdout() {
        return false;
    }

    /** {@code recycling.periodicRestart.time} has a granularity of 60 s (iis-schema-facts.json). */
    @Override
    protected boolean recyclesWithinSeconds() {
        return false;
    }
}

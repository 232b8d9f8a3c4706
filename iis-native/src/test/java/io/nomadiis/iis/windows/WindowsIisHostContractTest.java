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
        return new WindowsIisHost();
    }
}

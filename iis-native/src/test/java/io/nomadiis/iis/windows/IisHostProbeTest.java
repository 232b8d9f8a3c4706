package io.nomadiis.iis.windows;

import static org.assertj.core.api.Assertions.assertThat;

import io.nomadiis.iis.HostStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Windows health decision against a double of the process token and the service control manager. */
class IisHostProbeTest {
    @TempDir
    Path temp;

    /**
     * Elevation and W3SVC state as Windows reports them: {@code TokenElevation} of the process token, and
     * the SCM's service state ({@code sc query}; error 1060 when the service does not exist).
     */
    private record WindowsSignals(boolean elevated, ServiceQuery.State w3svc) implements IisHealthSignals {}

    private IisHostProbe probe(boolean elevated, ServiceQuery.State w3svc) {
        IisInstallation installation = new IisInstallation(
                temp.resolve("ahadmin.dll"),
                temp.resolve("InetMgr.exe"),
                temp.resolve("aspnetcorev2.dll"),
                temp.resolve("rewrite.dll"));
        return new IisHostProbe(installation, new WindowsSignals(elevated, w3svc));
    }

    @Test
    void elevatedAndRunning_isHealthy() {
        HostStatus status = probe(true, ServiceQuery.State.RUNNING).status();
        assertThat(status.healthy()).isTrue();
        assertThat(status.description()).isEqualTo("Healthy");
        assertThat(status.iisVersion()).isEqualTo("Unknown");
    }

    @Test
    void notElevated_isUnhealthyNamingAdministratorRights_evenWithW3svcRunning() {
        HostStatus status = probe(false, ServiceQuery.State.RUNNING).status();
        assertThat(status.healthy()).isFalse();
        assertThat(status.description()).contains("administrator rights").contains("not elevated");
    }

    @Test
    void w3svcStopped_isUnhealthyNamingTheState() {
        HostStatus status = probe(true, ServiceQuery.State.STOPPED).status();
        assertThat(status.healthy()).isFalse();
        assertThat(status.description()).isEqualTo("IIS (w3svc) is not running (state STOPPED)");
        assertThat(probe(true, ServiceQuery.State.START_PENDING).status().description())
                .contains("START_PENDING");
    }

    @Test
    void w3svcNotInstalled_isUnhealthySayingSo() {
        HostStatus status = probe(true, ServiceQuery.State.NOT_INSTALLED).status();
        assertThat(status.healthy()).isFalse();
        assertThat(status.description()).contains("not installed").contains("Web-Server");
    }

    @Test
    void w3svcStateUnreadable_isUnhealthy() {
        HostStatus status = probe(true, ServiceQuery.State.UNKNOWN).status();
        assertThat(status.healthy()).isFalse();
        assertThat(status.description()).contains("cannot be read");
    }

    @Test
    void modulesPresent_areReported() throws Exception {
        Files.writeString(temp.resolve("aspnetcorev2.dll"), "x");
        HostStatus status = probe(true, ServiceQuery.State.RUNNING).status();
        assertThat(status.aspNetCoreAvailable()).isTrue();
        assertThat(status.rewriteModuleAvailable()).isFalse();
    }
}

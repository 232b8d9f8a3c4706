package io.nomadiis.driver.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import io.nomadiis.driver.PluginVersion;
import io.nomadiis.driver.config.PluginConfig;
import io.nomadiis.iis.HostStatus;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class FingerprinterTest {

    private static PluginConfig config(boolean enabled, List<String> targets) {
        return new PluginConfig(
                enabled,
                Duration.ofSeconds(30),
                false,
                targets,
                List.of("ApplicationPoolIdentity"),
                List.of(),
                null,
                null);
    }

    private static final FingerprintProbe HEALTHY =
            FingerprintProbe.of("portable", () -> new HostStatus(true, "Healthy", "10.0", true, false));

    @Test
    void current_healthyHost_healthyWithEveryAttribute() {
        Fingerprint fingerprint = new Fingerprinter(
                        () -> config(true, List.of("Default Web Site")), HEALTHY, OptionalInt.of(5004))
                .current();
        assertThat(fingerprint.health()).isEqualTo(DriverHealth.HEALTHY);
        assertThat(fingerprint.description()).isEqualTo("Healthy");
        assertThat(fingerprint.attributes())
                .containsEntry("driver.iis.version", PluginVersion.get())
                .containsEntry("driver.iis.iis_version", "10.0")
                .containsEntry("driver.iis.iis_aspnet_core_available", true)
                .containsEntry("driver.iis.iis_rewrite_module_available", false)
                .containsEntry("driver.iis.directory_security_enabled", false)
                .containsEntry("driver.iis.target_websites_enabled", true)
                .containsEntry("driver.iis.management_api_enabled", true)
                .containsEntry("driver.iis.management_api_port", 5004L)
                .containsEntry("driver.iis.backend", "portable");
    }

    @Test
    void current_managementApiFailedToStart_reportsItDisabled() {
        ManagementApiState.markFailed();
        try {
            Fingerprint fingerprint =
                    new Fingerprinter(() -> config(true, List.of()), HEALTHY, OptionalInt.of(5004)).current();
            assertThat(fingerprint.attributes())
                    .containsEntry("driver.iis.management_api_enabled", false)
                    .doesNotContainKey("driver.iis.management_api_port");
        } finally {
            ManagementApiState.markServing();
        }
    }

    @Test
    void current_unhealthyHost_unhealthyWithHostDescription() {
        FingerprintProbe host = FingerprintProbe.of(
                "windows", () -> new HostStatus(false, "IIS (w3svc) is not running.", "10.0", false, false));
        Fingerprint fingerprint = new Fingerprinter(() -> config(true, List.of()), host, OptionalInt.empty()).current();
        assertThat(fingerprint.health()).isEqualTo(DriverHealth.UNHEALTHY);
        assertThat(fingerprint.description()).isEqualTo("IIS (w3svc) is not running.");
        assertThat(fingerprint.attributes())
                .containsEntry("driver.iis.management_api_enabled", false)
                .doesNotContainKey("driver.iis.management_api_port");
    }

    @Test
    void current_disabled_undetectedWithoutProbingHost() {
        FingerprintProbe exploding = FingerprintProbe.of("portable", () -> {
            throw new AssertionError("host must not be probed");
        });
        Fingerprint fingerprint =
                new Fingerprinter(() -> config(false, List.of()), exploding, OptionalInt.empty()).current();
        assertThat(fingerprint.health()).isEqualTo(DriverHealth.UNDETECTED);
        assertThat(fingerprint.description()).isEqualTo("driver disabled");
    }

    @Test
    void current_hostQueryFails_undetectedNamingCause() {
        FingerprintProbe failing = FingerprintProbe.of("windows", () -> {
            throw new IllegalStateException("COM unavailable");
        });
        Fingerprint fingerprint =
                new Fingerprinter(() -> config(true, List.of()), failing, OptionalInt.empty()).current();
        assertThat(fingerprint.health()).isEqualTo(DriverHealth.UNDETECTED);
        assertThat(fingerprint.description()).contains("COM unavailable");
    }
}

package io.nomadiis.mgmt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nomadiis.driver.config.ProcdumpConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ManagementOptionsBuilderTest {

    @Test
    void builder_unsetOptions_takeTheRecordsDefaults() {
        ManagementOptions options = ManagementOptions.builder().port(8080).build();

        assertThat(options.address()).isEqualTo("0.0.0.0");
        assertThat(options.port()).isEqualTo(8080);
        assertThat(options.tlsCert()).isNull();
        assertThat(options.apiKey()).isNull();
        assertThat(options.authenticationConfigured()).isFalse();
        assertThat(options.limits()).isEqualTo(Limits.defaults());
        assertThat(options.browserIdleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(options.procdump().get()).isNull();
        assertThat(options.exposeSecrets()).isFalse();
    }

    @Test
    void builder_everyOption_landsInItsComponent_andToBuilderKeepsThem() {
        Supplier<ProcdumpConfig> procdump = () -> null;
        ManagementOptions options = ManagementOptions.builder()
                .address("127.0.0.1")
                .port(9443)
                .tls(Path.of("cert.pem"), Path.of("key.pem"))
                .apiKey("key")
                .jwtSecret("secret")
                .allowAnonymous(true)
                .limits(Limits.defaults())
                .browser(Path.of("chrome"), Duration.ofSeconds(30))
                .procdump(procdump)
                .exposeSecrets(true)
                .build();

        assertThat(options)
                .isEqualTo(new ManagementOptions(
                        "127.0.0.1",
                        9443,
                        Path.of("cert.pem"),
                        Path.of("key.pem"),
                        "key",
                        "secret",
                        true,
                        Limits.defaults(),
                        Path.of("chrome"),
                        Duration.ofSeconds(30),
                        procdump,
                        true));
        assertThat(options.toBuilder().build()).isEqualTo(options);
        assertThat(options.withAddress("::1").address()).isEqualTo("::1");
        assertThat(options.withAddress("::1").apiKey()).isEqualTo("key");
    }

    @Test
    void build_keepsTheRecordsChecks() {
        assertThatThrownBy(() -> ManagementOptions.builder().port(70000).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> ManagementOptions.builder()
                        .tls(Path.of("cert.pem"), null)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("both a certificate and a key");
    }
}

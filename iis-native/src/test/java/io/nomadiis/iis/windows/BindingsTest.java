package io.nomadiis.iis.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nomadiis.iis.BindingSpec;
import org.junit.jupiter.api.Test;

class BindingsTest {
    @Test
    void information_allAddressesNoHost_isStarPortColon() {
        assertThat(Bindings.information(new BindingSpec("http", "*", 8080, "", false, null)))
                .isEqualTo("*:8080:");
        assertThat(Bindings.information(new BindingSpec("http", null, 80, null, false, null)))
                .isEqualTo("*:80:");
    }

    @Test
    void information_ipv6AndHost_bracketsAddressAndLowerCasesHost() {
        assertThat(Bindings.information(new BindingSpec("https", "::1", 443, "Example.COM", true, null)))
                .isEqualTo("[::1]:443:example.com");
        assertThat(Bindings.information(new BindingSpec("http", "10.0.0.5", 81, "a.test", false, null)))
                .isEqualTo("10.0.0.5:81:a.test");
    }

    @Test
    void sslFlags_sniOnlyForHttps() {
        assertThat(Bindings.sslFlags(new BindingSpec("https", "*", 443, "a", true, "AB")))
                .isEqualTo(1);
        assertThat(Bindings.sslFlags(new BindingSpec("HTTPS", "*", 443, "a", false, "AB")))
                .isZero();
        assertThat(Bindings.sslFlags(new BindingSpec("http", "*", 80, "a", true, null)))
                .isZero();
    }

    @Test
    void parse_roundTripsInformationFlagsAndHash() {
        BindingSpec parsed = Bindings.parse("https", "[::1]:443:example.com", 1, "ab cd");
        assertThat(parsed).isEqualTo(new BindingSpec("https", "::1", 443, "example.com", true, "ABCD"));
        assertThat(Bindings.parse("http", "*:8080:", 0, null))
                .isEqualTo(new BindingSpec("http", "*", 8080, "", false, null));
    }

    @Test
    void parse_malformed_failsNamingTheText() {
        assertThatThrownBy(() -> Bindings.parse("http", "nonsense", 0, null)).hasMessageContaining("\"nonsense\"");
        assertThatThrownBy(() -> Bindings.parse("http", "*:x:", 0, null)).hasMessageContaining("invalid port");
    }
}

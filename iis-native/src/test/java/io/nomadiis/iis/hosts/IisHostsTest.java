package io.nomadiis.iis.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nomadiis.iis.IisHost;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IisHostsTest {
    @Test
    void choose_windowsAvailable_isWindowsUnlessPortableIsForced() {
        assertThat(IisHosts.choose(null, null)).isEqualTo("windows");
        assertThat(IisHosts.choose("", null)).isEqualTo("windows");
        assertThat(IisHosts.choose(" Portable ", null)).isEqualTo("portable");
        assertThat(IisHosts.choose("windows", null)).isEqualTo("windows");
    }

    @Test
    void choose_windowsUnavailable_isPortableEvenWhenWindowsIsForced() {
        assertThat(IisHosts.choose(null, "not Windows (Linux)")).isEqualTo("portable");
        assertThat(IisHosts.choose("WINDOWS", "IIS is not installed")).isEqualTo("portable");
    }

    @Test
    void choose_unknownValue_failsNamingTheSetting() {
        assertThatThrownBy(() -> IisHosts.choose("docker", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NOMAD_IIS_BACKEND")
                .hasMessageContaining("\"docker\"");
    }

    @Test
    void create_offWindows_isPortable(@TempDir Path stateDir) {
        if (!System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows")) {
            try (IisHost host = IisHosts.create(stateDir)) {
                assertThat(host.backend()).isEqualTo("portable");
            }
        }
    }
}

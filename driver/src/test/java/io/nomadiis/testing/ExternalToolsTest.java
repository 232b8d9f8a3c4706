package io.nomadiis.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class ExternalToolsTest {

    private static final Path MISSING =
            Path.of("/nonexistent/bin/chromium-" + ProcessHandle.current().pid());

    @Test
    void require_toolPresent_returnsIt() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        assertThat(ExternalTools.require(java, "openjdk", true)).isEqualTo(java);
        assertThat(ExternalTools.require(java, "openjdk", false)).isEqualTo(java);
    }

    @Test
    void require_missingOutsideCi_skips() {
        assertThatThrownBy(() -> ExternalTools.require(MISSING, "chromium", false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("chromium");
    }

    @Test
    void require_missingWhereRequired_fails() {
        assertThatThrownBy(() -> ExternalTools.require(MISSING, "chromium", true))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(MISSING.toString())
                .hasMessageContaining("NOMAD_IIS_REQUIRE_TOOLS");
    }
}

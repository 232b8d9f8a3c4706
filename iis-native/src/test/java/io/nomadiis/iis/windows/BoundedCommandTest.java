package io.nomadiis.iis.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link BoundedCommand} with a POSIX shell standing in for {@code sc} and {@code wevtutil}. */
class BoundedCommandTest {
    @BeforeEach
    void needsAShell() {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "a POSIX shell");
    }

    @Test
    void finishedTool_outputWithStandardErrorAndExitCode() {
        BoundedCommand.Result result = BoundedCommand.run(
                        List.of("/bin/sh", "-c", "echo out; echo err >&2; exit 3"), Duration.ofSeconds(30))
                .orElseThrow();
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(new String(result.output(), StandardCharsets.US_ASCII))
                .contains("out")
                .contains("err");
    }

    @Test
    void toolPastItsLimit_isKilledAndGivesNothing() {
        assertThat(BoundedCommand.run(List.of("/bin/sh", "-c", "exec sleep 600"), Duration.ofMillis(200)))
                .isEmpty();
    }

    @Test
    void missingTool_givesNothing() {
        assertThat(BoundedCommand.run(List.of("/nonexistent/tool"), Duration.ofSeconds(5)))
                .isEmpty();
    }
}

package io.nomadiis.driver.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nomadiis.iis.IisException;
import io.nomadiis.iis.portable.PortableIisHost;
import io.nomadiis.iis.portable.StateLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A log line of the iis-native module reaches stderr as hclog JSON with its fields as separate keys: the
 * portable web server (a real service process started by {@link PortableIisHost}, on this module's class
 * path, so with the plugin's logger finder) logs its start with {@code pid} and {@code path}, and its
 * stderr is the service log.
 */
class PortableServiceHclogTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path temp;

    @Test
    void serviceStartLine_isHclogJson_withPidAndPathAsKeys() throws Exception {
        Path stateDir = temp.resolve("state");
        PortableIisHost host = new PortableIisHost(stateDir);
        StateLayout layout = host.layout();
        try {
            host.startPool("no-such-pool");
        } catch (IisException expected) {
            // the service started to answer; the pool does not exist
        }
        JsonNode entry = awaitLine(layout.serviceLog(), "portable web server serving");

        assertThat(entry.get("@level").asText()).isEqualTo("info");
        assertThat(entry.get("@module").asText()).isEqualTo("io.nomadiis.iis.portable.service.PortableWebServer");
        assertThat(entry.get("pid").isIntegralNumber()).isTrue();
        assertThat(entry.get("pid").asLong()).isPositive();
        assertThat(entry.get("path").asText()).isEqualTo(layout.root().toString());
        assertThat(entry.get("control_port").isIntegralNumber()).isTrue();
        assertThat(entry.get("@message").asText()).doesNotContain(layout.root().toString());

        awaitGone(layout, entry.get("pid").asLong());
    }

    private static JsonNode awaitLine(Path log, String message) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : lines(log)) {
                if (line.startsWith("{") && line.endsWith("}")) {
                    JsonNode entry = JSON.readTree(line);
                    if (message.equals(entry.path("@message").asText())) {
                        return entry;
                    }
                }
            }
            Thread.sleep(100);
        }
        fail("no line \"" + message + "\" in " + log + " after " + WAIT + ": " + lines(log));
        return null;
    }

    private static List<String> lines(Path log) throws IOException {
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    }

    /** The service exits by itself with nothing configured; wait so the temp dir can be removed. */
    private static void awaitGone(StateLayout layout, long pid) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> service = ProcessHandle.of(pid);
            if (service.isEmpty() || !service.get().isAlive()) {
                return;
            }
            Thread.sleep(100);
        }
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
}

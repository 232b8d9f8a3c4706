package io.nomadiis.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Context;
import io.nomadiis.proto.drivers.FingerprintRequest;
import io.nomadiis.proto.drivers.FingerprintResponse;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The management API of the packaged plugin, started by {@code --management-api-*} arguments. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ManagementApiIT {
    private static final String KEY = "it-management-key-0123456789";
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private Path stateDir;

    @BeforeEach
    void stateDir() throws Exception {
        stateDir = Files.createTempDirectory("mgmt-it-state");
    }

    @AfterEach
    void cleanUp() throws Exception {
        try (Stream<Path> walk = Files.walk(stateDir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private HttpResponse<String> get(int port, String path, boolean withKey) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (withKey) {
            b.header("X-Api-Key", KEY);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> awaitUp(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                return get(port, "/", false);
            } catch (java.io.IOException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw new AssertionError("management api did not answer on port " + port, last);
    }

    private static FingerprintResponse firstFingerprint(PluginProcess plugin) throws Exception {
        QueueObserver<FingerprintResponse> observer = new QueueObserver<>();
        Context.CancellableContext context = Context.current().withCancellation();
        try {
            context.run(() -> plugin.driverAsync().fingerprint(FingerprintRequest.getDefaultInstance(), observer));
            Object first = observer.events.poll(PluginProcess.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            return first instanceof FingerprintResponse fingerprint ? fingerprint : null;
        } finally {
            context.cancel(null);
        }
    }

    @Test
    void managementApiPort_servesTheApiBesideTheDriver() throws Exception {
        int port = freePort();
        try (PluginProcess plugin = PluginProcess.launch(
                List.of(
                        "--management-api-port=" + port,
                        "--management-api-key=" + KEY,
                        "--management-api-address=127.0.0.1",
                        "--state-dir=" + stateDir),
                Map.of())) {
            HttpResponse<String> root = awaitUp(port);
            assertThat(root.statusCode()).isEqualTo(200);
            assertThat(root.body()).contains("nomad_iis");
            assertThat(get(port, "/api/v1/openapi.json", false).body()).contains("\"openapi\"");
            assertThat(get(port, "/api/v1/debug", false).statusCode()).isEqualTo(401);
            HttpResponse<String> debug = get(port, "/api/v1/debug", true);
            assertThat(debug.statusCode()).isEqualTo(200);
            assertThat(debug.body()).contains("\"iisHandleCount\":0");
            assertThat(get(port, "/api/v1/allocs/none/web/status", true).statusCode())
                    .isEqualTo(404);
            FingerprintResponse fingerprint = firstFingerprint(plugin);
            assertThat(fingerprint
                            .getAttributesMap()
                            .get("driver.iis.management_api_enabled")
                            .getBoolVal())
                    .isTrue();
            assertThat(fingerprint
                            .getAttributesMap()
                            .get("driver.iis.management_api_port")
                            .getIntVal())
                    .isEqualTo((long) port);
        }
    }

    @Test
    void managementApiPortInUse_driverKeepsWorking_fingerprintSaysDisabled() throws Exception {
        try (ServerSocket taken = new ServerSocket(0);
                PluginProcess plugin = PluginProcess.launch(
                        List.of(
                                "--management-api-port=" + taken.getLocalPort(),
                                "--management-api-key=" + KEY,
                                "--state-dir=" + stateDir),
                        Map.of())) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            boolean enabled = true;
            while (enabled && System.nanoTime() < deadline) {
                enabled = firstFingerprint(plugin)
                        .getAttributesMap()
                        .get("driver.iis.management_api_enabled")
                        .getBoolVal();
                if (enabled) {
                    Thread.sleep(200);
                }
            }
            assertThat(enabled).isFalse();
            assertThat(String.join("\n", plugin.stderrLines())).contains("management api disabled");
            assertThat(plugin.process().isAlive()).isTrue();
        }
    }
}

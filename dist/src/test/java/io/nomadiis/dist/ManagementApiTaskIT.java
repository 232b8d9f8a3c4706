package io.nomadiis.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.nomadiis.driver.config.TaskConfigSpec;
import io.nomadiis.driver.config.msgpack.CtyMsgpackWriter;
import io.nomadiis.proto.drivers.DestroyTaskRequest;
import io.nomadiis.proto.drivers.PortMapping;
import io.nomadiis.proto.drivers.Resources;
import io.nomadiis.proto.drivers.StartTaskRequest;
import io.nomadiis.proto.drivers.TaskConfig;
import io.nomadiis.testing.ExternalTools;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A task started over gRPC on the packaged plugin, then managed over its management API: status,
 * a zip deployed into the site, and a screenshot through the bundled Playwright driver and the
 * host's Chromium.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ManagementApiTaskIT {
    private static final String KEY = "it-task-key-0123456789";
    private static final String ALLOC = "7d1c3b2a-0000-4000-8000-00000000beef";
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private HttpResponse<byte[]> send(String method, String url, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("X-Api-Key", KEY)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private String site(int port, String path) {
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() + " " + r.body();
        } catch (Exception e) {
            return "down";
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void startedTask_managedThroughTheApi_statusZipDeployAndScreenshot() throws Exception {
        Path temp = Files.createTempDirectory("mgmt-task-it");
        int apiPort = freePort();
        int sitePort = freePort();
        Path allocDir = temp.resolve("alloc");
        Path www = Files.createDirectories(allocDir.resolve("web/local/www"));
        Files.writeString(www.resolve("index.html"), "v1");
        Path logs = Files.createDirectories(allocDir.resolve("alloc/logs"));
        String taskId = ALLOC + "/web/0a1b2c3d";
        try (PluginProcess plugin = PluginProcess.launch(
                List.of(
                        "--management-api-port=" + apiPort,
                        "--management-api-key=" + KEY,
                        "--management-api-address=127.0.0.1",
                        "--state-dir=" + temp.resolve("state")),
                Map.of())) {
            byte[] config = CtyMsgpackWriter.encode(
                    TaskConfigSpec.spec(),
                    Map.of(
                            "application", List.of(Map.of("path", "local/www")),
                            "binding", List.of(Map.of("type", "http", "port", "http"))));
            plugin.driver()
                    .withDeadlineAfter(2, TimeUnit.MINUTES)
                    .startTask(StartTaskRequest.newBuilder()
                            .setTask(TaskConfig.newBuilder()
                                    .setId(taskId)
                                    .setName("web")
                                    .setAllocId(ALLOC)
                                    .setNamespace("default")
                                    .setJobId("shop")
                                    .setJobName("shop")
                                    .setTaskGroupName("frontend")
                                    .setAllocDir(allocDir.toString())
                                    .setMsgpackDriverConfig(ByteString.copyFrom(config))
                                    .setStdoutPath(logs.resolve("web.stdout").toString())
                                    .setStderrPath(logs.resolve("web.stderr").toString())
                                    .setResources(Resources.newBuilder()
                                            .addPorts(PortMapping.newBuilder()
                                                    .setLabel("http")
                                                    .setValue(sitePort))))
                            .build());
            try {
                await("the site", () -> site(sitePort, "/").equals("200 v1"));
                String api = "http://127.0.0.1:" + apiPort + "/api/v1/allocs/" + ALLOC + "/web/";
                HttpResponse<byte[]> status = send("GET", api + "status", null, null);
                assertThat(status.statusCode()).isEqualTo(200);
                assertThat(new String(status.body(), StandardCharsets.UTF_8)).contains("\"status\":\"Started\"");

                HttpResponse<byte[]> upload = send(
                        "PATCH",
                        api + "fs/local%2Fwww",
                        "application/zip",
                        zip(Map.of(
                                "index.html",
                                "v2",
                                "blue.html",
                                "<html><body style='margin:0;background:#0000ff'></body></html>")));
                assertThat(upload.statusCode()).isEqualTo(200);
                assertThat(site(sitePort, "/")).isEqualTo("200 v2");

                ExternalTools.require(Path.of("/usr/bin/chromium"), "chromium");
                HttpResponse<byte[]> shot =
                        send("GET", api + "screenshot?path=/blue.html&width=400&height=300", null, null);
                assertThat(shot.statusCode())
                        .as(new String(shot.body(), StandardCharsets.UTF_8))
                        .isEqualTo(200);
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(shot.body()));
                assertThat(image.getWidth()).isEqualTo(400);
                assertThat(image.getRGB(200, 150) & 0xFFFFFF).isEqualTo(0x0000FF);
            } finally {
                plugin.driver()
                        .withDeadlineAfter(2, TimeUnit.MINUTES)
                        .destroyTask(DestroyTaskRequest.newBuilder()
                                .setTaskId(taskId)
                                .setForce(true)
                                .build());
            }
        } finally {
            try (Stream<Path> walk = Files.walk(temp)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static byte[] zip(Map<String, String> files) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                zip.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}

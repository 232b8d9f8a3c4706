package io.nomadiis.mgmt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nomadiis.driver.config.PluginConfig;
import io.nomadiis.driver.config.TaskConfigSpec;
import io.nomadiis.driver.config.msgpack.CtyMsgpackWriter;
import io.nomadiis.driver.task.CtyTaskConfigParser;
import io.nomadiis.driver.task.DriverSettings;
import io.nomadiis.driver.task.IisTaskDriver;
import io.nomadiis.driver.task.TaskIdentity;
import io.nomadiis.driver.task.TaskPort;
import io.nomadiis.driver.task.TaskRequest;
import io.nomadiis.iis.portable.PortableIisHost;
import io.nomadiis.mgmt.files.Trees;
import io.nomadiis.testing.ExternalTools;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The routes against a real task started by the driver core ({@link IisTaskDriver}, whose registry
 * the API reads) on the portable host: real worker processes, real HTTP.
 */
class PortableHostRoutesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static Path stateDir;
    static PortableIisHost host;
    static ApiFixture api;
    static IisTaskDriver driver;
    static TaskRequest request;
    static int sitePort;
    static String pool;

    @BeforeAll
    static void deploy() throws Exception {
        stateDir = Files.createTempDirectory("mgmt-portable-state");
        host = new PortableIisHost(stateDir);
        driver = new IisTaskDriver(
                host,
                new CtyTaskConfigParser(),
                new DriverSettings(stateDir, Map.of("HOME", "/nonexistent"), Duration.ofMillis(500)),
                new PluginConfig(
                        true,
                        Duration.ofSeconds(30),
                        false,
                        List.of(),
                        List.of("ApplicationPoolIdentity"),
                        List.of(),
                        null,
                        null));
        api = new ApiFixture(
                host,
                Limits.defaults(),
                ManagementOptions.of(0, ApiFixture.API_KEY, null, false)
                        .withBrowser(Path.of("/usr/bin/chromium"), Duration.ofMinutes(5)),
                driver.directory());
        Path www = Files.createDirectories(api.taskDir.resolve("local/www"));
        Files.writeString(www.resolve("index.html"), "<h1>v1</h1>");
        Path logs = Files.createDirectories(api.taskDir.getParent().resolve("alloc/logs"));
        try (ServerSocket s = new ServerSocket(0)) {
            sitePort = s.getLocalPort();
        }
        byte[] config = CtyMsgpackWriter.encode(
                TaskConfigSpec.spec(),
                Map.of(
                        "application", List.of(Map.of("path", "local/www")),
                        // a worker that cannot start fails in seconds, not after IIS's default 90 s
                        "application_pool", List.of(Map.of("name", "default", "start_time_limit", "10s")),
                        "binding", List.of(Map.of("type", "http", "port", "http"))));
        request = new TaskRequest(
                new TaskIdentity(
                        ApiFixture.ALLOC + "/web/r4nd0m00",
                        ApiFixture.ALLOC,
                        "web",
                        "default",
                        "shop",
                        "shop",
                        "frontend"),
                api.taskDir.getParent(),
                Map.of(),
                List.of(new TaskPort("http", sitePort, 0, "")),
                logs.resolve("web.stdout").toString(),
                logs.resolve("web.stderr").toString(),
                100,
                64,
                config);
        driver.startTask(request);
        pool = driver.directory()
                .find(ApiFixture.ALLOC, "web")
                .orElseThrow()
                .appPools()
                .get("default");
        await("site up", () -> site("/").statusCode() == 200);
    }

    @AfterAll
    static void remove() throws Exception {
        try {
            if (request != null) {
                driver.destroyTask(request.taskId(), true);
            }
            driver.close();
        } finally {
            if (api != null) {
                api.close();
            }
            host.close();
            Trees.deleteRecursively(stateDir);
        }
    }

    static HttpResponse<String> site(String path) {
        try {
            return api.client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sitePort + path))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<Long> pids() {
        return host.poolRuntime(pool).workerPids();
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                // not yet
            }
            Thread.sleep(50);
        }
        fail("timed out waiting for " + what);
    }

    @Test
    void patchZip_siteServesTheNewContent_withoutRestartingTheWorker() throws Exception {
        List<Long> before = pids();
        HttpResponse<String> r = api.upload(
                "PATCH",
                api.taskUrl("fs/local%2Fwww"),
                "application/zip",
                Zips.of(Map.of("index.html", "<h1>patched</h1>", "about.html", "about")));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(site("/").body()).isEqualTo("<h1>patched</h1>");
        assertThat(site("/about.html").body()).isEqualTo("about");
        assertThat(pids()).isEqualTo(before);
    }

    @Test
    void putFile_slowBody_siteKeepsServingUntilTheBodyIsComplete_thenRestartsWithANewWorker() throws Exception {
        List<Long> before = pids();
        assertThat(before).isNotEmpty();
        byte[] first = "<h1>cold ".getBytes(StandardCharsets.UTF_8);
        byte[] rest = "deploy</h1>".getBytes(StandardCharsets.UTF_8);
        try (java.net.Socket socket =
                new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), api.server.port())) {
            socket.setSoTimeout(60_000);
            String head = "PUT /api/v1/allocs/" + ApiFixture.ALLOC + "/" + ApiFixture.TASK
                    + "/fs/local/www/index.html HTTP/1.1\r\n"
                    + "Host: x\r\nX-Api-Key: " + ApiFixture.API_KEY + "\r\nContent-Type: text/html\r\nContent-Length: "
                    + (first.length + rest.length) + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(first);
            socket.getOutputStream().flush();
            await("the body's first part staged", () -> staging().count() == 1);
            for (int i = 0; i < 20; i++) {
                Thread.sleep(50);
                assertThat(site("/").statusCode())
                        .as("the site serves while the body trickles in")
                        .isEqualTo(200);
            }
            assertThat(pids()).isEqualTo(before);
            socket.getOutputStream().write(rest);
            socket.getOutputStream().flush();
            String response =
                    new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(response).startsWith("HTTP/1.1 200");
        }
        assertThat(site("/").body()).isEqualTo("<h1>cold deploy</h1>");
        assertThat(pids()).isNotEmpty().doesNotContainAnyElementsOf(before);
    }

    static java.util.stream.Stream<Path> staging() {
        try (java.util.stream.Stream<Path> s = Files.list(api.taskDir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".nomad-iis-upload-")).toList().stream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void putWhosePoolCannotStartAgain_errorNamesThePoolAndTheHostsReason_filesInPlace() throws Exception {
        String config = "<configuration><system.webServer><aspNetCore processPath=\"/nonexistent/app\" />"
                + "</system.webServer></configuration>";
        try {
            HttpResponse<String> r = api.upload(
                    "PUT",
                    api.taskUrl("fs/local/www/web.config"),
                    "application/xml",
                    config.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(500);
            assertThat(r.body())
                    .contains("files are in place")
                    .contains("app pool default (" + pool + ") did not start again")
                    .contains("worker process of app pool");
            assertThat(r.body()).doesNotContain("poolsRestarted");
            assertThat(api.taskDir.resolve("local/www/web.config")).hasContent(config);
        } finally {
            Files.deleteIfExists(api.taskDir.resolve("local/www/web.config"));
            api.send(api.authed(api.taskUrl("start"))
                    .PUT(HttpRequest.BodyPublishers.noBody())
                    .build());
            await("site up again", () -> site("/").statusCode() == 200);
        }
    }

    @Test
    void statusStopStartRecycle_reflectTheRealWorker() throws Exception {
        JsonNode status = JSON.readTree(api.get(api.taskUrl("status")).body());
        JsonNode p = status.get("applicationPools").get(0);
        assertThat(p.get("status").asText()).isEqualTo("Started");
        assertThat(p.get("isWorkerProcessRunning").asBoolean()).isTrue();
        long pid = p.get("workerProcessIds").get(0).asLong();
        assertThat(ProcessHandle.of(pid)).isPresent();

        HttpResponse<String> stop = api.send(api.authed(api.taskUrl("stop"))
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(JSON.readTree(stop.body())
                        .get("applicationPools")
                        .get(0)
                        .get("status")
                        .asText())
                .isEqualTo("Stopped");
        assertThat(site("/").statusCode()).isEqualTo(503);
        api.send(api.authed(api.taskUrl("start"))
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build());
        await("site up again", () -> site("/").statusCode() == 200);
        List<Long> started = pids();
        api.send(api.authed(api.taskUrl("recycle"))
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build());
        await("a new worker", () -> !pids().isEmpty() && !pids().equals(started));
        await("site up after recycle", () -> site("/").statusCode() == 200);
    }

    @Test
    void procdump_ofTheRealWorker_viaGcore() throws Exception {
        ExternalTools.require(Path.of("/usr/bin/gcore"), "gdb");
        long pid = pids().get(0);
        HttpResponse<InputStream> r = api.client.send(
                api.authed(api.taskUrl("procdump?appPoolName=default"))
                        .timeout(Duration.ofMinutes(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            byte[] head = in.readNBytes(4);
            assertThat(r.statusCode())
                    .as(new String(head, StandardCharsets.UTF_8))
                    .isEqualTo(200);
            assertThat(head).startsWith(0x7F, 'E', 'L', 'F');
            long total = 4;
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
            }
            assertThat(total)
                    .isEqualTo(Long.parseLong(
                            r.headers().firstValue("Content-Length").orElseThrow()))
                    .isGreaterThan(1 << 20);
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).hasValue(true);
        await("site still up", () -> site("/").statusCode() == 200);
    }

    @Test
    void screenshot_ofTheRealSite_isAPngOfItsColour() throws Exception {
        ExternalTools.require(Path.of("/usr/bin/chromium"), "chromium");
        HttpResponse<String> up = api.upload(
                "PATCH",
                api.taskUrl("fs/local/www/green.html"),
                "text/html",
                "<html><body style='margin:0;background:#00ff00'></body></html>".getBytes(StandardCharsets.UTF_8));
        assertThat(up.statusCode()).isEqualTo(200);
        HttpResponse<byte[]> r =
                api.sendBytes(api.authed(api.taskUrl("screenshot?path=/green.html&width=800&height=600"))
                        .GET()
                        .build());
        assertThat(r.statusCode())
                .as(new String(r.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        assertThat(r.body()).startsWith(0x89, 'P', 'N', 'G');
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(r.body()));
        assertThat(image.getWidth()).isEqualTo(800);
        assertThat(image.getHeight()).isGreaterThanOrEqualTo(600);
        assertThat(image.getRGB(400, 300) & 0xFFFFFF).isEqualTo(0x00FF00);
    }

    @Test
    void folderDownload_ofTheSiteFolder_equalsTheFolder() throws Exception {
        HttpResponse<byte[]> r =
                api.sendBytes(api.authed(api.taskUrl("fs/local/www")).GET().build());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Zips.read(r.body())).isEqualTo(Zips.tree(api.taskDir.resolve("local/www")));
    }
}

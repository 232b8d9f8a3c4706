package io.nomadiis.driver.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.nomadiis.driver.config.TaskConfigSpec;
import io.nomadiis.driver.config.msgpack.CtyMsgpackWriter;
import io.nomadiis.iis.portable.PortableIisHost;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code iis_log = true}: the site's W3C request log lands under the task dir and reaches the task's stdout. */
class IisLogForwardingTest {
    @TempDir
    Path temp;

    private PortableIisHost host;
    private IisTaskDriver driver;

    @AfterEach
    void tearDown() throws Exception {
        if (driver != null) {
            for (RunningTask h : driver.registry().handles()) {
                driver.destroyTask(h.taskId(), true);
            }
            driver.close();
        }
        if (host != null) {
            PortableTestSupport.shutdown(host, temp.resolve("state"));
        }
    }

    @Test
    void iisLog_requestsAppearInTheTaskStdout() throws Exception {
        Path stateDir = temp.resolve("state");
        host = new PortableIisHost(stateDir);
        driver = new IisTaskDriver(
                host,
                new CtyTaskConfigParser(),
                new DriverSettings(stateDir, Map.of("HOME", "/nonexistent"), Duration.ofMillis(200)),
                TaskFixtures.pluginConfig());
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path allocDir = temp.resolve("alloc");
        Path site = Files.createDirectories(allocDir.resolve("web/local/site"));
        Files.writeString(site.resolve("index.html"), "logged");
        Files.createDirectories(allocDir.resolve("alloc/logs"));
        Path stdout = allocDir.resolve("alloc/logs/web.stdout");
        byte[] config = CtyMsgpackWriter.encode(
                TaskConfigSpec.spec(),
                Map.of(
                        "application", List.of(Map.of("path", "local/site")),
                        "binding", List.of(Map.of("type", "http", "port", "http")),
                        "iis_log", true));
        TaskIdentity id = new TaskIdentity(
                TaskFixtures.ALLOC + "/web/r4nd0m00", TaskFixtures.ALLOC, "web", "default", "job", "job", "group");
        TaskRequest request = new TaskRequest(
                id,
                allocDir,
                Map.of(),
                List.of(new TaskPort("http", port, 0, "")),
                stdout.toString(),
                allocDir.resolve("alloc/logs/web.stderr").toString(),
                100,
                64,
                config);

        driver.startTask(request);
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/index.html?from=test"))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Path logFolder = allocDir.resolve("web/logs/iis/W3SVC-portable");
        // the worker writes the request's log line after answering it: wait for the folder, then check it
        while (!Files.isDirectory(logFolder) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(logFolder).isDirectory();
        String forwarded = "";
        while (System.nanoTime() < deadline) {
            forwarded = Files.exists(stdout) ? Files.readString(stdout) : "";
            if (forwarded.contains("GET /index.html from=test " + port)) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(forwarded)
                .contains("#Fields: date time s-ip cs-method")
                .contains("GET /index.html from=test " + port + " - 127.0.0.1");
    }
}

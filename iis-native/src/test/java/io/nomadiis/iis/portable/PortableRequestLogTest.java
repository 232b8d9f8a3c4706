package io.nomadiis.iis.portable;

import static org.assertj.core.api.Assertions.assertThat;

import io.nomadiis.iis.AppPoolSpec;
import io.nomadiis.iis.ApplicationSpec;
import io.nomadiis.iis.BindingSpec;
import io.nomadiis.iis.IisHostFixture;
import io.nomadiis.iis.PoolIdentity;
import io.nomadiis.iis.PoolSettings;
import io.nomadiis.iis.SiteSpec;
import io.nomadiis.iis.WebsiteDeployment;
import io.nomadiis.iis.WebsiteRemoval;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A site with a log directory gets IIS's W3C request log there, written by the real portable service. */
class PortableRequestLogTest {
    @TempDir
    Path temp;

    @Test
    void siteWithLogDirectory_writesW3cLinesPerRequest_andSitesWithoutOneWriteNothing() throws Exception {
        Path stateDir = temp.resolve("state");
        PortableIisHost host = new PortableIisHost(stateDir);
        Path www = Files.createDirectories(temp.resolve("www"));
        Files.writeString(www.resolve("index.html"), "ok");
        Path logs = temp.resolve("task/logs/iis");
        String name = "nomad-w3c";
        int port = IisHostFixture.freePort();
        AppPoolSpec pool = new AppPoolSpec(
                name,
                PoolIdentity.APPLICATION_POOL_IDENTITY,
                null,
                null,
                PoolSettings.none(),
                Map.of(),
                List.of(),
                null,
                null);
        host.deploy(new WebsiteDeployment(
                List.of(pool),
                new SiteSpec(
                        name,
                        List.of(new BindingSpec("http", "*", port, "", false, null)),
                        List.of(new ApplicationSpec("/", www, name, null, null, null, List.of(), List.of())),
                        name,
                        logs),
                true,
                List.of()));
        try {
            assertThat(host.site(name).orElseThrow().logDirectory()).isEqualTo(logs);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> ok = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/index.html?a=1"))
                            .header("User-Agent", "probe agent/1.0")
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            HttpResponse<String> missing = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/missing.txt"))
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(missing.statusCode()).isEqualTo(404);

            String day = DateTimeFormatter.ofPattern("yyMMdd", Locale.ROOT).format(LocalDate.now(ZoneOffset.UTC));
            Path file = logs.resolve("W3SVC-portable").resolve("u_ex" + day + ".log");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while ((!Files.exists(file) || Files.readAllLines(file).size() < 6) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            List<String> lines = Files.readAllLines(file);
            assertThat(lines.get(0)).isEqualTo("#Software: Microsoft Internet Information Services 10.0");
            assertThat(lines.get(1)).isEqualTo("#Version: 1.0");
            assertThat(lines.get(2)).startsWith("#Date: ");
            assertThat(lines.get(3))
                    .isEqualTo("#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip "
                            + "cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken");
            assertThat(lines.get(4).split(" "))
                    .hasSize(15)
                    .containsSequence("GET", "/index.html", "a=1", Integer.toString(port), "-", "127.0.0.1")
                    .containsSequence("probe+agent/1.0", "-", "200", "0", "0");
            assertThat(lines.get(5).split(" "))
                    .containsSequence("GET", "/missing.txt", "-")
                    .contains("404");
            try (Stream<Path> files = Files.list(logs)) {
                assertThat(files).containsExactly(logs.resolve("W3SVC-portable"));
            }
        } finally {
            host.remove(new WebsiteRemoval(name, true, List.of(), List.of(name), List.of(), List.of()));
            PortableTestSupport.awaitServiceGone(stateDir);
        }
    }
}

package io.nomadiis.mgmt;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.nomadiis.iis.BindingSpec;
import io.nomadiis.testing.ExternalTools;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Screenshots through Debian's Chromium (skipped where /usr/bin/chromium is absent, a failure under .ci/run). */
class ScreenshotRouteTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static ApiFixture api;
    static HttpServer site;

    @BeforeAll
    static void start() throws Exception {
        ExternalTools.require(CHROMIUM, "chromium");
        site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        site.createContext("/", ex -> {
            byte[] page = ("<html><body style='margin:0;background:rgb(255,0,0)'><div style='height:"
                            + (ex.getRequestURI().getPath().equals("/tall") ? 3000 : 10) + "px'></div></body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/html");
            ex.sendResponseHeaders(200, page.length);
            ex.getResponseBody().write(page);
            ex.close();
        });
        site.start();
        api = ApiFixture.onIisDouble(
                Limits.defaults(),
                ManagementOptions.of(0, ApiFixture.API_KEY, null, false).withBrowser(CHROMIUM, Duration.ofMinutes(5)));
        api.replaceTask(api.taskWithBindings(List.of(
                new BindingSpec("https", "*", 1, "", false, "ab"),
                new BindingSpec("http", "127.0.0.1", site.getAddress().getPort(), "", false, null))));
    }

    @AfterAll
    static void stop() throws Exception {
        if (api != null) {
            api.close();
        }
        if (site != null) {
            site.stop(0);
        }
    }

    private static BufferedImage png(HttpResponse<byte[]> r) throws Exception {
        assertThat(r.statusCode())
                .as(new String(r.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(r.body()).startsWith(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
        return ImageIO.read(new ByteArrayInputStream(r.body()));
    }

    @Test
    void screenshot_ofTheSitesHttpBinding_isAPngOfTheRedPage() throws Exception {
        BufferedImage image =
                png(api.sendBytes(api.authed(api.taskUrl("screenshot?path=/&width=640&height=360&fullPage=false"))
                        .GET()
                        .build()));
        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(360);
        assertThat(image.getRGB(320, 180) & 0xFFFFFF).isEqualTo(0xFF0000);
    }

    @Test
    void screenshot_fullPage_coversTheWholePage() throws Exception {
        BufferedImage image = png(api.sendBytes(api.authed(api.taskUrl("screenshot?path=/tall&width=400&height=300"))
                .GET()
                .build()));
        assertThat(image.getWidth()).isEqualTo(400);
        assertThat(image.getHeight()).isGreaterThanOrEqualTo(3000);
    }

    @Test
    void screenshot_concurrentRequests_allSucceedWithOneBrowser() throws Exception {
        List<CompletableFuture<HttpResponse<byte[]>>> all = IntStream.range(0, 4)
                .mapToObj(i -> api.client.sendAsync(
                        api.authed(api.taskUrl("screenshot?width=320&height=200&fullPage=false"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray()))
                .toList();
        for (CompletableFuture<HttpResponse<byte[]>> f : all) {
            assertThat(png(f.get()).getWidth()).isEqualTo(320);
        }
    }

    @Test
    void screenshotService_idle_closesTheBrowserAndReopensOnDemand() throws Exception {
        try (io.nomadiis.mgmt.screenshot.ScreenshotService service =
                new io.nomadiis.mgmt.screenshot.ScreenshotService(CHROMIUM, Duration.ofSeconds(2))) {
            String url = "http://127.0.0.1:" + site.getAddress().getPort() + "/";
            assertThat(service.capture(url, 200, 100, false)).startsWith(0x89, 'P', 'N', 'G');
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (service.browserOpen() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(service.browserOpen()).isFalse();
            assertThat(service.capture(url, 200, 100, false)).startsWith(0x89, 'P', 'N', 'G');
        }
    }

    @Test
    void screenshot_pathWithoutSlash_defaults1920FullPage_namedAsTheCSharpPlugin() throws Exception {
        HttpResponse<byte[]> r = api.sendBytes(
                api.authed(api.taskUrl("screenshot?path=tall")).GET().build());
        BufferedImage image = png(r);
        assertThat(image.getWidth()).isEqualTo(1920);
        assertThat(image.getHeight()).as("/tall, full page").isGreaterThanOrEqualTo(3000);
        assertThat(r.headers().firstValue("Content-Disposition").orElseThrow())
                .matches("attachment; filename=\"screenshot_" + ApiFixture.ALLOC + "_" + ApiFixture.TASK
                        + "_\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}\\.png\".*");
    }

    @Test
    void screenshot_badPathOrSize_400() throws Exception {
        assertThat(api.get(api.taskUrl("screenshot?path=//evil.example/")).statusCode())
                .isEqualTo(400);
        assertThat(api.get(api.taskUrl("screenshot?width=0")).statusCode()).isEqualTo(400);
    }
}

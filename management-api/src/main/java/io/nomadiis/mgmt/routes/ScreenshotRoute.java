package io.nomadiis.mgmt.routes;

import static java.util.Objects.requireNonNull;

import io.nomadiis.driver.task.TaskView;
import io.nomadiis.iis.BindingSpec;
import io.nomadiis.mgmt.auth.Capability;
import io.nomadiis.mgmt.http.ApiException;
import io.nomadiis.mgmt.http.Exchange;
import io.nomadiis.mgmt.http.Route;
import io.nomadiis.mgmt.screenshot.ScreenshotService;
import java.util.List;
import java.util.Map;

/**
 * {@code GET screenshot?path=/&width=&height=&fullPage=}: a PNG of
 * {@code http://localhost:<first http binding port><path>} (a path without a leading {@code /} gets one),
 * 1920x1080 full page by default, named {@code screenshot_<allocId>_<task>_<timestamp>.png} as by the C#
 * plugin; 404 when the site has no http binding.
 */
public final class ScreenshotRoute {
    private final ScreenshotService screenshots;

    public ScreenshotRoute(ScreenshotService screenshots) {
        this.screenshots = requireNonNull(screenshots, "screenshots");
    }

    public List<Route> routes() {
        return List.of(Route.of(
                "GET",
                AppPoolRoutes.BASE + "screenshot",
                Capability.SCREENSHOTS,
                "PNG screenshot of the site's first http binding (headless Chromium)",
                "image/png",
                this::screenshot));
    }

    private void screenshot(Exchange ex) {
        String path = withLeadingSlash(ex.query("path").orElse("/"));
        if (path.startsWith("//") || path.chars().anyMatch(c -> c <= ' ' || c == '\\')) {
            throw ApiException.badRequest("path must be an absolute url path such as /index.html");
        }
        int width = ex.queryInt("width", 1920, 16, 7680);
        int height = ex.queryInt("height", 1080, 16, 7680);
        boolean fullPage = ex.queryFlag("fullPage", true);
        String url = "http://" + host(firstHttpBinding(ex.task())) + ":"
                + firstHttpBinding(ex.task()).port() + path;
        byte[] png = screenshots.capture(url, width, height, fullPage);
        String name = DownloadNames.screenshot(
                ex.task().identity().allocId(),
                ex.task().identity().taskName(),
                java.time.LocalDateTime.now(java.time.ZoneId.systemDefault()));
        ex.sendBytes(200, "image/png", png, Map.of("Content-Disposition", FileRoutes.disposition(name)));
    }

    /** A path without a leading {@code /} gets one, as in the C# plugin ({@code index.html} is {@code /index.html}). */
    static String withLeadingSlash(String path) {
        return path.startsWith("/") ? path : "/" + path;
    }

    static BindingSpec firstHttpBinding(TaskView task) {
        return task.bindings().stream()
                .filter(b -> "http".equalsIgnoreCase(b.protocol()))
                .findFirst()
                .orElseThrow(() -> ApiException.notFound(
                        "the site of task " + task.identity().taskName() + " has no http binding"));
    }

    private static String host(BindingSpec binding) {
        String ip = binding.ipAddress();
        if (ip == null || ip.isEmpty() || ip.equals("*") || ip.equals("0.0.0.0") || ip.equals("::")) {
            return "localhost";
        }
        return ip.contains(":") ? "[" + ip + "]" : ip;
    }
}

package io.nomadiis.iis.portable.worker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.nomadiis.build.SuppressForbidden;
import io.nomadiis.iis.portable.WorkerSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker's request pipeline: picks the application by the longest path prefix on the site the
 * service names in {@value #SITE_HEADER}, then either proxies to the application's ANCM child process
 * or serves static files from the longest matching virtual directory.
 *
 * <p>Threads: requests run on the worker's {@code worker-request-*} threads, many at once; draining runs on
 * the {@code worker-shutdown} hook thread and waits for the in-flight count (an atomic) to reach zero.
 */
final class WorkerHandler implements HttpHandler {
    /** The header by which the service tells the worker which site a request came in on. */
    static final String SITE_HEADER = "X-Nomadiis-Site";

    private final List<Application> applications;
    private final AtomicInteger inFlight = new AtomicInteger();

    /**
     * An application as the worker runs it.
     *
     * @param mount where it is mounted and its folders
     * @param aspNetCore its ANCM child process, or null for static content
     * @param configError why its {@code web.config} cannot be loaded (every request answers 500.19, as
     *     IIS does, and no file of the folder is served), or null
     * @param directoryErrors virtual directory path to why its {@code web.config} cannot be loaded
     */
    record Application(
            WorkerSpec.Mount mount,
            AspNetCoreProcess aspNetCore,
            String configError,
            Map<String, String> directoryErrors) {
        Application {
            directoryErrors = Map.copyOf(directoryErrors);
        }
    }

    WorkerHandler(List<Application> applications) {
        List<Application> sorted = new ArrayList<>(applications);
        sorted.sort(Comparator.comparingInt((Application a) -> a.mount().path().length())
                .reversed());
        this.applications = List.copyOf(sorted);
    }

    @Override
    @SuppressForbidden(
            reason = "the pool worker is its own process; its stderr is the pool log the portable service appends to")
    public void handle(HttpExchange exchange) throws IOException {
        inFlight.incrementAndGet();
        try {
            route(exchange);
        } catch (IOException | RuntimeException e) {
            System.err.println("request " + exchange.getRequestURI() + " failed: " + e);
            exchange.close();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Waits until no request is in flight, up to {@code millis}. */
    void drain(long millis) {
        long deadline = System.currentTimeMillis() + millis;
        while (inFlight.get() > 0 && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String site = exchange.getRequestHeaders().getFirst(SITE_HEADER);
        String path = exchange.getRequestURI().getPath();
        for (Application app : applications) {
            WorkerSpec.Mount mount = app.mount();
            int length = UrlPrefix.match(mount.path(), path);
            if (length < 0 || (site != null && !site.equals(mount.site()))) {
                continue;
            }
            if (app.configError() != null) {
                configurationError(exchange);
            } else if (app.aspNetCore() != null) {
                app.aspNetCore().forward(exchange);
            } else {
                serveStatic(exchange, app, path.substring(length));
            }
            return;
        }
        ErrorPages.send(exchange, 404, "0", "Not Found");
    }

    private static void serveStatic(HttpExchange exchange, Application app, String relative) throws IOException {
        Path root = app.mount().physicalPath();
        String rest = relative;
        String directory = null;
        int best = -1;
        for (WorkerSpec.VirtualDirectory vdir : app.mount().virtualDirectories()) {
            int length = UrlPrefix.match(vdir.path(), relative);
            if (length > best) {
                best = length;
                root = vdir.physicalPath();
                rest = relative.substring(length);
                directory = vdir.path();
            }
        }
        if (directory != null && app.directoryErrors().containsKey(directory)) {
            configurationError(exchange);
            return;
        }
        StaticFiles.serve(exchange, root.toAbsolutePath().normalize(), rest);
    }

    /** IIS's answer when the configuration for the URL cannot be loaded (details go to the task's stderr). */
    private static void configurationError(HttpExchange exchange) throws IOException {
        ErrorPages.send(exchange, 500, "19", "Internal Server Error");
    }
}

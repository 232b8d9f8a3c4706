package io.nomadiis.iis.portable.service;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.nomadiis.iis.ApplicationSpec;
import io.nomadiis.iis.SiteSpec;
import io.nomadiis.iis.portable.HttpForwarder;
import io.nomadiis.log.LogField;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The HTTP.sys part of one endpoint: routes each request to its site, application and pool and
 * proxies it to the pool's worker. A stopped pool answers 503 ({@code HttpLevel}) or drops the
 * connection ({@code TcpLevel}); a request that finds the pool starting waits for its worker.
 *
 * <p>Threads: runs on the service's {@code portable-host-*} threads, one request per call, many at once;
 * it reads the routing snapshot (a volatile reference) and the pool supervisors, and never takes the
 * application host's operation lock.
 */
final class SiteHandler implements HttpHandler {
    private static final System.Logger LOG = System.getLogger(SiteHandler.class.getName());
    private static final String SITE_HEADER = "X-Nomadiis-Site";

    private final Endpoint endpoint;
    private final Supplier<Routing> routing;
    private final Function<String, PoolSupervisor> pools;
    private final HttpForwarder forwarder;

    SiteHandler(
            Endpoint endpoint,
            Supplier<Routing> routing,
            Function<String, PoolSupervisor> pools,
            HttpForwarder forwarder) {
        this.endpoint = endpoint;
        this.routing = routing;
        this.pools = pools;
        this.forwarder = forwarder;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        Instant at = Instant.now();
        SiteSpec site = null;
        try {
            site = routing.get().site(endpoint, exchange.getRequestHeaders().getFirst("Host"));
            if (site == null) {
                plain(exchange, 400, "Bad Request - Invalid Hostname");
                return;
            }
            ApplicationSpec app =
                    Routing.application(site, exchange.getRequestURI().getPath());
            PoolSupervisor pool = app == null ? null : pools.apply(app.poolName());
            if (pool == null) {
                plain(exchange, 404, "Not Found");
                return;
            }
            proxy(exchange, site, pool);
        } catch (IOException | RuntimeException e) {
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "site request failed",
                    LogField.site(site == null ? null : site.name()),
                    LogField.of("endpoint", String.valueOf(endpoint)),
                    LogField.of("url_path", exchange.getRequestURI().getRawPath()),
                    LogField.error(e));
            if (exchange.getResponseCode() < 0) {
                plain(exchange, 502, "Bad Gateway");
            }
        } finally {
            exchange.close();
            if (site != null && site.logDirectory() != null) {
                log(site, exchange, at, started);
            }
        }
    }

    /** Writes the request to the site's W3C log, as IIS does for every site; a failure loses only the line. */
    private static void log(SiteSpec site, HttpExchange exchange, Instant at, long started) {
        if (exchange.getResponseCode() < 0) {
            return;
        }
        try {
            W3cRequestLog.append(
                    site.logDirectory(),
                    new W3cRequestLog.Request(
                            at,
                            exchange.getLocalAddress().getAddress().getHostAddress(),
                            exchange.getRequestMethod(),
                            exchange.getRequestURI().getRawPath(),
                            exchange.getRequestURI().getRawQuery(),
                            exchange.getLocalAddress().getPort(),
                            exchange.getRemoteAddress().getAddress().getHostAddress(),
                            exchange.getRequestHeaders().getFirst("User-Agent"),
                            exchange.getRequestHeaders().getFirst("Referer"),
                            exchange.getResponseCode(),
                            (System.nanoTime() - started) / 1_000_000));
        } catch (IOException | RuntimeException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "cannot write the site's request log",
                    LogField.site(site.name()),
                    LogField.path(site.logDirectory()),
                    LogField.error(e));
        }
    }

    private void proxy(HttpExchange exchange, SiteSpec site, PoolSupervisor pool) throws IOException {
        boolean replayable = !exchange.getRequestHeaders().containsKey("Content-length")
                && !exchange.getRequestHeaders().containsKey("Transfer-encoding");
        Map<String, String> headers = Map.of(
                SITE_HEADER,
                site.name(),
                "X-Forwarded-For",
                exchange.getRemoteAddress().getAddress().getHostAddress(),
                "X-Forwarded-Proto",
                endpoint.protocol());
        for (int attempt = 0; ; attempt++) {
            WorkerProcess worker = pool.awaitWorker(pool.startLimit());
            if (worker == null) {
                unavailable(exchange, pool);
                return;
            }
            worker.inFlight().incrementAndGet();
            try {
                if (worker.retiring()) {
                    continue;
                }
                forwarder.forward(exchange, worker.port(), headers);
                return;
            } catch (IOException e) {
                if (!replayable || attempt >= 20 || exchange.getResponseCode() >= 0) {
                    throw e;
                }
                sleep(50);
            } finally {
                worker.inFlight().decrementAndGet();
            }
        }
    }

    private static void unavailable(HttpExchange exchange, PoolSupervisor pool) throws IOException {
        if (pool.dropsConnections()) {
            exchange.close();
        } else {
            plain(exchange, 503, "Service Unavailable");
        }
    }

    /** An HTTP.sys-style error: {@code <h2>Service Unavailable</h2>}, {@code HTTP Error 503. ...}. */
    private static void plain(HttpExchange exchange, int status, String reason) throws IOException {
        byte[] body = ("<!DOCTYPE HTML><HTML><HEAD><TITLE>" + reason + "</TITLE></HEAD><BODY><h2>" + reason
                        + "</h2><hr><p>HTTP Error " + status + ". " + reason + "</p></BODY></HTML>\n")
                .getBytes(StandardCharsets.US_ASCII);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=us-ascii");
        boolean head = "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

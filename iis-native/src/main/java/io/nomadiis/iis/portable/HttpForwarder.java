package io.nomadiis.iis.portable;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A streaming reverse proxy hop: forwards one {@link HttpExchange} to a server on 127.0.0.1 and
 * streams the answer back, request and response bodies never held whole in memory. Hop-by-hop
 * headers are dropped; the original {@code Host} header is kept (the JVM runs with
 * {@code -Djdk.httpclient.allowRestrictedHeaders=host}).
 *
 * <p>Threads: shared by all request threads of its process (the service's {@code portable-host-*} site
 * threads, the worker's {@code worker-request-*} threads); it keeps no per-request state.
 */
public final class HttpForwarder {
    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "keep-alive",
            "proxy-connection",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailer",
            "trailers",
            "transfer-encoding",
            "upgrade",
            "content-length",
            "expect",
            "date",
            "host",
            ":status");

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /**
     * Forwards the exchange to {@code 127.0.0.1:port} with the extra request headers added.
     *
     * @throws java.net.ConnectException when the target does not accept the connection (nothing was
     *                                   sent, so the caller may try another target)
     */
    public void forward(HttpExchange exchange, int port, Map<String, String> extraHeaders) throws IOException {
        URI source = exchange.getRequestURI();
        String target = "http://127.0.0.1:" + port + source.getRawPath()
                + (source.getRawQuery() == null ? "" : "?" + source.getRawQuery());
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(target)).method(exchange.getRequestMethod(), body(exchange));
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host != null) {
            trySetHeader(request, "Host", host);
        }
        for (Map.Entry<String, List<String>> header :
                exchange.getRequestHeaders().entrySet()) {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))
                    && !extraHeaders.containsKey(header.getKey())) {
                header.getValue().forEach(value -> trySetHeader(request, header.getKey(), value));
            }
        }
        extraHeaders.forEach(request::setHeader);
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding", e);
        }
        respond(exchange, response);
    }

    private static void respond(HttpExchange exchange, HttpResponse<InputStream> response) throws IOException {
        for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                exchange.getResponseHeaders().put(header.getKey(), header.getValue());
            }
        }
        int status = response.statusCode();
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-2);
        boolean noBody =
                "HEAD".equalsIgnoreCase(exchange.getRequestMethod()) || status == 204 || status == 304 || length == 0;
        if ("HEAD".equalsIgnoreCase(exchange.getRequestMethod()) && length >= 0) {
            exchange.getResponseHeaders().set("Content-Length", Long.toString(length));
        }
        try (InputStream in = response.body()) {
            exchange.sendResponseHeaders(status, noBody ? -1 : Math.max(length, 0));
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    in.transferTo(out);
                }
            }
        } finally {
            exchange.close();
        }
    }

    private static HttpRequest.BodyPublisher body(HttpExchange exchange) {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            long size = Long.parseLong(length.trim());
            return size == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.fromPublisher(
                            HttpRequest.BodyPublishers.ofInputStream(exchange::getRequestBody), size);
        }
        if (exchange.getRequestHeaders().containsKey("Transfer-encoding")) {
            return HttpRequest.BodyPublishers.ofInputStream(exchange::getRequestBody);
        }
        return HttpRequest.BodyPublishers.noBody();
    }

    private static void trySetHeader(HttpRequest.Builder request, String name, String value) {
        try {
            request.header(name, value);
        } catch (IllegalArgumentException e) {
            // a header the client does not let us set: leave it out
        }
    }
}

package io.nomadiis.mgmt.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.nomadiis.driver.task.TaskView;
import io.nomadiis.log.LogField;
import io.nomadiis.mgmt.auth.Grant;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * One request and its response, as route handlers see it: decoded path parameters, query
 * parameters, the caller's grant, the task it names, and methods that answer exactly once.
 * The answering methods may be called from any thread.
 */
public final class Exchange {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final System.Logger LOG = System.getLogger(Exchange.class.getName());

    private final Channel channel;
    private final HttpRequest request;
    private final String requestId;
    private final Map<String, List<String>> query;
    private final BiConsumer<Exchange, ChannelFuture> onResponseSent;
    private final long stallMillis;
    private final AtomicBoolean answered = new AtomicBoolean();
    private final Map<String, String> params = new LinkedHashMap<>();
    private volatile boolean closeAfterResponse;
    private volatile Grant grant;
    private volatile TaskView task;
    private volatile int status;

    /** @param stallMillis how long a streamed response waits for a client that takes no data */
    Exchange(
            Channel channel,
            HttpRequest request,
            String requestId,
            long stallMillis,
            BiConsumer<Exchange, ChannelFuture> onResponseSent) {
        this.stallMillis = stallMillis;
        this.channel = channel;
        this.request = request;
        this.requestId = requestId;
        this.query = parseQuery(request.uri());
        this.onResponseSent = onResponseSent;
        this.closeAfterResponse = !HttpUtil.isKeepAlive(request);
    }

    /** The query parameters, or null when the query string is malformed (answered 400 by the handler). */
    private static Map<String, List<String>> parseQuery(String uri) {
        try {
            return new QueryStringDecoder(uri).parameters();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether the query string could not be decoded (a bad percent escape, ...). */
    boolean malformedQuery() {
        return query == null;
    }

    HttpRequest request() {
        return request;
    }

    public String requestId() {
        return requestId;
    }

    public String method() {
        return request.method().name();
    }

    /**
     * The raw path without the query. An absolute-form request target ({@code http://host/path},
     * RFC 9112 section 3.2.2, as proxies send it) is reduced to its path.
     */
    public String rawPath() {
        String uri = request.uri();
        int q = uri.indexOf('?');
        String target = q < 0 ? uri : uri.substring(0, q);
        int scheme = target.indexOf("://");
        if (!target.startsWith("/") && scheme > 0) {
            int slash = target.indexOf('/', scheme + 3);
            return slash < 0 ? "/" : target.substring(slash);
        }
        return target;
    }

    /** A decoded path parameter of the route template. */
    public String param(String name) {
        return params.get(name);
    }

    void putParam(String name, String value) {
        params.put(name, value);
    }

    public String header(String name) {
        return request.headers().get(name);
    }

    /** The declared body length, or -1 when not declared. */
    public long contentLength() {
        return HttpUtil.getContentLength(request, -1L);
    }

    /** A query parameter (first value), if present. */
    public Optional<String> query(String name) {
        List<String> values = query == null ? null : query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** A boolean query parameter; 400 when it is neither true nor false. */
    public boolean queryFlag(String name, boolean fallback) {
        Optional<String> value = query(name);
        if (value.isEmpty() || value.get().isEmpty()) {
            return fallback;
        }
        return switch (value.get().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw ApiException.badRequest("query parameter " + name + " must be true or false");
        };
    }

    /** An integer query parameter within bounds; 400 otherwise. */
    public int queryInt(String name, int fallback, int min, int max) {
        Optional<String> value = query(name);
        if (value.isEmpty() || value.get().isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.get());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ApiException.badRequest("query parameter " + name + " must be an integer from " + min + " to " + max);
    }

    public Grant grant() {
        return grant;
    }

    void grant(Grant g) {
        this.grant = g;
    }

    /** The task the route names (task-scoped routes only). */
    public TaskView task() {
        return task;
    }

    void task(TaskView t) {
        this.task = t;
    }

    /** Close the connection after the response (the request body will not be read to its end). */
    void closeAfterResponse() {
        closeAfterResponse = true;
    }

    boolean closesAfterResponse() {
        return closeAfterResponse;
    }

    public boolean answered() {
        return answered.get();
    }

    int status() {
        return status;
    }

    public void sendJson(int code, Object body) {
        try {
            sendBytes(code, "application/json; charset=utf-8", JSON.writeValueAsBytes(body), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("failed to write json response", e);
        }
    }

    public void sendText(int code, String text) {
        sendBytes(code, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** Answers with a whole body in one response. */
    public void sendBytes(int code, String contentType, byte[] body, Map<String, String> headers) {
        claim(code);
        DefaultFullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(code), Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        HttpUtil.setContentLength(response, body.length);
        decorate(response, headers);
        onResponseSent.accept(this, channel.writeAndFlush(response));
    }

    /**
     * Starts a streamed response and returns its body; closing the stream ends the response. With
     * a declared length, exactly that many bytes are sent: bytes written past it are dropped (a
     * file that grew while it was read), and a stream closed short of it closes the connection
     * (the client sees a truncated response, never a forged next one).
     *
     * @param contentLength the exact body length, or -1 for chunked transfer
     */
    public OutputStream stream(int code, String contentType, long contentLength, Map<String, String> headers) {
        claim(code);
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(code));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        if (contentLength >= 0) {
            HttpUtil.setContentLength(response, contentLength);
        } else {
            HttpUtil.setTransferEncodingChunked(response, true);
        }
        decorate(response, headers);
        channel.writeAndFlush(response);
        return new ChannelOutputStream(channel, stallMillis, contentLength, f -> onResponseSent.accept(this, f));
    }

    /** Answers with the JSON error body {@code {"error": ..., "requestId": ...}}. */
    public void sendError(ApiException e) {
        if (e.status() >= 500 && e.status() != 503) {
            LOG.log(
                    Level.ERROR,
                    "management api request failed",
                    LogField.of("request_id", requestId),
                    LogField.of("method", String.valueOf(method())),
                    LogField.path(rawPath()),
                    LogField.of("status", e.status()),
                    LogField.of("reason", e.getMessage()),
                    e.getCause());
        } else {
            LOG.log(
                    Level.INFO,
                    "management api request refused",
                    LogField.of("request_id", requestId),
                    LogField.of("method", String.valueOf(method())),
                    LogField.path(rawPath()),
                    LogField.of("reason", e.getMessage()),
                    LogField.of("status", e.status()));
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", e.getMessage());
        body.put("requestId", requestId);
        try {
            sendBytes(e.status(), "application/json; charset=utf-8", JSON.writeValueAsBytes(body), e.headers());
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private void claim(int code) {
        if (!answered.compareAndSet(false, true)) {
            throw new IllegalStateException("request " + requestId + " was already answered");
        }
        status = code;
    }

    private void decorate(HttpResponse response, Map<String, String> headers) {
        headers.forEach((k, v) -> response.headers().set(k, v));
        response.headers().set("X-Request-Id", requestId);
        response.headers()
                .set(
                        HttpHeaderNames.CONNECTION,
                        closeAfterResponse ? HttpHeaderValues.CLOSE : HttpHeaderValues.KEEP_ALIVE);
    }
}

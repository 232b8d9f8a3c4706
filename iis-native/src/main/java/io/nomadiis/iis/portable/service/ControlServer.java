package io.nomadiis.iis.portable.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.nomadiis.iis.CertificateSpec;
import io.nomadiis.iis.IisException;
import io.nomadiis.iis.WebsiteDeployment;
import io.nomadiis.iis.WebsiteRemoval;
import io.nomadiis.iis.portable.Json;
import io.nomadiis.threads.NamedThreadFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The service's control channel: {@code POST /op/<operation>} on 127.0.0.1 with a JSON body and the
 * bearer token from {@code service.json}; answers JSON, errors as {@code {"message","retryable"}}.
 * While the service is exiting it answers 503 with {@value #EXITING_HEADER} so the client starts a new one.
 */
final class ControlServer {
    static final String EXITING_HEADER = "X-Service-Exiting";
    private static final System.Logger LOG = System.getLogger(ControlServer.class.getName());

    private final ApplicationHost host;
    private final byte[] expectedAuthorization;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong lastRequest = new AtomicLong(System.nanoTime());
    private volatile boolean exiting;
    private volatile boolean handOverRequested;
    private volatile boolean served;
    private HttpServer server;

    ControlServer(ApplicationHost host, String token) {
        this.host = host;
        this.expectedAuthorization = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    int start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/op/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool(new NamedThreadFactory("control")));
        server.start();
        return server.getAddress().getPort();
    }

    /** Nanoseconds since the last request ended, or 0 while one is in flight. */
    long idleNanos() {
        return inFlight.get() > 0 ? 0 : System.nanoTime() - lastRequest.get();
    }

    /** Whether any operation was answered yet (a fresh service waits longer for its first one). */
    boolean servedAny() {
        return served;
    }

    /** Whether a client running a different build asked this service to exit so a new one takes over. */
    boolean handOverRequested() {
        return handOverRequested;
    }

    /**
     * Stops accepting operations (they get 503 + {@value #EXITING_HEADER}) and waits up to {@code max}
     * for the ones in flight to finish; the caller then checks whether it may really exit and either
     * {@link #close()}s or {@link #cancelExit()}s.
     */
    void beginExit(java.time.Duration max) throws InterruptedException {
        exiting = true;
        long deadline = System.nanoTime() + max.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** Accepts operations again (one came in while the service was about to exit). */
    void cancelExit() {
        exiting = false;
    }

    /** Closes the control port. */
    void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        inFlight.incrementAndGet();
        try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null
                    || !MessageDigest.isEqual(expectedAuthorization, authorization.getBytes(StandardCharsets.UTF_8))) {
                reply(exchange, 401, Map.of("message", "missing or invalid token", "retryable", false));
                return;
            }
            if (exiting) {
                exchange.getResponseHeaders().set(EXITING_HEADER, "true");
                reply(exchange, 503, Map.of("message", "the service is exiting", "retryable", true));
                return;
            }
            String operation = exchange.getRequestURI().getPath().substring("/op/".length());
            JsonNode body;
            try (InputStream in = exchange.getRequestBody()) {
                body = Json.MAPPER.readTree(in);
            }
            try {
                reply(exchange, 200, dispatch(operation, body));
            } catch (IisException e) {
                reply(exchange, 409, Map.of("message", e.getMessage(), "retryable", e.retryable()));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "operation " + operation + " failed", e);
                reply(exchange, 500, Map.of("message", operation + " failed: " + e, "retryable", false));
            }
        } finally {
            lastRequest.set(System.nanoTime());
            served = true;
            inFlight.decrementAndGet();
        }
    }

    private Object dispatch(String operation, JsonNode body) throws IisException, IOException {
        String name = body != null && body.has("name") ? body.get("name").asText() : null;
        switch (operation) {
            case "ping":
                return Map.of("pid", ProcessHandle.current().pid());
            case "handOver":
                handOverRequested = true;
                return Map.of();
            case "deploy":
                host.deploy(Json.MAPPER.treeToValue(body, WebsiteDeployment.class));
                return Map.of();
            case "remove":
                host.remove(Json.MAPPER.treeToValue(body, WebsiteRemoval.class));
                return Map.of();
            case "installCertificate":
                return host.installCertificate(Json.MAPPER.treeToValue(body, CertificateSpec.class));
            case "certificateExists":
                return Map.of("value", host.certificateExists(name));
            case "siteNames":
                return host.siteNames();
            case "poolNames":
                return host.poolNames();
            case "site":
                return Map.of(
                        "value",
                        host.site(name).map(Object.class::cast).orElse(Map.of()),
                        "present",
                        host.site(name).isPresent());
            case "poolRuntime":
                return host.poolRuntime(name);
            case "startPool":
                host.startPool(name);
                return Map.of();
            case "stopPool":
                host.stopPool(name);
                return Map.of();
            case "recyclePool":
                host.recyclePool(name);
                return Map.of();
            default:
                throw new IisException("unknown operation \"" + operation + "\"");
        }
    }

    private static void reply(HttpExchange exchange, int status, Object value) throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(value);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}

package io.nomadiis.iis.portable.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.nomadiis.iis.IisException;
import io.nomadiis.iis.SiteSpec;
import io.nomadiis.iis.portable.ControlError;
import io.nomadiis.iis.portable.ControlError.Kind;
import io.nomadiis.iis.portable.ControlOperation;
import io.nomadiis.iis.portable.Json;
import io.nomadiis.log.LogField;
import io.nomadiis.threads.NamedThreadFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The service's control channel: {@code POST /op/<operation>} on 127.0.0.1 with a JSON body and the
 * bearer token from {@code service.json}, for every {@link ControlOperation} (each served by its handler in
 * {@link #handlers()}); answers JSON, errors as a {@link ControlError}. Requests run on the {@code control}
 * threads.
 * While the service is exiting it answers 503 with {@value #EXITING_HEADER} so the client starts a new one.
 */
final class ControlServer {
    static final String EXITING_HEADER = "X-Service-Exiting";
    private static final System.Logger LOG = System.getLogger(ControlServer.class.getName());

    private final ApplicationHost host;
    private final ControlHandlers handlers;
    private final byte[] expectedAuthorization;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong lastRequest = new AtomicLong(System.nanoTime());
    private volatile boolean exiting;
    private volatile boolean handOverRequested;
    private volatile boolean served;
    private HttpServer server;

    ControlServer(ApplicationHost host, String token) {
        this.host = host;
        this.handlers = handlers();
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
                reply(exchange, 401, new ControlError(Kind.UNAUTHORIZED, "missing or invalid token", false));
                return;
            }
            if (exiting) {
                exchange.getResponseHeaders().set(EXITING_HEADER, "true");
                reply(exchange, 503, new ControlError(Kind.EXITING, "the service is exiting", true));
                return;
            }
            String name = exchange.getRequestURI().getPath().substring("/op/".length());
            Optional<ControlOperation<?, ?>> operation = ControlOperation.byName(name);
            if (operation.isEmpty()) {
                reply(
                        exchange,
                        404,
                        new ControlError(Kind.UNKNOWN_OPERATION, "unknown operation \"" + name + "\"", false));
                return;
            }
            JsonNode body;
            try (InputStream in = exchange.getRequestBody()) {
                body = Json.MAPPER.readTree(in);
            }
            try {
                reply(exchange, 200, handlers.serve(operation.get(), body));
            } catch (IisException e) {
                reply(exchange, 409, ControlError.of(e));
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "control operation failed", LogField.of("operation", name), e);
                reply(exchange, 500, new ControlError(Kind.INTERNAL, e.toString(), false));
            }
        } finally {
            lastRequest.set(System.nanoTime());
            served = true;
            inFlight.decrementAndGet();
        }
    }

    /** What the service does for each operation; {@link ControlHandlers#complete()} checks none is missing. */
    private ControlHandlers handlers() {
        return new ControlHandlers()
                .on(
                        ControlOperation.PING,
                        request -> new ControlOperation.Pong(
                                ProcessHandle.current().pid()))
                .on(ControlOperation.HAND_OVER, request -> {
                    handOverRequested = true;
                    return ControlOperation.Empty.VALUE;
                })
                .on(ControlOperation.DEPLOY, deployment -> {
                    host.deploy(deployment);
                    return ControlOperation.Empty.VALUE;
                })
                .on(ControlOperation.REMOVE, removal -> {
                    host.remove(removal);
                    return ControlOperation.Empty.VALUE;
                })
                .on(ControlOperation.INSTALL_CERTIFICATE, host::installCertificate)
                .on(ControlOperation.SITE_NAMES, request -> host.siteNames())
                .on(ControlOperation.POOL_NAMES, request -> host.poolNames())
                .on(ControlOperation.SITE, request -> {
                    Optional<SiteSpec> site = host.site(request.name());
                    return new ControlOperation.SiteLookup(site.isPresent(), site.orElse(null));
                })
                .on(ControlOperation.POOL_RUNTIME, request -> host.poolRuntime(request.name()))
                .on(ControlOperation.START_POOL, request -> {
                    host.startPool(request.name());
                    return ControlOperation.Empty.VALUE;
                })
                .on(ControlOperation.STOP_POOL, request -> {
                    host.stopPool(request.name());
                    return ControlOperation.Empty.VALUE;
                })
                .on(ControlOperation.RECYCLE_POOL, request -> {
                    host.recyclePool(request.name());
                    return ControlOperation.Empty.VALUE;
                })
                .complete();
    }

    private static void reply(HttpExchange exchange, int status, ControlError error) throws IOException {
        reply(exchange, status, Json.MAPPER.writeValueAsBytes(error));
    }

    private static void reply(HttpExchange exchange, int status, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}

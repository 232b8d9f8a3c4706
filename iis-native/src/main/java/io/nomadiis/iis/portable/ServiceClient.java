package io.nomadiis.iis.portable;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.errorprone.annotations.concurrent.GuardedBy;
import io.nomadiis.files.AtomicFiles;
import io.nomadiis.iis.IisException;
import io.nomadiis.log.LogField;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The plugin's side of the control channel: finds the state dir's running service through
 * {@code service.json} (starting a detached one when none runs) and sends it operations as JSON.
 * A request that could not be delivered (service gone or exiting) is retried against a fresh service.
 *
 * <p>Threads: called by the portable host's callers, which are host-call threads (the driver's executors,
 * management API workers), never an event loop. The service last found is published in a volatile field,
 * so {@link #running()} and {@link #hasState()} never wait; only starting a service (a spawn and possibly a
 * hand-over of minutes) takes {@link #startLock}, and only callers that need the service wait for it.
 */
final class ServiceClient {
    private static final System.Logger LOG = System.getLogger(ServiceClient.class.getName());
    private static final Duration SPAWN_TIMEOUT = Duration.ofSeconds(90);
    private static final String BUILD = JavaCommand.buildId();
    private static final HttpResponse.BodyHandler<byte[]> BYTES = HttpResponse.BodyHandlers.ofByteArray();
    private final StateLayout layout;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    /** Serialises starting a service; held across the spawn and the hand-over wait, never by a query. */
    private final Object startLock = new Object();
    /** The service last found alive; read without a lock. */
    private final AtomicReference<ServiceInfo> cached = new AtomicReference<>();
    /** Why the last attempt to start a service failed; null after a success. Read without a lock. */
    private volatile String startFailure;

    ServiceClient(StateLayout layout) {
        this.layout = layout;
    }

    /** Whether a service runs for the state dir (without starting one). */
    boolean running() {
        ServiceInfo known = cached.get();
        if (known != null && alive(known.pid())) {
            return true;
        }
        ServiceInfo info = readInfo();
        return info != null && alive(info.pid());
    }

    /** Whether there is anything a service would serve: a running service or a persisted configuration. */
    boolean hasState() {
        return running() || Files.exists(layout.configFile());
    }

    /**
     * Why the last attempt to start a service failed, or null when the last attempt succeeded (or none was
     * needed yet).
     */
    String startFailure() {
        return startFailure;
    }

    /**
     * Pings the running service without starting one: null when it answers (or none runs), else why it
     * does not answer. Takes no lock.
     */
    String pingRunning(Duration timeout) {
        ServiceInfo info = readInfo();
        if (info == null || !alive(info.pid())) {
            return null;
        }
        try {
            HttpResponse<byte[]> response =
                    http.send(request(info, ControlOperation.PING, ControlOperation.Empty.VALUE, timeout), BYTES);
            if (response.statusCode() == 200
                    || response.headers().firstValue("X-Service-Exiting").isPresent()) {
                return null;
            }
            return "the portable web server (pid " + info.pid() + ") answers ping with HTTP " + response.statusCode();
        } catch (IOException e) {
            return "the portable web server (pid " + info.pid() + ") does not answer on 127.0.0.1:" + info.port() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while pinging the portable web server";
        }
    }

    /**
     * Sends an operation, starting the service if needed, and returns its answer. An error the service reports
     * is thrown as the {@link IisException} {@link ControlError#toException} gives (an {@link IisException} of the
     * service keeps its message and {@link IisException#retryable()}). A request whose answer was lost is sent
     * again only when the operation is {@link ControlOperation#repeatable()} or the service is known to have exited.
     */
    <Q, A> A call(ControlOperation<Q, A> operation, Q body, Duration timeout) throws IisException {
        IisException last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            ServiceInfo info = ensure();
            HttpRequest request;
            try {
                request = request(info, operation, body, timeout);
            } catch (IOException e) {
                throw new IisException(operation + " failed: cannot encode the request: " + e.getMessage(), e);
            }
            try {
                HttpResponse<byte[]> response = http.send(request, BYTES);
                JsonNode answer = Json.MAPPER.readTree(response.body());
                if (response.statusCode() == 200) {
                    return operation.decodeAnswer(answer);
                }
                if (response.headers().firstValue("X-Service-Exiting").isPresent()) {
                    forget(info);
                    sleep(200);
                    continue;
                }
                throw Json.MAPPER.treeToValue(answer, ControlError.class).toException(operation);
            } catch (ConnectException | HttpConnectTimeoutException e) {
                forget(info);
                last = new IisException(operation + " failed: the portable web server is not reachable", true, e);
                sleep(100L * (attempt + 1));
            } catch (IOException e) {
                last = new IisException(
                        operation + " failed: lost the connection to the portable web server: " + e.getMessage()
                                + "; see " + layout.serviceLog(),
                        true,
                        e);
                if (!operation.repeatable() && !exited(info)) {
                    throw last;
                }
                forget(info);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IisException(operation + " interrupted", true, e);
            }
        }
        throw last;
    }

    private static <Q> HttpRequest request(ServiceInfo info, ControlOperation<Q, ?> operation, Q body, Duration timeout)
            throws IOException {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + info.port() + "/op/" + operation.name()))
                .timeout(timeout)
                .header("Authorization", "Bearer " + info.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(operation.encodeRequest(body)))
                .build();
    }

    /** Whether the service exited (within a few seconds) after a request to it lost its answer. */
    private static boolean exited(ServiceInfo info) {
        Optional<ProcessHandle> process = ProcessHandle.of(info.pid());
        if (process.isEmpty()) {
            return true;
        }
        try {
            process.get().onExit().get(5, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void forget(ServiceInfo info) {
        cached.updateAndGet(current -> info.equals(current) ? null : current);
    }

    private ServiceInfo ensure() throws IisException {
        ServiceInfo known = cached.get();
        if (known != null && alive(known.pid())) {
            return known;
        }
        synchronized (startLock) {
            return ensureStarted();
        }
    }

    /** Finds the running service or starts one; called holding {@link #startLock}. */
    @GuardedBy("startLock")
    private ServiceInfo ensureStarted() throws IisException {
        ServiceInfo known = cached.get();
        if (known != null && alive(known.pid())) {
            return known;
        }
        ServiceInfo info = readInfo();
        if (info != null && alive(info.pid())) {
            if (BUILD.equals(info.build()) || !handOver(info)) {
                cached.set(info);
                return info;
            }
        }
        Process process = spawn();
        long deadline = System.nanoTime() + SPAWN_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            info = readInfo();
            if (info != null && alive(info.pid())) {
                cached.set(info);
                startFailure = null;
                return info;
            }
            if (!process.isAlive() && process.exitValue() != 0) {
                break;
            }
            sleep(20);
        }
        String failure = "cannot start the portable web server for " + layout.root() + "; see " + layout.serviceLog();
        startFailure = failure;
        throw new IisException(failure, true, null);
    }

    /**
     * Asks a service running another build to exit (its workers keep running) and waits until it has.
     * Returns false when the service does not know the request (then it stays in use).
     */
    private boolean handOver(ServiceInfo info) {
        LOG.log(
                System.Logger.Level.INFO,
                "the portable web server runs another build: handing over to a new service",
                LogField.pid(info.pid()),
                LogField.of("service_build", info.build()),
                LogField.of("plugin_build", BUILD));
        try {
            HttpResponse<byte[]> response = http.send(
                    request(info, ControlOperation.HAND_OVER, ControlOperation.Empty.VALUE, Duration.ofSeconds(30)),
                    BYTES);
            if (response.statusCode() != 200) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "the old portable web server refused to hand over; keeping it",
                        LogField.pid(info.pid()),
                        LogField.of("status", response.statusCode()));
                return false;
            }
            Optional<ProcessHandle> process = ProcessHandle.of(info.pid());
            if (process.isPresent()) {
                process.get().onExit().get(6, TimeUnit.MINUTES);
            }
            return true;
        } catch (IOException e) {
            return true;
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "the old portable web server did not exit",
                    LogField.pid(info.pid()),
                    LogField.error(e));
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Process spawn() throws IisException {
        try {
            Files.createDirectories(layout.logsDir());
            AtomicFiles.ownerOnly(layout.root());
            List<String> flags = new ArrayList<>(JavaCommand.LEAN_FLAGS);
            flags.add("-Xmx128m");
            List<String> command = new ArrayList<>(JavaCommand.setsidPrefix());
            command.addAll(JavaCommand.java(
                    flags,
                    "io.nomadiis.iis.portable.service.PortableWebServer",
                    List.of(layout.root().getParent().toString())));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(JavaCommand.nullDevice()))
                    .redirectErrorStream(true)
                    .redirectOutput(
                            ProcessBuilder.Redirect.appendTo(layout.serviceLog().toFile()));
            Process process = builder.start();
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "started the portable web server",
                    LogField.pid(process.pid()),
                    LogField.path(layout.root()));
            return process;
        } catch (IOException e) {
            startFailure = "cannot start the portable web server: " + e.getMessage();
            throw new IisException(startFailure, true, e);
        }
    }

    private ServiceInfo readInfo() {
        try {
            return Files.exists(layout.serviceInfoFile())
                    ? Json.MAPPER.readValue(layout.serviceInfoFile().toFile(), ServiceInfo.class)
                    : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

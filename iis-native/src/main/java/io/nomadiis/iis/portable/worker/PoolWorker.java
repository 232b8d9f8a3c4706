package io.nomadiis.iis.portable.worker;

import com.sun.net.httpserver.HttpServer;
import io.nomadiis.build.SuppressForbidden;
import io.nomadiis.files.AtomicFiles;
import io.nomadiis.iis.portable.HttpForwarder;
import io.nomadiis.iis.portable.WorkerSpec;
import io.nomadiis.threads.NamedThreadFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * The portable host's w3wp: one process per running app pool. It serves the pool's applications on
 * 127.0.0.1 at an ephemeral port (the service proxies site traffic to it), runs ANCM applications as
 * child processes, writes a ready file ({@code pid}, {@code port}) once it serves, and on SIGTERM drains
 * in-flight requests, kills its children and removes the ready file.
 *
 * <p>Usage: {@code PoolWorker <spec file>}; see {@link WorkerSpec}.
 */
public final class PoolWorker {
    private final WorkerSpec spec;
    private final TaskSink out;
    private final TaskSink err;
    private final List<AspNetCoreProcess> children = new ArrayList<>();

    private PoolWorker(WorkerSpec spec) {
        this.spec = spec;
        this.out = TaskSink.open(spec.stdoutPath(), "stdout");
        this.err = TaskSink.open(spec.stderrPath(), "stderr");
    }

    public static void main(String[] args) throws Exception {
        new PoolWorker(WorkerSpec.read(Path.of(args[0]))).run();
        new CountDownLatch(1).await();
    }

    private void run() throws IOException {
        HttpForwarder forwarder = null;
        List<WorkerHandler.Application> applications = new ArrayList<>();
        for (WorkerSpec.Mount mount : spec.applications()) {
            WebConfig.AspNetCore settings = null;
            String configError = null;
            try {
                settings = WebConfig.aspNetCore(mount.physicalPath()).orElse(null);
            } catch (WebConfig.WebConfigException e) {
                configError = e.getMessage();
                err.line("application " + mount.path() + ": HTTP 500.19 for every request, " + configError);
            }
            Map<String, String> directoryErrors = new LinkedHashMap<>();
            for (WorkerSpec.VirtualDirectory vdir : mount.virtualDirectories()) {
                try {
                    WebConfig.check(vdir.physicalPath());
                } catch (WebConfig.WebConfigException e) {
                    directoryErrors.put(vdir.path(), e.getMessage());
                    err.line("virtual directory " + mount.path() + vdir.path() + ": HTTP 500.19 for every request, "
                            + e.getMessage());
                }
            }
            AspNetCoreProcess child = null;
            if (settings != null) {
                forwarder = forwarder == null ? new HttpForwarder() : forwarder;
                child = new AspNetCoreProcess(
                        mount.path(),
                        mount.physicalPath(),
                        settings,
                        spec.startupTimeLimit(),
                        out,
                        err,
                        this::recordChildren,
                        forwarder);
            }
            if (child != null) {
                children.add(child);
            }
            applications.add(new WorkerHandler.Application(mount, child, configError, directoryErrors));
        }
        WorkerHandler handler = new WorkerHandler(applications);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        ExecutorService executor = Executors.newCachedThreadPool(new NamedThreadFactory("worker-request"));
        server.createContext("/", handler);
        server.setExecutor(executor);
        server.start();
        Runtime.getRuntime()
                .addShutdownHook(new NamedThreadFactory("worker-shutdown").newThread(() -> shutdown(server, handler)));
        for (AspNetCoreProcess child : children) {
            child.start();
        }
        long pid = ProcessHandle.current().pid();
        String ready = "pid=" + pid + "\nport=" + server.getAddress().getPort() + "\n";
        AtomicFiles.write(spec.readyFile(), ready.getBytes(StandardCharsets.UTF_8));
        out.line("app pool \"" + spec.poolName() + "\": worker process " + pid + " started, serving "
                + spec.applications().stream().map(WorkerSpec.Mount::path).collect(Collectors.joining(", ")));
    }

    @SuppressForbidden(
            reason = "the pool worker is its own process; its stderr is the pool log the portable service appends to")
    private void shutdown(HttpServer server, WorkerHandler handler) {
        handler.drain(spec.shutdownTimeLimit().toMillis());
        server.stop(0);
        children.forEach(AspNetCoreProcess::stop);
        try {
            Files.deleteIfExists(spec.readyFile());
            Files.deleteIfExists(spec.childrenFile());
        } catch (IOException e) {
            System.err.println("cannot remove worker files: " + e.getMessage());
        }
        out.line("app pool \"" + spec.poolName() + "\": worker process "
                + ProcessHandle.current().pid() + " stopped");
        out.flush(500);
        err.flush(500);
    }

    @SuppressForbidden(
            reason = "the pool worker is its own process; its stderr is the pool log the portable service appends to")
    private synchronized void recordChildren() {
        String pids = children.stream()
                .mapToLong(AspNetCoreProcess::pid)
                .filter(p -> p > 0)
                .mapToObj(p -> p + " "
                        + ProcessHandle.of(p)
                                .flatMap(h -> h.info().startInstant())
                                .map(java.time.Instant::toEpochMilli)
                                .orElse(0L))
                .collect(Collectors.joining("\n"));
        try {
            AtomicFiles.write(spec.childrenFile(), pids.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            System.err.println("cannot record child processes: " + e.getMessage());
        }
    }
}

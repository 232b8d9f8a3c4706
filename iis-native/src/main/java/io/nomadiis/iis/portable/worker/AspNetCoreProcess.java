package io.nomadiis.iis.portable.worker;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import com.sun.net.httpserver.HttpExchange;
import io.nomadiis.iis.portable.HttpForwarder;
import io.nomadiis.threads.NamedThreadFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One application run the way the ASP.NET Core Module's out-of-process mode runs it: the
 * {@code processPath} + {@code arguments} child, started with {@code ASPNETCORE_PORT} set to a free
 * port, working directory the application folder, output forwarded to the task's sinks. Requests wait
 * until the port accepts connections (up to the startup time limit) and are then proxied to it; a child
 * that exits is started again. The child is killed when the worker stops.
 */
final class AspNetCoreProcess {
    private final String appPath;
    private final Path folder;
    private final WebConfig.AspNetCore settings;
    private final Duration startupTimeLimit;
    private final TaskSink out;
    private final TaskSink err;
    private final Runnable childrenChanged;
    private final HttpForwarder forwarder;
    private final String pairingToken = java.util.UUID.randomUUID().toString();

    @GuardedBy("this")
    private Process process;

    @GuardedBy("this")
    private int port;

    @GuardedBy("this")
    private boolean stopping;

    AspNetCoreProcess(
            String appPath,
            Path folder,
            WebConfig.AspNetCore settings,
            Duration defaultStartupLimit,
            TaskSink out,
            TaskSink err,
            Runnable childrenChanged,
            HttpForwarder forwarder) {
        this.appPath = appPath;
        this.folder = folder;
        this.settings = settings;
        this.startupTimeLimit = settings.startupTimeLimit() != null ? settings.startupTimeLimit() : defaultStartupLimit;
        this.out = out;
        this.err = err;
        this.childrenChanged = childrenChanged;
        this.forwarder = forwarder;
    }

    /** Starts the child unless it runs (or the worker is stopping). */
    void start() throws IOException {
        if (startLocked()) {
            childrenChanged.run();
        }
    }

    private synchronized boolean startLocked() throws IOException {
        if (stopping || (process != null && process.isAlive())) {
            return false;
        }
        port = freePort();
        List<String> command = new ArrayList<>();
        command.add(resolveProcessPath());
        command.addAll(ProcessCommandLine.split(settings.arguments()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile());
        Map<String, String> env = builder.environment();
        env.putAll(settings.environment());
        env.put("ASPNETCORE_PORT", Integer.toString(port));
        env.put("ASPNETCORE_APPL_PATH", appPath);
        env.put("ASPNETCORE_TOKEN", pairingToken);
        env.put("ASPNETCORE_IIS_PHYSICAL_PATH", folder.toString() + java.io.File.separator);
        env.put("ASPNETCORE_IIS_HTTPAUTH", "anonymous;");
        Process started = builder.start();
        process = started;
        pump(started.getInputStream(), out, "stdout");
        pump(started.getErrorStream(), err, "stderr");
        started.getOutputStream().close();
        started.onExit().thenRun(() -> exited(started));
        return true;
    }

    /** The child's PID, or -1 when none runs. */
    synchronized long pid() {
        return process != null && process.isAlive() ? process.pid() : -1;
    }

    /** Proxies the request to the child, starting it first if needed; 502.5 when it cannot be started. */
    void forward(HttpExchange exchange) throws IOException {
        int target;
        try {
            target = awaitReady();
        } catch (IOException e) {
            ErrorPages.send(exchange, 502, "5", "ANCM Out-Of-Process Startup Failure");
            return;
        }
        try {
            forwarder.forward(exchange, target, Map.of("MS-ASPNETCORE-TOKEN", pairingToken));
        } catch (IOException e) {
            if (exchange.getResponseCode() < 0) {
                ErrorPages.send(exchange, 502, "3", "Bad Gateway");
            } else {
                exchange.close();
            }
        }
    }

    /** Waits until the child accepts connections on its port and returns the port. */
    int awaitReady() throws IOException {
        long deadline = System.nanoTime() + startupTimeLimit.toNanos();
        int current = -1;
        while (System.nanoTime() < deadline) {
            boolean started = false;
            synchronized (this) {
                if (stopping) {
                    throw new IOException("the worker is stopping");
                }
                if (process == null || !process.isAlive()) {
                    started = startLocked();
                }
                current = port;
            }
            if (started) {
                childrenChanged.run();
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", current), 250);
                return current;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        throw new IOException(
                "application " + appPath + " did not listen on port " + current + " within " + startupTimeLimit);
    }

    /** Kills the child and its descendants. */
    void stop() {
        Process current;
        synchronized (this) {
            stopping = true;
            current = process;
        }
        if (current == null) {
            return;
        }
        current.descendants().forEach(ProcessHandle::destroy);
        current.destroy();
        try {
            if (!current.waitFor(5, TimeUnit.SECONDS)) {
                current.descendants().forEach(ProcessHandle::destroyForcibly);
                current.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void exited(Process exitedProcess) {
        synchronized (this) {
            if (stopping || exitedProcess != process) {
                return;
            }
        }
        err.line("application " + appPath + " process " + exitedProcess.pid() + " exited with code "
                + exitedProcess.exitValue() + "; starting it again");
        childrenChanged.run();
        Thread restart = new NamedThreadFactory("ancm-restart").newThread(() -> {
            sleep(1000);
            try {
                start();
            } catch (IOException e) {
                err.line("application " + appPath + " could not be started: " + e.getMessage());
            }
        });
        restart.start();
    }

    private String resolveProcessPath() {
        String path =
                java.io.File.separatorChar == '/' ? settings.processPath().replace('\\', '/') : settings.processPath();
        Path candidate = folder.resolve(path);
        if (Path.of(path).isAbsolute()
                || path.startsWith(".")
                || path.contains("/")
                || path.contains("\\")
                || Files.exists(candidate)) {
            return candidate.normalize().toString();
        }
        return path;
    }

    private static void pump(InputStream stream, TaskSink sink, String name) {
        Thread pump = new NamedThreadFactory("ancm-" + name).newThread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = stream) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    sink.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // the child closed its output
            }
        });
        pump.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
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

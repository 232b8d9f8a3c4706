package io.nomadiis.iis.portable.service;

import io.nomadiis.iis.AppPoolSpec;
import io.nomadiis.iis.IisException;
import io.nomadiis.iis.PoolAttribute;
import io.nomadiis.iis.portable.JavaCommand;
import io.nomadiis.iis.portable.StateLayout;
import io.nomadiis.iis.portable.WorkerSpec;
import io.nomadiis.iis.portable.worker.PoolWorker;
import io.nomadiis.log.LogField;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One pool worker JVM as the service sees it: launched (and awaited until it serves) or re-adopted
 * from its ready file after a service restart, counted while requests are in flight, and terminated
 * (SIGTERM, then SIGKILL after the shutdown limit) together with its ANCM child processes.
 *
 * <p>Threads: launched and terminated by its {@link PoolSupervisor} on {@code control-*} or
 * {@code portable-host-*} threads; request threads ({@code portable-host-*}) count in-flight requests
 * through an atomic counter.
 */
final class WorkerProcess {
    private static final System.Logger LOG = System.getLogger(WorkerProcess.class.getName());
    private static final AtomicLong GENERATION = new AtomicLong(System.currentTimeMillis());
    private static final String WORKER_MARKER = "nomadiis.poolWorker";
    private static final List<String> FLAGS;

    static {
        List<String> flags = new ArrayList<>(JavaCommand.LEAN_FLAGS);
        flags.addAll(List.of("-Xms8m", "-Xmx64m", "-XX:MaxDirectMemorySize=32m"));
        FLAGS = List.copyOf(flags);
    }

    private final ProcessHandle handle;
    private final int port;
    private final Path specFile;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean retiring;

    private WorkerProcess(ProcessHandle handle, int port, Path specFile) {
        this.handle = handle;
        this.port = port;
        this.specFile = specFile;
    }

    /** Starts a worker for the pool serving {@code applications} and waits until it serves. */
    static WorkerProcess launch(
            StateLayout layout, AppPoolSpec pool, List<WorkerSpec.Mount> applications, Duration startLimit)
            throws IisException {
        Path dir = layout.poolDir(pool.name());
        String base = "worker-" + GENERATION.incrementAndGet();
        Path specFile = dir.resolve(base + ".spec");
        try {
            Files.createDirectories(dir);
            Files.createDirectories(layout.logsDir());
            Duration limit = pool.setting(PoolAttribute.SHUTDOWN_TIME_LIMIT);
            Duration shutdown = limit != null ? limit : Duration.ofSeconds(90);
            new WorkerSpec(
                            pool.name(),
                            applications,
                            pool.stdoutPath(),
                            pool.stderrPath(),
                            Duration.ofSeconds(120),
                            shutdown,
                            dir.resolve(base + ".ready"),
                            dir.resolve(base + ".children"))
                    .write(specFile);
            List<String> flags = new ArrayList<>();
            flags.add(marker(specFile));
            flags.addAll(FLAGS);
            ProcessBuilder builder = new ProcessBuilder(
                    JavaCommand.java(flags, PoolWorker.class.getName(), List.of(specFile.toString())));
            builder.environment().putAll(pool.environment());
            builder.redirectInput(ProcessBuilder.Redirect.from(JavaCommand.nullDevice()));
            builder.redirectErrorStream(true);
            builder.redirectOutput(
                    ProcessBuilder.Redirect.appendTo(layout.poolLog(pool.name()).toFile()));
            Process process = builder.start();
            return awaitReady(process, specFile, startLimit, layout.poolLog(pool.name()), pool.name());
        } catch (IOException e) {
            throw new IisException(
                    "failed to start a worker process for app pool \"" + pool.name() + "\": " + e.getMessage(),
                    true,
                    e);
        }
    }

    private static WorkerProcess awaitReady(Process process, Path specFile, Duration limit, Path log, String pool)
            throws IOException, IisException {
        Path ready = readyFile(specFile);
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(ready)) {
                Properties p = read(ready);
                return new WorkerProcess(process.toHandle(), Integer.parseInt(p.getProperty("port")), specFile);
            }
            if (!process.isAlive()) {
                deleteFiles(specFile);
                throw new IisException(
                        "the worker process of app pool \"" + pool + "\" exited with code " + process.exitValue()
                                + " while starting; see " + log,
                        true,
                        null);
            }
            sleep(15);
        }
        process.destroyForcibly();
        deleteFiles(specFile);
        throw new IisException(
                "the worker process of app pool \"" + pool + "\" did not start within " + limit, true, null);
    }

    /**
     * Finds the pool's still-running worker after a service restart: a ready file whose PID is alive and
     * whose command line really is this pool's worker. Stale files of dead workers are deleted.
     */
    static Optional<WorkerProcess> adopt(StateLayout layout, String poolName) {
        Path dir = layout.poolDir(poolName);
        WorkerProcess found = null;
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> specs = Files.newDirectoryStream(dir, "worker-*.spec")) {
            for (Path spec : specs) {
                Optional<WorkerProcess> candidate = adoptOne(spec);
                if (candidate.isEmpty()) {
                    deleteFiles(spec);
                } else if (found == null) {
                    found = candidate.get();
                } else {
                    candidate.get().terminate(Duration.ofSeconds(10));
                }
            }
        } catch (IOException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "cannot scan the app pool's worker files",
                    LogField.pool(poolName),
                    LogField.path(dir),
                    LogField.error(e.getMessage()));
        }
        return Optional.ofNullable(found);
    }

    /**
     * The JVM option that names a worker's spec file, first on its command line: the JDK reports at most the
     * first 4096 bytes of a command line on Linux ({@code ProcessHandle.Info.commandLine}), which a long class
     * path fills before the main class and its arguments, so only an early marker identifies the worker.
     */
    static String marker(Path spec) {
        return "-D" + WORKER_MARKER + "=" + spec;
    }

    private static Optional<WorkerProcess> adoptOne(Path spec) throws IOException {
        Path ready = readyFile(spec);
        if (!Files.exists(ready)) {
            return Optional.empty();
        }
        Properties p = read(ready);
        Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(p.getProperty("pid")));
        boolean ours = handle.filter(ProcessHandle::isAlive)
                .flatMap(h -> h.info().commandLine())
                .filter(line -> line.contains(marker(spec)))
                .isPresent();
        return ours
                ? Optional.of(new WorkerProcess(handle.get(), Integer.parseInt(p.getProperty("port")), spec))
                : Optional.empty();
    }

    long pid() {
        return handle.pid();
    }

    int port() {
        return port;
    }

    ProcessHandle handle() {
        return handle;
    }

    AtomicInteger inFlight() {
        return inFlight;
    }

    boolean retiring() {
        return retiring;
    }

    void retire() {
        retiring = true;
    }

    /** The worker PID followed by the PIDs of its live ANCM children. */
    List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        if (handle.isAlive()) {
            pids.add(handle.pid());
        }
        children().forEach(child -> pids.add(child.pid()));
        return pids;
    }

    /** Asks the worker to stop, waits up to the limit (plus a margin), then kills it and its children. */
    void terminate(Duration shutdownLimit) {
        retiring = true;
        List<ProcessHandle> children = children();
        handle.destroy();
        try {
            handle.onExit().get(shutdownLimit.toMillis() + 5000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            handle.destroyForcibly();
            try {
                handle.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "worker process did not exit after SIGKILL",
                        LogField.pid(handle.pid()),
                        LogField.path(specFile));
            }
        }
        children.forEach(ProcessHandle::destroyForcibly);
        deleteFiles(specFile);
    }

    /**
     * Asks the worker to stop and gives it exactly {@code deadline} (no margin) to drain and exit; then kills
     * it and its ANCM children (a removal honouring Nomad's StopTask timeout).
     */
    void terminateWithin(Duration deadline) {
        retiring = true;
        List<ProcessHandle> children = children();
        handle.destroy();
        try {
            handle.onExit().get(Math.max(0, deadline.toMillis()), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.log(
                    System.Logger.Level.INFO,
                    "worker process did not stop within the deadline: killing it",
                    LogField.pid(handle.pid()),
                    LogField.of("deadline", String.valueOf(deadline)),
                    LogField.path(specFile));
            handle.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
            try {
                handle.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "worker process did not exit after SIGKILL",
                        LogField.pid(handle.pid()),
                        LogField.path(specFile));
            }
        }
        children.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "child process of a worker did not exit after SIGKILL",
                        LogField.pid(child.pid()),
                        LogField.of("worker_pid", handle.pid()));
            }
        }
        deleteFiles(specFile);
    }

    /** After an unexpected exit: kills leftover ANCM children and removes the worker's files. */
    void cleanUpAfterExit() {
        children().forEach(ProcessHandle::destroyForcibly);
        deleteFiles(specFile);
    }

    private List<ProcessHandle> children() {
        List<ProcessHandle> result = new ArrayList<>();
        Path file = specFile.resolveSibling(specFile.getFileName().toString().replace(".spec", ".children"));
        try {
            if (!Files.exists(file)) {
                return result;
            }
            for (String line : Files.readAllLines(file)) {
                String[] parts = line.trim().split(" ");
                if (parts.length == 2) {
                    long started = Long.parseLong(parts[1]);
                    ProcessHandle.of(Long.parseLong(parts[0]))
                            .filter(ProcessHandle::isAlive)
                            .filter(h -> h.info()
                                            .startInstant()
                                            .map(Instant::toEpochMilli)
                                            .orElse(0L)
                                    == started)
                            .ifPresent(result::add);
                }
            }
        } catch (IOException | NumberFormatException e) {
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "cannot read the worker's child list",
                    LogField.path(file),
                    LogField.error(e.getMessage()));
        }
        return result;
    }

    private static Path readyFile(Path specFile) {
        return specFile.resolveSibling(specFile.getFileName().toString().replace(".spec", ".ready"));
    }

    private static void deleteFiles(Path specFile) {
        for (String suffix : List.of(".spec", ".ready", ".children")) {
            try {
                Files.deleteIfExists(specFile.resolveSibling(
                        specFile.getFileName().toString().replace(".spec", suffix)));
            } catch (IOException e) {
                LOG.log(
                        System.Logger.Level.DEBUG,
                        "cannot delete a worker file",
                        LogField.path(specFile),
                        LogField.error(e.getMessage()));
            }
        }
    }

    private static Properties read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            p.load(reader);
        }
        return p;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

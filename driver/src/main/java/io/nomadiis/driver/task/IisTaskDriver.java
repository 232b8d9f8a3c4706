package io.nomadiis.driver.task;

import static java.util.Objects.requireNonNull;

import io.nomadiis.driver.config.PluginConfig;
import io.nomadiis.driver.task.logs.LogForwarding;
import io.nomadiis.driver.task.plan.TaskPaths;
import io.nomadiis.driver.task.state.DriverState;
import io.nomadiis.driver.task.state.DriverStateCodec;
import io.nomadiis.driver.task.stats.ProcessSampler;
import io.nomadiis.driver.task.stats.TaskStatsSample;
import io.nomadiis.iis.IisException;
import io.nomadiis.iis.IisHost;
import io.nomadiis.log.LogField;
import io.nomadiis.threads.NamedThreadFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The driver core on an {@link IisHost}: starts, watches, signals, measures, recovers and tears down IIS
 * tasks. One instance per plugin process; all methods are thread-safe.
 *
 * <p>Threads: the RPC methods are called on the gRPC call executor ({@code grpc-call-*}, never the Netty
 * transport threads) and may wait on the host; the watcher, log forwarding and stats run on this driver's
 * scheduler ({@code iis-task-driver-*}); {@link #directory()} is read by the management API from its event
 * loop and never waits on a host call.
 */
public final class IisTaskDriver implements TaskDriver, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(IisTaskDriver.class.getName());

    private final Supplier<IisHost> host;
    private final TaskRegistry registry = new TaskRegistry();
    private final TaskEventBus events = new TaskEventBus();
    private final AtomicReference<PluginConfig> config;
    private final TaskStarter starter;
    private final TaskRecovery recovery;
    private final PoolSnapshots pools;
    private final ScheduledExecutorService scheduler;

    /**
     * @param host the web server
     * @param decoder decodes task configs
     * @param settings state dir, plugin environment, watch interval
     * @param initialConfig the plugin config until {@link #configure} is called
     */
    public IisTaskDriver(IisHost host, TaskConfigParser decoder, DriverSettings settings, PluginConfig initialConfig) {
        this(() -> host, decoder, settings, initialConfig);
    }

    /**
     * @param host supplies the web server, asked for only when a task needs it (keeps plugin start fast)
     * @param decoder decodes task configs
     * @param settings state dir, plugin environment, watch interval
     * @param initialConfig the plugin config until {@link #configure} is called
     */
    public IisTaskDriver(
            Supplier<IisHost> host, TaskConfigParser decoder, DriverSettings settings, PluginConfig initialConfig) {
        this.host = requireNonNull(host, "host");
        this.config = new AtomicReference<>(requireNonNull(initialConfig, "initialConfig"));
        requireNonNull(decoder, "decoder");
        requireNonNull(settings, "settings");
        this.starter = new TaskStarter(host, decoder, settings, events);
        this.recovery = new TaskRecovery(host, settings.recoveryWait());
        this.pools = new PoolSnapshots(host, registry);
        this.scheduler = Executors.newScheduledThreadPool(2, new NamedThreadFactory("iis-task-driver"));
        long watchMs = settings.watchInterval().toMillis();
        scheduler.scheduleWithFixedDelay(
                new TaskWatcher(registry, host, events), watchMs, watchMs, TimeUnit.MILLISECONDS);
    }

    /** The web server this driver deploys to. */
    public IisHost host() {
        return host.get();
    }

    /** The registry, for tests and the management API. */
    public TaskRegistry registry() {
        return registry;
    }

    @Override
    public TaskDirectory directory() {
        return registry;
    }

    @Override
    public void configure(PluginConfig pluginConfig) {
        config.set(pluginConfig);
    }

    @Override
    public StartedTask startTask(TaskRequest request) throws DriverException {
        if (registry.get(request.taskId()).isPresent()) {
            throw DriverException.invalid("task with id " + request.taskId() + " already started");
        }
        RunningTask handle;
        try {
            handle = starter.start(request, config.get());
        } catch (DriverException e) {
            events.publish(TaskEvent.of(request.identity(), "Error: " + e.getMessage()));
            throw e;
        }
        startLogs(handle);
        registry.putIfAbsent(handle);
        events.publish(TaskEvent.of(
                request.identity(),
                "Started website " + handle.state().websiteName() + " with application pools "
                        + handle.state().appPools().values()));
        return new StartedTask(DriverStateCodec.HANDLE_VERSION, DriverStateCodec.encode(handle.state()));
    }

    @Override
    public void recoverTask(TaskRequest request, int handleVersion, byte[] driverState) throws DriverException {
        if (registry.get(request.taskId()).isPresent()) {
            return;
        }
        RunningTask handle = recovery.recover(request, handleVersion, driverState);
        if (registry.putIfAbsent(handle) == handle) {
            startLogs(handle);
            events.publish(TaskEvent.of(
                    request.identity(), "Recovered website " + handle.state().websiteName()));
        }
    }

    private void startLogs(RunningTask handle) {
        DriverState s = handle.state();
        if (s.logFiles().isEmpty() || s.logOffsetsFile().isEmpty()) {
            return;
        }
        try {
            LogForwarding forwarding = new LogForwarding(
                    handle.taskId(),
                    Path.of(s.taskDir()),
                    s.logFiles(),
                    Path.of(s.logOffsetsFile()),
                    TaskPaths.sink(s.stdoutPath()));
            handle.attachLogs(forwarding);
            forwarding.start(scheduler);
        } catch (IOException | RuntimeException e) {
            events.publish(
                    TaskEvent.of(handle.identity(), "Error: log_files forwarding not started: " + e.getMessage()));
        }
    }

    @Override
    public CompletableFuture<TaskExit> waitTask(String taskId) throws DriverException {
        return registry.require(taskId).exit();
    }

    /**
     * Nomad's kill path: the pools get {@code timeout} (the job's {@code kill_timeout}) to stop, then their
     * workers are killed and the call returns. {@code SIGKILL} kills them at once; any other signal (Nomad sends
     * the task's {@code kill_signal}) asks them to stop gracefully. A zero or absent timeout leaves each pool its
     * own {@code shutdown_time_limit}.
     */
    @Override
    public void stopTask(String taskId, Duration timeout, String signal) throws DriverException {
        RunningTask handle = registry.get(taskId).orElse(null);
        if (handle == null) {
            return;
        }
        Duration deadline = stopDeadline(timeout, signal);
        boolean wasRunning = handle.running();
        tearDown(handle, "stop", deadline);
        if (wasRunning) {
            events.publish(TaskEvent.of(
                    handle.identity(),
                    "Stopped website " + handle.state().websiteName()
                            + (deadline == null ? "" : " (" + describeStop(deadline, signal) + ")")));
        }
    }

    /** How long StopTask gives the pools: none for SIGKILL, Nomad's timeout otherwise (null when unset). */
    static Duration stopDeadline(Duration timeout, String signal) {
        if (signal != null && signal.trim().equalsIgnoreCase("SIGKILL")) {
            return Duration.ZERO;
        }
        return timeout == null || timeout.isZero() || timeout.isNegative() ? null : timeout;
    }

    private static String describeStop(Duration deadline, String signal) {
        String by = signal == null || signal.isBlank() ? "" : "signal " + signal + ", ";
        return by + "workers killed after " + deadline.toMillis() + " ms if still running";
    }

    @Override
    public void destroyTask(String taskId, boolean force) throws DriverException {
        RunningTask handle = registry.get(taskId).orElse(null);
        if (handle == null) {
            destroyUnrecovered(taskId);
            return;
        }
        tearDown(handle, "destroy");
        handle.forgetLogs();
        registry.remove(taskId);
    }

    /**
     * After a failed RecoverTask Nomad destroys a task the driver does not know: remove what its handle named, so
     * nothing is left and a restart of the allocation does not meet its own leftovers.
     */
    private void destroyUnrecovered(String taskId) throws DriverException {
        RunningTask unrecovered = recovery.forgetFailed(taskId);
        if (unrecovered != null) {
            tearDown(unrecovered, "destroy");
            unrecovered.forgetLogs();
        }
    }

    private void tearDown(RunningTask handle, String what) throws DriverException {
        tearDown(handle, what, null);
    }

    private void tearDown(RunningTask handle, String what, Duration stopTimeout) throws DriverException {
        try {
            handle.tearDown(host.get(), stopTimeout, TaskExit.STOPPED);
        } catch (IisException e) {
            events.publish(TaskEvent.of(handle.identity(), "Error: " + e.getMessage()));
            throw new DriverException(
                    DriverException.Kind.FAILED,
                    "failed to " + what + " task " + handle.taskId() + ": " + e.getMessage(),
                    e);
        }
    }

    @Override
    public TaskInspection inspectTask(String taskId) throws DriverException {
        return registry.require(taskId).status();
    }

    @Override
    public void signalTask(String taskId, String signal) throws DriverException {
        RunningTask handle = registry.require(taskId);
        TaskSignal parsed = TaskSignal.find(signal).orElse(null);
        if (parsed == null) {
            LOG.log(
                    System.Logger.Level.INFO,
                    "unsupported signal ignored (actions exist for " + String.join(", ", TaskSignal.allowed()) + ")",
                    LogField.taskId(taskId),
                    LogField.of("signal", String.valueOf(signal)));
            if (signal != null && !signal.isBlank()) {
                events.publish(TaskEvent.of(
                        handle.identity(),
                        "Signal " + signal + " ignored: the iis driver acts on "
                                + String.join(", ", TaskSignal.allowed())));
            }
            return;
        }
        if (parsed == TaskSignal.TEARDOWN) {
            tearDown(handle, "signal " + signal + " to");
            events.publish(TaskEvent.of(
                    handle.identity(), "Removed website " + handle.state().websiteName() + " on signal " + signal));
            return;
        }
        if (!handle.running()) {
            throw new DriverException(
                    DriverException.Kind.FAILED, "cannot signal task " + taskId + ": the task has ended");
        }
        for (String pool : handle.state().appPools().values()) {
            try {
                switch (parsed) {
                    case START -> host.get().startPool(pool);
                    case STOP -> host.get().stopPool(pool);
                    default -> host.get().recyclePool(pool);
                }
            } catch (IisException e) {
                throw new DriverException(
                        DriverException.Kind.FAILED,
                        "failed to " + parsed.name().toLowerCase(Locale.ROOT) + " application pool " + pool + ": "
                                + e.getMessage(),
                        e);
            }
        }
        String verb = switch (parsed) {
            case START -> "started";
            case STOP -> "stopped";
            default -> "recycled";
        };
        events.publish(TaskEvent.of(
                handle.identity(),
                "ApplicationPool " + verb + ": "
                        + String.join(", ", handle.state().appPools().values())));
    }

    @Override
    public AutoCloseable taskStats(String taskId, Duration interval, Consumer<TaskStatsSample> sink, Runnable onEnd)
            throws DriverException {
        RunningTask handle = registry.require(taskId);
        ProcessSampler sampler = new ProcessSampler();
        long periodMs = Math.max(100, interval == null || interval.isZero() ? 1000 : interval.toMillis());
        AtomicReference<ScheduledFuture<?>> future = new AtomicReference<>();
        Runnable tick = () -> {
            if (!handle.running()) {
                ScheduledFuture<?> f = future.get();
                if (f != null && f.cancel(false)) {
                    onEnd.run();
                }
                return;
            }
            try {
                sink.accept(sampler.sample(taskId, workerPids(handle, periodMs)));
            } catch (RuntimeException | LinkageError e) {
                LOG.log(System.Logger.Level.WARNING, "task stats failed", LogField.taskId(taskId), LogField.error(e));
            }
        };
        future.set(scheduler.scheduleAtFixedRate(tick, 0, periodMs, TimeUnit.MILLISECONDS));
        return () -> future.get().cancel(false);
    }

    private List<Long> workerPids(RunningTask handle, long periodMs) {
        // a snapshot younger than half a period serves every task's tick of this interval
        return pools.workerPids(handle.state().appPools().values(), Duration.ofMillis(periodMs / 2));
    }

    @Override
    public AutoCloseable taskEvents(Consumer<TaskEvent> sink) {
        return events.subscribe(sink);
    }

    /** Stops the driver's background work; sites and workers keep running. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        for (RunningTask h : registry.handles()) {
            h.stopLogs();
        }
    }
}

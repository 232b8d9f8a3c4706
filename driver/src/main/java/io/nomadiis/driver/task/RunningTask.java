package io.nomadiis.driver.task;

import static java.util.Objects.requireNonNull;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import io.nomadiis.driver.task.logs.LogForwarding;
import io.nomadiis.driver.task.state.DriverState;
import io.nomadiis.iis.BindingSpec;
import io.nomadiis.iis.DirectoryRelease;
import io.nomadiis.iis.IisException;
import io.nomadiis.iis.IisHost;
import io.nomadiis.log.LogField;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One task the driver runs: what it owns on the web server (its {@link DriverState}) and whether it still
 * runs. {@link #exit()} completes once, when the task ends.
 *
 * <p>Threads: the driver's RPC threads (gRPC call executor) start, stop, signal and inspect it; the task
 * watcher and log forwarders (driver scheduler) fail it or read it; the management API reads
 * {@link #running()} and {@link #view()} from its Netty event loop. So nothing here that a reader calls ever
 * waits on a host call: the run state is a volatile field, the other mutable fields are guarded by
 * {@link #stateLock}, which is never held across a host call, and the host removal runs under
 * {@link #teardownLock}, which only tearing-down threads (never an event loop) take.
 */
public final class RunningTask {

    private final TaskRequest request;
    private final DriverState state;
    private final boolean recovered;
    private final List<BindingSpec> bindings;
    private final CompletableFuture<TaskExit> exit = new CompletableFuture<>();
    /** Guards the fields below; held only for field updates, never across a host call or a log stop. */
    private final Object stateLock = new Object();
    /** Serialises teardowns; held across {@link IisHost#remove}, taken only by tearing-down threads. */
    private final Object teardownLock = new Object();
    /** Written under {@link #stateLock}; read without it. */
    private volatile TaskRunState taskState = TaskRunState.RUNNING;

    @GuardedBy("stateLock")
    private Instant completedAt;

    /** A teardown began: the host removal is under way or done (failing the task is then not a failure). */
    @GuardedBy("stateLock")
    private boolean tearingDown;

    @GuardedBy("stateLock")
    private boolean removed;

    @GuardedBy("stateLock")
    private LogForwarding logs;

    /**
     * @param request the task config as Nomad sent it
     * @param state what the task owns
     * @param recovered whether RecoverTask rebuilt it
     * @param bindings the site's bindings (from the state, or read from the host for a C# state)
     */
    public RunningTask(TaskRequest request, DriverState state, boolean recovered, List<BindingSpec> bindings) {
        this.request = requireNonNull(request, "request");
        this.state = requireNonNull(state, "state");
        this.recovered = recovered;
        this.bindings = List.copyOf(requireNonNull(bindings, "bindings"));
    }

    public String taskId() {
        return request.taskId();
    }

    public TaskIdentity identity() {
        return request.identity();
    }

    public TaskRequest request() {
        return request;
    }

    public DriverState state() {
        return state;
    }

    /** Completes with the exit result when the task ends. */
    public CompletableFuture<TaskExit> exit() {
        return exit;
    }

    /** Attaches the task's log forwarding (stopped on teardown). */
    public void attachLogs(LogForwarding forwarding) {
        synchronized (stateLock) {
            this.logs = forwarding;
        }
    }

    /** Whether the task still runs; never waits (any thread, including event loops). */
    public boolean running() {
        return taskState == TaskRunState.RUNNING;
    }

    /**
     * Removes what the task owns from the host (once; later calls do nothing) and ends the task with the
     * result, unless it already ended. Call from a host-call thread: it waits for the host, and for a
     * teardown already under way on another thread.
     */
    public void tearDown(IisHost host, TaskExit result) throws IisException {
        tearDown(host, null, result);
    }

    /**
     * Like {@link #tearDown(IisHost, TaskExit)}, giving the pools at most {@code stopTimeout} to stop before
     * their workers are killed (null: each pool's own shutdown limit).
     */
    public void tearDown(IisHost host, Duration stopTimeout, TaskExit result) throws IisException {
        tearDown(
                () -> {
                    releaseDirectories(host);
                    host.remove(state.removal().withStopTimeout(stopTimeout));
                },
                result);
    }

    /**
     * Takes back the access entries {@code directory_security} added (before the pools go, while their
     * accounts still resolve). A failure is logged and does not stop the removal.
     */
    private void releaseDirectories(IisHost host) {
        if (state.allocDir() == null || state.allocDir().isBlank()) {
            return;
        }
        try {
            host.releaseDirectories(new DirectoryRelease(
                    Path.of(state.allocDir()),
                    request.identity().taskName(),
                    List.copyOf(state.appPools().values())));
        } catch (IisException | RuntimeException e) {
            System.getLogger(RunningTask.class.getName())
                    .log(
                            System.Logger.Level.WARNING,
                            "could not remove the task's directory_security entries",
                            LogField.allocId(request.identity().allocId()),
                            LogField.taskName(request.identity().taskName()),
                            LogField.taskId(taskId()),
                            LogField.path(state.allocDir()),
                            LogField.error(e.getMessage()));
        }
    }

    /**
     * Like {@link #tearDown(IisHost, TaskExit)} with the removal given as an action (for example a removal
     * with a deadline); it runs at most once successfully.
     */
    public void tearDown(HostRemoval removal, TaskExit result) throws IisException {
        synchronized (teardownLock) {
            boolean needed;
            synchronized (stateLock) {
                needed = !removed;
                tearingDown = true;
            }
            if (needed) {
                boolean done = false;
                try {
                    removal.run();
                    done = true;
                } finally {
                    synchronized (stateLock) {
                        removed = done;
                        tearingDown = done;
                    }
                }
            }
        }
        stopLogs();
        end(result);
    }

    /** A host call that removes what the task owns. */
    @FunctionalInterface
    public interface HostRemoval {
        void run() throws IisException;
    }

    /** Ends the task with the result without touching the host (its objects failed or vanished). */
    public boolean end(TaskExit result) {
        synchronized (stateLock) {
            if (taskState == TaskRunState.EXITED) {
                return false;
            }
            taskState = TaskRunState.EXITED;
            completedAt = Instant.now();
            exit.complete(result);
            return true;
        }
    }

    /**
     * Ends the task as failed because its objects failed or vanished outside the driver; ignored once the
     * driver itself began removing them (a teardown in progress is not a failure).
     */
    public boolean fail(String err) {
        return fail(err, () -> {});
    }

    /**
     * Like {@link #fail(String)}, running {@code announce} (e.g. publishing the task event) before the exit
     * completes, so whoever WaitTask wakes up already sees the event.
     */
    public boolean fail(String err, Runnable announce) {
        synchronized (stateLock) {
            if (tearingDown || removed || taskState == TaskRunState.EXITED) {
                return false;
            }
            announce.run();
            return end(TaskExit.failed(err));
        }
    }

    /** Stops log forwarding, keeping its offsets (the plugin stops; a recovery continues from them). */
    public void stopLogs() {
        LogForwarding current = currentLogs();
        if (current != null) {
            current.stop(false);
        }
    }

    /** Stops log forwarding and forgets its offsets (DestroyTask). */
    public void forgetLogs() {
        LogForwarding current = currentLogs();
        if (current != null) {
            current.stop(true);
        }
    }

    private LogForwarding currentLogs() {
        synchronized (stateLock) {
            return logs;
        }
    }

    /** The InspectTask answer. */
    public TaskInspection status() {
        synchronized (stateLock) {
            return new TaskInspection(
                    taskId(),
                    identity().taskName(),
                    taskState,
                    state.startedAt(),
                    completedAt,
                    exit.getNow(null),
                    Map.of("WebsiteName", state.websiteName()));
        }
    }

    /** What the management API sees. */
    public TaskView view() {
        return new TaskView(
                identity(),
                Path.of(state.allocDir()),
                Path.of(state.taskDir()),
                state.appPools(),
                state.defaultPoolAlias(),
                state.websiteName(),
                state.ownsWebsite(),
                bindings,
                state.startedAt(),
                recovered);
    }
}

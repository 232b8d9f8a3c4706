package io.nomadiis.driver.task;

import io.nomadiis.driver.task.logs.LogForwarding;
import io.nomadiis.driver.task.state.DriverState;
import io.nomadiis.iis.BindingSpec;
import io.nomadiis.iis.IisException;
import io.nomadiis.iis.IisHost;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One task the driver runs: what it owns on the web server (its {@link DriverState}) and whether it still
 * runs. All changes happen under one lock; {@link #exit()} completes once, when the task ends.
 */
public final class RunningTask {

    private final TaskRequest request;
    private final DriverState state;
    private final boolean recovered;
    private final List<BindingSpec> bindings;
    private final CompletableFuture<TaskExit> exit = new CompletableFuture<>();
    private final Object lock = new Object();
    private TaskRunState taskState = TaskRunState.RUNNING;
    private Instant completedAt;
    private boolean removed;
    private LogForwarding logs;

    /**
     * @param request the task config as Nomad sent it
     * @param state what the task owns
     * @param recovered whether RecoverTask rebuilt it
     * @param bindings the site's bindings (from the state, or read from the host for a C# state)
     */
    public RunningTask(TaskRequest request, DriverState state, boolean recovered, List<BindingSpec> bindings) {
        this.request = request;
        this.state = state;
        this.recovered = recovered;
        this.bindings = List.copyOf(bindings);
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
        synchronized (lock) {
            this.logs = forwarding;
        }
    }

    /** Whether the task still runs. */
    public boolean running() {
        synchronized (lock) {
            return taskState == TaskRunState.RUNNING;
        }
    }

    /**
     * Removes what the task owns from the host (once; later calls do nothing) and ends the task with the
     * result, unless it already ended.
     */
    public void tearDown(IisHost host, TaskExit result) throws IisException {
        synchronized (lock) {
            if (!removed) {
                host.remove(state.removal());
                removed = true;
            }
            if (logs != null) {
                logs.stop(false);
            }
            end(result);
        }
    }

    /** Ends the task with the result without touching the host (its objects failed or vanished). */
    public boolean end(TaskExit result) {
        synchronized (lock) {
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
     * driver itself removed them (a teardown in progress is not a failure).
     */
    public boolean fail(String err) {
        return fail(err, () -> {});
    }

    /**
     * Like {@link #fail(String)}, running {@code announce} (e.g. publishing the task event) before the exit
     * completes, so whoever WaitTask wakes up already sees the event.
     */
    public boolean fail(String err, Runnable announce) {
        synchronized (lock) {
            if (removed || taskState == TaskRunState.EXITED) {
                return false;
            }
            announce.run();
            return end(TaskExit.failed(err));
        }
    }

    /** Stops log forwarding, keeping its offsets (the plugin stops; a recovery continues from them). */
    public void stopLogs() {
        synchronized (lock) {
            if (logs != null) {
                logs.stop(false);
            }
        }
    }

    /** Stops log forwarding and forgets its offsets (DestroyTask). */
    public void forgetLogs() {
        synchronized (lock) {
            if (logs != null) {
                logs.stop(true);
            }
        }
    }

    /** The InspectTask answer. */
    public TaskInspection status() {
        synchronized (lock) {
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

package io.nomadiis.driver.task;

import io.nomadiis.driver.task.state.DriverState;
import io.nomadiis.driver.task.state.DriverStateCodec;
import io.nomadiis.iis.BindingSpec;
import io.nomadiis.iis.IisHost;
import io.nomadiis.iis.SiteSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The RecoverTask flow: decode the handle's driver state (ours or the C# plugin's), check the task's objects
 * ({@link TaskObjectsCheck}, the same check as the watcher's) and rebuild the handle. While the host cannot be
 * read (W3SVC still starting after a reboot, {@code iisreset}) it waits up to {@code hostWait}, then fails
 * recoverably; objects gone from the configuration fail it for good. The state of every failed recovery is kept,
 * because Nomad then calls DestroyTask for a task the driver does not know (task runner {@code restoreHandle};
 * windows-iis.md section 2) and what the handle named must still be removed ({@link #forgetFailed}). Runs on
 * gRPC worker threads.
 */
final class TaskRecovery {
    private static final Duration POLL = Duration.ofMillis(500);

    private final Supplier<IisHost> host;
    private final Duration hostWait;
    private final Map<String, RunningTask> failed = new ConcurrentHashMap<>();

    TaskRecovery(Supplier<IisHost> host, Duration hostWait) {
        this.host = host;
        this.hostWait = hostWait;
    }

    RunningTask recover(TaskRequest request, int handleVersion, byte[] driverState) throws DriverException {
        String taskId = request.taskId();
        DriverState state = DriverStateCodec.decode(
                handleVersion,
                driverState,
                taskId,
                request.allocDir(),
                request.identity().taskName());
        if (DriverState.FORMAT_CSHARP.equals(state.format())) {
            state = withSinks(state, request);
        }
        long deadline = System.nanoTime() + hostWait.toNanos();
        TaskObjectsCheck.Verdict verdict = TaskObjectsCheck.check(host.get(), state);
        while (verdict instanceof TaskObjectsCheck.Verdict.Unreadable && System.nanoTime() < deadline) {
            try {
                Thread.sleep(Math.min(POLL.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            verdict = TaskObjectsCheck.check(host.get(), state);
        }
        if (verdict instanceof TaskObjectsCheck.Verdict.Unreadable unreadable) {
            failed.put(taskId, new RunningTask(request, state, true, state.bindings()));
            throw new DriverException(
                    DriverException.Kind.RECOVERABLE,
                    "cannot recover task " + taskId + " yet: " + unreadable.why() + " (waited " + hostWait.toSeconds()
                            + " s)");
        }
        if (verdict instanceof TaskObjectsCheck.Verdict.Absent absent) {
            failed.put(taskId, new RunningTask(request, state, true, state.bindings()));
            throw new DriverException(
                    DriverException.Kind.FAILED, "cannot recover task " + taskId + ": " + absent.why());
        }
        failed.remove(taskId);
        List<SiteSpec> site = verdict instanceof TaskObjectsCheck.Verdict.Present present
                ? present.site().stream().toList()
                : List.of();
        List<BindingSpec> bindings = state.bindings().isEmpty() && state.ownsWebsite() && !site.isEmpty()
                ? site.get(0).bindings()
                : state.bindings();
        return new RunningTask(request, state, true, bindings);
    }

    /**
     * A handle for what a task whose recovery failed named (never registered: only for its teardown), removed
     * from memory; null when there is none.
     */
    RunningTask forgetFailed(String taskId) {
        return failed.remove(taskId);
    }

    private static DriverState withSinks(DriverState s, TaskRequest request) {
        Path allocDir = request.allocDir().toAbsolutePath();
        return s.toBuilder()
                .allocDir(allocDir.toString())
                .taskDir(allocDir.resolve(request.identity().taskName()).toString())
                .stdoutPath(request.stdoutPath())
                .stderrPath(request.stderrPath())
                .build();
    }
}

package io.nomadiis.driver.task;

import io.nomadiis.iis.IisHost;
import io.nomadiis.log.LogField;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Checks the running tasks' objects on the host ({@link TaskObjectsCheck}): a site, application or pool gone
 * from the configuration, or a pool the host stopped although the driver wanted it running (rapid-fail
 * protection, an administrator), ends the task with a non-zero exit and a task event naming the object and why,
 * so Nomad restarts or reschedules it. A host that cannot be read (W3SVC restarting) does not end anything: the
 * task gets one event saying so, and the next run checks again. A pool stopped on purpose (STOP signal,
 * management API) is not a failure. Runs on the driver's scheduler thread.
 */
final class TaskWatcher implements Runnable {
    private static final System.Logger LOG = System.getLogger(TaskWatcher.class.getName());

    private final TaskRegistry registry;
    private final Supplier<IisHost> host;
    private final TaskEventBus events;
    /** Tasks whose objects could not be read at the last check (one event per outage). */
    private final Set<String> unreadable = ConcurrentHashMap.newKeySet();

    TaskWatcher(TaskRegistry registry, Supplier<IisHost> host, TaskEventBus events) {
        this.registry = registry;
        this.host = host;
        this.events = events;
    }

    @Override
    public void run() {
        for (RunningTask handle : registry.handles()) {
            if (!handle.running()) {
                unreadable.remove(handle.taskId());
                continue;
            }
            try {
                check(handle);
            } catch (RuntimeException | LinkageError e) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "checking the task failed",
                        LogField.taskId(handle.taskId()),
                        LogField.error(e));
            }
        }
    }

    private void check(RunningTask handle) {
        TaskObjectsCheck.Verdict verdict = TaskObjectsCheck.check(host.get(), handle.state());
        if (verdict instanceof TaskObjectsCheck.Verdict.Unreadable u) {
            if (unreadable.add(handle.taskId())) {
                events.publish(TaskEvent.of(
                        handle.identity(), "Unhealthy: " + u.why() + "; the task keeps running, checking again"));
            }
            return;
        }
        if (unreadable.remove(handle.taskId()) && verdict instanceof TaskObjectsCheck.Verdict.Present) {
            events.publish(TaskEvent.of(handle.identity(), "The web server answers again"));
        }
        String problem = problem(verdict);
        if (problem != null) {
            handle.fail(problem, () -> events.publish(TaskEvent.of(handle.identity(), "Error: " + problem)));
        }
    }

    /** What ends the task, or null. */
    static String problem(TaskObjectsCheck.Verdict verdict) {
        if (verdict instanceof TaskObjectsCheck.Verdict.Absent absent) {
            return "the task's objects disappeared: " + absent.why();
        }
        if (verdict instanceof TaskObjectsCheck.Verdict.StoppedByHost stopped) {
            return "application pool \"" + stopped.pool() + "\" was stopped outside the driver: " + stopped.why();
        }
        return null;
    }
}

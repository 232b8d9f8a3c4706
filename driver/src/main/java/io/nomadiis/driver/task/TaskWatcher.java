package io.nomadiis.driver.task;

import io.nomadiis.iis.IisHost;
import io.nomadiis.iis.PoolRuntime;
import io.nomadiis.iis.PoolState;
import io.nomadiis.iis.SiteSpec;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Checks the running tasks' objects on the host: a site, application or pool that disappeared, or a pool the
 * host stopped by itself (rapid-fail protection), ends the task with a non-zero exit and a task event, so
 * Nomad restarts or reschedules it. A pool stopped on purpose (STOP signal, management API) is not a failure.
 */
final class TaskWatcher implements Runnable {
    private static final System.Logger LOG = System.getLogger(TaskWatcher.class.getName());

    private final TaskRegistry registry;
    private final Supplier<IisHost> host;
    private final TaskEventBus events;

    TaskWatcher(TaskRegistry registry, Supplier<IisHost> host, TaskEventBus events) {
        this.registry = registry;
        this.host = host;
        this.events = events;
    }

    @Override
    public void run() {
        for (RunningTask handle : registry.handles()) {
            if (!handle.running()) {
                continue;
            }
            try {
                String problem = problem(handle);
                if (problem != null) {
                    handle.fail(problem, () -> events.publish(TaskEvent.of(handle.identity(), "Error: " + problem)));
                }
            } catch (RuntimeException | LinkageError e) {
                LOG.log(System.Logger.Level.WARNING, "checking task " + handle.taskId() + " failed: " + e);
            }
        }
    }

    /** What is wrong with the task's objects, or null. */
    String problem(RunningTask handle) {
        String siteName = handle.state().websiteName();
        Optional<SiteSpec> site = host.get().site(siteName);
        if (site.isEmpty()) {
            return "website \"" + siteName + "\" disappeared";
        }
        if (!handle.state().ownsWebsite()) {
            for (String path : handle.state().applicationPaths()) {
                if (site.get().applications().stream().noneMatch(a -> a.path().equalsIgnoreCase(path))) {
                    return "application \"" + path + "\" disappeared from website \"" + siteName + "\"";
                }
            }
        }
        for (Map.Entry<String, String> pool : handle.state().appPools().entrySet()) {
            PoolRuntime runtime = host.get().poolRuntime(pool.getValue());
            if (runtime.state() == PoolState.UNKNOWN) {
                return "application pool \"" + pool.getValue() + "\" disappeared";
            }
            if (runtime.failure() != null) {
                return "application pool \"" + pool.getValue() + "\" was stopped by rapid-fail protection: "
                        + runtime.failure();
            }
        }
        return null;
    }
}

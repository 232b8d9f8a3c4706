package io.nomadiis.mgmt.routes;

import static java.util.Objects.requireNonNull;

import io.nomadiis.driver.task.TaskView;
import io.nomadiis.iis.IisException;
import io.nomadiis.iis.IisHost;
import io.nomadiis.iis.PoolRuntime;
import io.nomadiis.iis.PoolState;
import io.nomadiis.log.LogField;
import io.nomadiis.mgmt.http.ApiException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Starts, stops and recycles all app pools of a task on the web server host.
 *
 * <p>Threads: called from route handlers on the management API's {@code mgmt-worker-*} threads, never from an
 * event loop; it waits on host calls.
 */
public final class PoolControl {
    private static final System.Logger LOG = System.getLogger(PoolControl.class.getName());
    private static final Duration WORKER_EXIT_WAIT = Duration.ofSeconds(10);

    private final Supplier<IisHost> hosts;

    public PoolControl(Supplier<IisHost> host) {
        this.hosts = requireNonNull(host, "host");
    }

    /** The web server host (created on first use by the plugin). */
    public IisHost host() {
        return hosts.get();
    }

    /** Starts every pool of the task. */
    public void startAll(TaskView task) {
        for (String pool : task.appPools().values()) {
            call("start", pool, () -> host().startPool(pool));
        }
    }

    /** Stops every pool of the task and waits (bounded) until their workers exited, so files are released. */
    public void stopAll(TaskView task) {
        for (String pool : task.appPools().values()) {
            call("stop", pool, () -> host().stopPool(pool));
        }
        long deadline = System.nanoTime() + WORKER_EXIT_WAIT.toNanos();
        for (String pool : task.appPools().values()) {
            while (host().poolRuntime(pool).workerRunning() && System.nanoTime() < deadline) {
                sleep();
            }
        }
    }

    /** Recycles every pool of the task (new worker processes). */
    public void recycleAll(TaskView task) {
        for (String pool : task.appPools().values()) {
            call("recycle", pool, () -> host().recyclePool(pool));
        }
    }

    /** A pool that did not start again, and what the host said. */
    public record StartFailure(String alias, String pool, String message) {
        /** One clause for an error message. */
        public String describe() {
            return "app pool " + alias + " (" + pool + ") did not start again: " + message;
        }
    }

    /**
     * Starts every pool (each one even when another fails) and reports those that did not start:
     * the host refused, or the pool is not in the started state afterwards.
     */
    public List<StartFailure> startAllReporting(TaskView task) {
        List<StartFailure> failures = new ArrayList<>();
        for (Map.Entry<String, String> e : task.appPools().entrySet()) {
            String pool = e.getValue();
            String message;
            try {
                host().startPool(pool);
                PoolRuntime runtime = host().poolRuntime(pool);
                if (runtime.state() == PoolState.STARTED) {
                    continue;
                }
                message = "it is " + runtime.state().name().toLowerCase(java.util.Locale.ROOT) + " after the start"
                        + (runtime.failure() == null ? "" : ": " + runtime.failure());
            } catch (IisException | RuntimeException ex) {
                message = ex.getMessage();
            }
            LOG.log(
                    Level.ERROR,
                    "failed to start the app pool again after a file upload",
                    LogField.pool(String.valueOf(pool)),
                    LogField.error(message));
            failures.add(new StartFailure(e.getKey(), pool, message));
        }
        return failures;
    }

    private interface PoolCall {
        void run() throws IisException;
    }

    private static void call(String verb, String pool, PoolCall call) {
        try {
            call.run();
        } catch (IisException e) {
            throw new ApiException(500, "failed to " + verb + " app pool " + pool + ": " + e.getMessage(), e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(500, "interrupted while waiting for app pool workers to exit");
        }
    }
}

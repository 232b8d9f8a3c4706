package io.nomadiis.mgmt.routes;

import io.nomadiis.driver.task.TaskView;
import io.nomadiis.iis.IisException;
import io.nomadiis.iis.IisHost;
import io.nomadiis.mgmt.http.ApiException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.function.Supplier;

/** Starts, stops and recycles all app pools of a task on the web server host. */
public final class PoolControl {
    private static final System.Logger LOG = System.getLogger(PoolControl.class.getName());
    private static final Duration WORKER_EXIT_WAIT = Duration.ofSeconds(10);

    private final Supplier<IisHost> hosts;

    public PoolControl(Supplier<IisHost> host) {
        this.hosts = host;
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

    /** Starts every pool, logging instead of throwing (used in finally blocks). */
    public void startAllQuietly(TaskView task) {
        for (String pool : task.appPools().values()) {
            try {
                host().startPool(pool);
            } catch (IisException | RuntimeException e) {
                LOG.log(
                        Level.ERROR,
                        "failed to start app pool " + pool + " again after a file upload: " + e.getMessage());
            }
        }
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

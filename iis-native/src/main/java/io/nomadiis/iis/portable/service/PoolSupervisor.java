package io.nomadiis.iis.portable.service;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import io.nomadiis.iis.AppPoolSpec;
import io.nomadiis.iis.IisException;
import io.nomadiis.iis.PoolAttribute;
import io.nomadiis.iis.PoolRuntime;
import io.nomadiis.iis.PoolState;
import io.nomadiis.iis.ServiceUnavailableResponse;
import io.nomadiis.iis.portable.StateLayout;
import io.nomadiis.iis.portable.WorkerSpec;
import io.nomadiis.log.LogField;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * What WAS does for one app pool: starts, stops and recycles its worker process (overlapped: the new
 * worker serves before the old one drains), restarts a worker that dies unexpectedly, and stops the
 * pool when its workers crash {@value #RAPID_FAIL_MAX_CRASHES} times within 5 minutes (IIS's rapid-fail
 * protection defaults), recording why.
 *
 * <p>Threads: the service's control threads (start, stop, recycle, runtime), its {@code portable-host-*}
 * background threads (draining old workers, restarts after a crash), process-exit callbacks and request
 * threads waiting in {@link #awaitWorker}. The mutable fields are guarded by this object's monitor, which is
 * never held while a worker is launched or terminated.
 */
final class PoolSupervisor {
    static final int RAPID_FAIL_MAX_CRASHES = 5;
    static final Duration RAPID_FAIL_INTERVAL = Duration.ofMinutes(5);
    private static final System.Logger LOG = System.getLogger(PoolSupervisor.class.getName());

    /** Called when the pool's wanted state or failure changes, to persist it. */
    interface StateListener {
        void changed(String pool, boolean started, String failure);
    }

    private final StateLayout layout;
    private final AppPoolSpec spec;
    private final Supplier<List<WorkerSpec.Mount>> applications;
    private final StateListener listener;
    private final Executor background;

    @GuardedBy("this")
    private final Deque<Long> crashes = new ArrayDeque<>();

    @GuardedBy("this")
    private WorkerProcess current;

    @GuardedBy("this")
    private long currentSince;

    private volatile boolean recycling;

    @GuardedBy("this")
    private PoolState state = PoolState.STOPPED;

    @GuardedBy("this")
    private boolean wanted;

    @GuardedBy("this")
    private String failure;

    PoolSupervisor(
            StateLayout layout,
            AppPoolSpec spec,
            Supplier<List<WorkerSpec.Mount>> applications,
            StateListener listener,
            Executor background) {
        this.layout = layout;
        this.spec = spec;
        this.applications = applications;
        this.listener = listener;
        this.background = background;
    }

    String name() {
        return spec.name();
    }

    boolean dropsConnections() {
        return spec.setting(PoolAttribute.LOAD_BALANCER_CAPABILITIES) == ServiceUnavailableResponse.TCP_LEVEL;
    }

    Duration startLimit() {
        Duration limit = spec.setting(PoolAttribute.STARTUP_TIME_LIMIT);
        return limit != null ? limit : Duration.ofSeconds(90);
    }

    private Duration shutdownLimit() {
        Duration limit = spec.setting(PoolAttribute.SHUTDOWN_TIME_LIMIT);
        return limit != null ? limit : Duration.ofSeconds(90);
    }

    synchronized PoolRuntime runtime() {
        return new PoolRuntime(spec.name(), state, current == null ? List.of() : current.pids(), failure);
    }

    /** After a service restart: the failure recorded when rapid-fail protection stopped the pool. */
    synchronized void restoreFailure(String recorded) {
        failure = recorded;
    }

    /** Takes over a worker that survived a service restart. */
    synchronized void adopt(WorkerProcess worker) {
        wanted = true;
        install(worker);
    }

    /** Starts the pool and waits until its worker serves; a started pool stays started. */
    void start() throws IisException {
        synchronized (this) {
            if (wanted && current != null) {
                return;
            }
            wanted = true;
            failure = null;
            crashes.clear();
            state = PoolState.STARTING;
            notifyAll();
        }
        listener.changed(name(), true, null);
        try {
            WorkerProcess worker = WorkerProcess.launch(layout, spec, applications.get(), startLimit());
            installOrDiscard(worker);
        } catch (IisException e) {
            synchronized (this) {
                wanted = false;
                state = PoolState.STOPPED;
                notifyAll();
            }
            listener.changed(name(), false, null);
            throw e;
        }
    }

    /** Stops the pool: its worker drains in-flight requests and exits (within the pool's shutdown limit). */
    void stop() {
        stop(null);
    }

    /**
     * Stops the pool; with a {@code deadline}, the worker gets at most that long (or the pool's shutdown
     * limit, when shorter) to drain and exit and is then killed.
     */
    void stop(Duration deadline) {
        WorkerProcess worker;
        String reason;
        synchronized (this) {
            wanted = false;
            worker = current;
            current = null;
            state = PoolState.STOPPING;
            reason = failure;
            notifyAll();
        }
        listener.changed(name(), false, reason);
        if (worker != null) {
            if (deadline == null) {
                worker.terminate(shutdownLimit());
            } else {
                worker.terminateWithin(deadline.compareTo(shutdownLimit()) < 0 ? deadline : shutdownLimit());
            }
        }
        synchronized (this) {
            if (!wanted) {
                state = PoolState.STOPPED;
            }
        }
    }

    /**
     * Replaces the worker: the new one is started and serving before the old one drains and exits
     * (unless overlapped recycling is disabled). Recycling a stopped pool starts it.
     */
    void recycle() throws IisException {
        recycling = true;
        try {
            recycleWorker();
        } finally {
            recycling = false;
        }
    }

    private void recycleWorker() throws IisException {
        WorkerProcess old;
        synchronized (this) {
            old = current;
        }
        if (old == null) {
            start();
            return;
        }
        if (Boolean.TRUE.equals(spec.setting(PoolAttribute.DISALLOW_OVERLAPPING_ROTATION))) {
            stop();
            start();
            return;
        }
        WorkerProcess fresh = WorkerProcess.launch(layout, spec, applications.get(), startLimit());
        boolean installed;
        synchronized (this) {
            installed = wanted;
            if (installed) {
                old.retire();
                install(fresh);
            }
        }
        if (installed) {
            retire(old);
        } else {
            fresh.terminate(shutdownLimit());
        }
    }

    /** Whether the pool's {@code periodicRestart} time has passed since its worker started. */
    synchronized boolean dueForPeriodicRestart() {
        Duration period = spec.setting(PoolAttribute.PERIODIC_RESTART_TIME);
        return period != null
                && !period.isZero()
                && !period.isNegative()
                && current != null
                && wanted
                && !recycling
                && System.nanoTime() - currentSince >= period.toNanos();
    }

    /** The serving worker; waits while the pool is starting. Null when the pool is stopped. */
    synchronized WorkerProcess awaitWorker(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (wanted && current == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return current;
    }

    private void retire(WorkerProcess old) {
        long deadline = System.nanoTime() + shutdownLimit().toNanos();
        while (old.inFlight().get() > 0 && System.nanoTime() < deadline) {
            sleep(10);
        }
        old.terminate(shutdownLimit());
    }

    private void installOrDiscard(WorkerProcess worker) {
        synchronized (this) {
            if (wanted) {
                install(worker);
                return;
            }
        }
        worker.terminate(shutdownLimit());
    }

    @GuardedBy("this")
    private void install(WorkerProcess worker) {
        WorkerProcess previous = current;
        if (previous != null && previous != worker && !previous.retiring()) {
            previous.retire();
            background.execute(() -> retire(previous));
        }
        current = worker;
        currentSince = System.nanoTime();
        state = PoolState.STARTED;
        notifyAll();
        worker.handle().onExit().thenRun(() -> exited(worker));
    }

    private void exited(WorkerProcess worker) {
        boolean restart;
        String reason;
        synchronized (this) {
            if (worker != current || worker.retiring()) {
                return;
            }
            current = null;
            long now = System.currentTimeMillis();
            crashes.addLast(now);
            while (!crashes.isEmpty() && crashes.peekFirst() < now - RAPID_FAIL_INTERVAL.toMillis()) {
                crashes.removeFirst();
            }
            restart = crashes.size() < RAPID_FAIL_MAX_CRASHES;
            if (restart) {
                state = PoolState.STARTING;
            } else {
                wanted = false;
                state = PoolState.STOPPED;
                failure = "its worker process crashed " + RAPID_FAIL_MAX_CRASHES + " times within "
                        + RAPID_FAIL_INTERVAL.toMinutes() + " minutes (rapid-fail protection)";
            }
            reason = failure;
            notifyAll();
        }
        worker.cleanUpAfterExit();
        LOG.log(
                System.Logger.Level.WARNING,
                restart
                        ? "worker process exited unexpectedly; starting a new one"
                        : "worker process exited unexpectedly; pool stopped (rapid-fail protection)",
                LogField.pool(name()),
                LogField.pid(worker.pid()));
        if (restart) {
            background.execute(this::restartAfterCrash);
        } else {
            listener.changed(name(), false, reason);
        }
    }

    private void restartAfterCrash() {
        try {
            WorkerProcess worker = WorkerProcess.launch(layout, spec, applications.get(), startLimit());
            installOrDiscard(worker);
        } catch (IisException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "cannot restart the app pool",
                    LogField.pool(name()),
                    LogField.error(e.getMessage()));
            synchronized (this) {
                if (!wanted) {
                    return;
                }
                failure = e.getMessage();
                wanted = false;
                state = PoolState.STOPPED;
                notifyAll();
            }
            listener.changed(name(), false, e.getMessage());
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

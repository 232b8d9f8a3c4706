package io.nomadiis.driver.plugin;

import static java.util.Objects.requireNonNull;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import io.nomadiis.log.LogField;
import io.nomadiis.threads.NamedThreadFactory;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ends the plugin process when Nomad asks (go-plugin {@code GRPCController/Shutdown}): closes the
 * registered parts in reverse order of registration, then exits the JVM. Nomad kills the process
 * 2 s after asking, so a watchdog halts the JVM if closing or exit hooks take longer than
 * {@link #HALT_AFTER_MILLIS}.
 */
public final class ShutdownSequence {

    /** The JVM is halted this long after shutdown was requested, whatever is still running. */
    static final long HALT_AFTER_MILLIS = 1700;

    private static final System.Logger LOG = System.getLogger(ShutdownSequence.class.getName());

    @GuardedBy("this")
    private final Deque<AutoCloseable> parts = new ArrayDeque<>();

    private final AtomicBoolean requested = new AtomicBoolean();
    private final Runnable exit;
    private final Runnable halt;

    /** A sequence that ends with {@code System.exit(0)}, or {@code Runtime.halt(0)} when that takes too long. */
    public ShutdownSequence() {
        this(() -> System.exit(0), () -> Runtime.getRuntime().halt(0));
    }

    /** A sequence that ends with {@code exit}, or {@code halt} after the deadline (tests pass harmless ones). */
    public ShutdownSequence(Runnable exit, Runnable halt) {
        this.exit = requireNonNull(exit, "exit");
        this.halt = requireNonNull(halt, "halt");
    }

    /** Registers a part to close on shutdown; parts close in reverse order of registration. */
    public synchronized void register(AutoCloseable part) {
        parts.push(part);
    }

    /** Whether shutdown was requested. */
    public boolean isRequested() {
        return requested.get();
    }

    /** Starts the shutdown on a separate thread and returns at once; later calls do nothing. */
    public void request() {
        if (!requested.compareAndSet(false, true)) {
            return;
        }
        Thread watchdog = new NamedThreadFactory("shutdown-watchdog").newThread(() -> {
            try {
                Thread.sleep(HALT_AFTER_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            halt.run();
        });
        watchdog.start();
        new NamedThreadFactory("shutdown").newThread(this::run).start();
    }

    private void run() {
        LOG.log(System.Logger.Level.INFO, "plugin shutting down");
        AutoCloseable part;
        while ((part = next()) != null) {
            try {
                part.close();
            } catch (Exception e) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "closing a part failed during shutdown",
                        LogField.of("part", String.valueOf(part)),
                        e);
            }
        }
        exit.run();
    }

    private synchronized AutoCloseable next() {
        return parts.poll();
    }
}

package io.nomadiis.threads;

import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates daemon threads named {@code <prefix>-<n>} so thread dumps say what each thread is for. The one
 * thread factory of every module (the plugin, the management API, the portable service and its workers).
 * {@link #background} threads run below the priority of the plugin's other threads, so work nobody at Nomad
 * waits on (management API traffic) cannot take CPU time from Nomad's RPCs on a busy node. Called by
 * whichever thread creates an executor's threads.
 */
public final class NamedThreadFactory implements ThreadFactory {
    /** Nice steps a background thread takes on Linux (0 is the default, 19 the lowest priority). */
    static final int BACKGROUND_NICE_STEPS = 10;

    private final String prefix;
    private final boolean background;
    private final AtomicInteger counter = new AtomicInteger();

    /** Threads named {@code prefix-1}, {@code prefix-2}, ... at normal priority. */
    public NamedThreadFactory(String prefix) {
        this(prefix, false);
    }

    private NamedThreadFactory(String prefix, boolean background) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.background = background;
    }

    /**
     * Threads named {@code prefix-<n>} at lower priority: Java's below-normal priority (honoured on Windows,
     * where it maps to {@code THREAD_PRIORITY_BELOW_NORMAL}) and, on Linux, a nice value 10 above the
     * creating process's, set by each thread as it starts (processes it starts inherit it).
     */
    public static NamedThreadFactory background(String prefix) {
        return new NamedThreadFactory(prefix, true);
    }

    @Override
    public Thread newThread(Runnable task) {
        Runnable body = background ? () -> runInBackground(task) : task;
        Thread thread = new Thread(body, prefix + "-" + counter.incrementAndGet());
        thread.setDaemon(true);
        if (background) {
            thread.setPriority(Thread.NORM_PRIORITY - 2);
        }
        return thread;
    }

    private static void runInBackground(Runnable task) {
        LinuxThreadPriority.lowerCurrentThread(BACKGROUND_NICE_STEPS);
        task.run();
    }
}

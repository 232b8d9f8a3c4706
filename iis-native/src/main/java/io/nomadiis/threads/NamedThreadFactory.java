package io.nomadiis.threads;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates daemon threads named {@code <prefix>-<n>} so thread dumps say what each thread is for. The one
 * thread factory of every module (the plugin, the management API, the portable service and its workers).
 */
public final class NamedThreadFactory implements ThreadFactory {

    private final String prefix;
    private final AtomicInteger counter = new AtomicInteger();

    /** Threads named {@code prefix-1}, {@code prefix-2}, ... */
    public NamedThreadFactory(String prefix) {
        this.prefix = java.util.Objects.requireNonNull(prefix, "prefix");
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(task, prefix + "-" + counter.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }
}

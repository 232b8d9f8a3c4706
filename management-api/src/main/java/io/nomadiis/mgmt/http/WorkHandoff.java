package io.nomadiis.mgmt.http;

import io.netty.util.concurrent.EventExecutor;
import io.nomadiis.threads.NamedThreadFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Hands work that must not be lost (a request body's next chunks, its abort) to the worker pool.
 * When the pool is full, the work waits: it is offered again from the connection's event loop
 * every {@link #RETRY_MILLIS} ms until a worker takes it. When the pool has shut down (the server
 * is closing), the work runs on a thread of its own, so an abort still releases what it holds.
 * Called from the event loop or from workers.
 */
final class WorkHandoff {
    static final long RETRY_MILLIS = 10;
    private static final NamedThreadFactory HANDOFF_THREADS = new NamedThreadFactory("mgmt-handoff");

    private final ExecutorService workers;
    private final EventExecutor eventLoop;

    WorkHandoff(ExecutorService workers, EventExecutor eventLoop) {
        this.workers = workers;
        this.eventLoop = eventLoop;
    }

    /** Runs the task on a worker, now or as soon as one is free. */
    void submit(Runnable task) {
        try {
            workers.execute(task);
        } catch (RejectedExecutionException e) {
            if (workers.isShutdown() || eventLoop.isShuttingDown()) {
                HANDOFF_THREADS.newThread(task).start();
            } else {
                eventLoop.schedule(() -> submit(task), RETRY_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
    }
}

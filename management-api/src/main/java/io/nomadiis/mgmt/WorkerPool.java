package io.nomadiis.mgmt;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The bounded pool of daemon threads that run the management API's blocking work. */
final class WorkerPool {
    static final int MAX_THREADS = 64;

    private WorkerPool() {}

    /** Up to {@link #MAX_THREADS} threads; beyond that requests are refused with 503. */
    static ExecutorService create() {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(0, MAX_THREADS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "mgmt-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}

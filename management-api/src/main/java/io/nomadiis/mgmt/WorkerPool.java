package io.nomadiis.mgmt;

import io.nomadiis.threads.NamedThreadFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The bounded pool of daemon threads that run the management API's blocking work. */
final class WorkerPool {
    static final int MAX_THREADS = 64;

    private WorkerPool() {}

    /** Up to {@link #MAX_THREADS} threads; beyond that requests are refused with 503. */
    static ExecutorService create() {
        return new ThreadPoolExecutor(
                0, MAX_THREADS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), new NamedThreadFactory("mgmt-worker"));
    }
}

package io.nomadiis.mgmt;

import io.nomadiis.threads.NamedThreadFactory;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The bounded pool of daemon threads ({@code mgmt-worker-N}) that run the management API's
 * blocking work: {@link #MAX_THREADS} threads and a queue of {@link #MAX_QUEUED} waiting tasks.
 * When both are full it rejects: a new request is then answered 503 with {@code Retry-After},
 * while work of a request already under way waits for a free worker (it is never dropped).
 */
final class WorkerPool {
    static final int MAX_THREADS = 64;
    static final int MAX_QUEUED = 2048;

    private WorkerPool() {}

    static ExecutorService create() {
        return create(MAX_THREADS, MAX_QUEUED);
    }

    static ExecutorService create(int threads, int queued) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                threads,
                threads,
                60,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queued),
                NamedThreadFactory.background("mgmt-worker"));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}

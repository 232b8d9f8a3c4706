package io.nomadiis.mgmt.files;

import io.nomadiis.mgmt.http.ApiException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One file operation per task at a time: a second upload or delete while one runs gets 409
 * instead of interleaving with it.
 *
 * <p>Threads: taken and released by route handlers on {@code mgmt-worker-*} threads; the lock table is a
 * concurrent map.
 */
public final class TaskLocks {
    private final ConcurrentMap<String, String> held = new ConcurrentHashMap<>();

    /** Takes the task's lock or throws 409; release with {@link #release}. */
    public void acquire(String taskId, String requestId) {
        String holder = held.putIfAbsent(taskId, requestId);
        if (holder != null) {
            throw ApiException.conflict("another file operation (request " + holder + ") is running on this task");
        }
    }

    public void release(String taskId, String requestId) {
        held.remove(taskId, requestId);
    }
}

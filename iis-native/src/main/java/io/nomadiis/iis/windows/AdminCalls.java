package io.nomadiis.iis.windows;

import io.nomadiis.iis.IisException;

/**
 * Runs calls on AHADMIN. On Windows one thread makes every COM call ({@link ComCallThread}); the in-memory
 * AHADMIN double runs them on the caller's thread. Callers are the Windows host's threads (driver RPC
 * threads, the task watcher, stats ticks); never an event-loop thread, since a call may wait.
 */
public interface AdminCalls extends AutoCloseable {
    /** Work done with the admin managers of one call. */
    @FunctionalInterface
    interface AdminTask<T> {
        T run(AppHostAdmin admin) throws IisException;
    }

    /**
     * Runs the task and waits for it. An {@link AppHostException} the task throws becomes an
     * {@link IisException} labelled by {@link HResults} naming the operation and the object.
     *
     * @param operation what the task does, for messages ({@code create app pool})
     * @param object the IIS object it works on, for messages
     */
    <T> T call(String operation, String object, AdminTask<T> task) throws IisException;

    @Override
    void close();
}

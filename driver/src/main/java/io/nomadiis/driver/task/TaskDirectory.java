package io.nomadiis.driver.task;

import java.util.List;
import java.util.Optional;

/**
 * Finds the tasks this plugin process runs. Implemented by the driver's task registry; used by
 * the management API, which shares the registry with the gRPC driver service.
 *
 * <p>Threads: implementations are read by the management API from its Netty event loop (request gate) and
 * workers, and must answer from published snapshots without waiting on a host call or a lock held across one;
 * {@code onAdded} listeners run on the thread that adds the task (gRPC call executor).
 */
public interface TaskDirectory {

    /** The task of the allocation with that name, if this plugin runs it. */
    Optional<TaskView> find(String allocId, String taskName);

    /** Every task this plugin runs. */
    List<TaskView> all();

    /**
     * Calls {@code listener} with each task added from now on (started or recovered), on the thread that
     * adds it (a driver RPC thread), until the returned handle is closed. The listener must not block.
     */
    default AutoCloseable onAdded(java.util.function.Consumer<TaskView> listener) {
        return () -> {};
    }
}

package io.nomadiis.driver.task;

import java.util.List;
import java.util.Optional;

/**
 * Finds the tasks this plugin process runs. Implemented by the driver's task registry; used by
 * the management API, which shares the registry with the gRPC driver service.
 */
public interface TaskDirectory {

    /** The task of the allocation with that name, if this plugin runs it. */
    Optional<TaskView> find(String allocId, String taskName);

    /** Every task this plugin runs. */
    List<TaskView> all();
}

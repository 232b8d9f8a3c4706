package io.nomadiis.driver.task;

import java.time.Instant;
import java.util.Map;

/**
 * The answer to InspectTask.
 *
 * @param taskId the task id
 * @param taskName the task name
 * @param state running or exited
 * @param startedAt when it started
 * @param completedAt when it ended, or null while running
 * @param result the exit result, or null while running
 * @param driverAttributes attributes such as {@code WebsiteName}
 */
public record TaskStatus(String taskId, String taskName, TaskState state, Instant startedAt,
                         Instant completedAt, ExitResult result, Map<String, String> driverAttributes) {
    public TaskStatus {
        driverAttributes = Map.copyOf(driverAttributes);
    }
}

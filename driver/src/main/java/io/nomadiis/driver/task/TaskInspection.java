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
public record TaskInspection(
        String taskId,
        String taskName,
        TaskRunState state,
        Instant startedAt,
        Instant completedAt,
        TaskExit result,
        Map<String, String> driverAttributes) {
    public TaskInspection {
        driverAttributes = Map.copyOf(driverAttributes);
    }
}

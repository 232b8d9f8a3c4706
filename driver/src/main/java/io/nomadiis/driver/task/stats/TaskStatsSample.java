package io.nomadiis.driver.task.stats;

import java.time.Instant;
import java.util.Map;

/**
 * One TaskStats message: usage summed over all worker processes of the task's pools, and per process.
 *
 * @param taskId the task
 * @param timestamp when it was measured
 * @param aggregate the sum (always present, zero when no worker runs)
 * @param byPid usage per process id
 */
public record TaskStatsSample(
        String taskId, Instant timestamp, ResourceUsage aggregate, Map<Long, ResourceUsage> byPid) {
    public TaskStatsSample {
        byPid = Map.copyOf(byPid);
    }
}

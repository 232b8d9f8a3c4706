package io.nomadiis.driver.task;

import java.time.Instant;
import java.util.Map;

/**
 * A driver event shown on the task in Nomad; routed by {@code allocId} and {@code taskName}.
 *
 * @param taskId the task id
 * @param allocId the allocation id
 * @param taskName the task name
 * @param timestamp when it happened
 * @param message what happened
 * @param annotations details
 */
public record TaskEvent(
        String taskId,
        String allocId,
        String taskName,
        Instant timestamp,
        String message,
        Map<String, String> annotations) {
    public TaskEvent {
        annotations = Map.copyOf(annotations);
    }

    /** An event about the task with that identity, now. */
    public static TaskEvent of(TaskIdentity identity, String message) {
        return new TaskEvent(
                identity.taskId(), identity.allocId(), identity.taskName(), Instant.now(), message, Map.of());
    }
}

package io.nomadiis.driver.task;

/**
 * Who a task is in Nomad's terms.
 *
 * @param taskId Nomad's task id {@code <allocId>/<taskName>/<random>}
 * @param allocId the allocation id
 * @param taskName the task name
 * @param namespace the job's namespace
 * @param jobId the job id
 * @param jobName the job name
 * @param taskGroupName the task group name
 */
public record TaskIdentity(
        String taskId,
        String allocId,
        String taskName,
        String namespace,
        String jobId,
        String jobName,
        String taskGroupName) {}

package io.nomadiis.driver.task;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What Nomad tells the driver about a task to start or recover (its {@code TaskConfig}), in plain Java.
 *
 * @param identity who the task is
 * @param allocDir the allocation directory on the host
 * @param env the full task environment
 * @param ports the ports Nomad allocated, by label
 * @param stdoutPath the task's stdout sink (FIFO, named pipe or null device), or empty
 * @param stderrPath the task's stderr sink, or empty
 * @param cpuShares the task's CPU shares (MHz), or 0
 * @param memoryMb the task's memory in MiB, or 0
 * @param driverConfig the cty-msgpack bytes of the task's {@code config} block; empty on recovery
 */
public record TaskRequest(
        TaskIdentity identity,
        Path allocDir,
        Map<String, String> env,
        List<TaskPort> ports,
        String stdoutPath,
        String stderrPath,
        long cpuShares,
        long memoryMb,
        byte[] driverConfig) {
    public TaskRequest {
        env = Map.copyOf(env);
        ports = List.copyOf(ports);
        stdoutPath = stdoutPath == null ? "" : stdoutPath;
        stderrPath = stderrPath == null ? "" : stderrPath;
        driverConfig = driverConfig == null ? new byte[0] : driverConfig;
    }

    /** The task id {@code <allocId>/<taskName>/<random>}. */
    public String taskId() {
        return identity.taskId();
    }

    /** The task directory {@code <allocDir>/<taskName>}. */
    public Path taskDir() {
        return allocDir.resolve(identity.taskName());
    }
}

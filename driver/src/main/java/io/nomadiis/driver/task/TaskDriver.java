package io.nomadiis.driver.task;

import io.nomadiis.driver.config.PluginConfig;
import io.nomadiis.driver.task.stats.TaskStatsSample;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The task half of Nomad's driver plugin contract, in plain Java. The gRPC driver service translates each
 * RPC to one call here. Unknown task ids are {@link DriverException.Kind#NOT_FOUND} errors unless a method
 * says otherwise.
 */
public interface TaskDriver {

    /** Applies the agent's plugin config (allow-lists, placeholder) to later starts. */
    void configure(PluginConfig config);

    /** Starts the task; see {@link DriverException.Kind} for how failures are classified. */
    StartedTask startTask(TaskRequest request) throws DriverException;

    /**
     * Rebuilds a task from its handle after a plugin or agent restart. A task already known is left as it is.
     *
     * @param request the handle's task config (its driver config is empty)
     * @param handleVersion the handle's version
     * @param driverState the handle's driver state
     */
    void recoverTask(TaskRequest request, int handleVersion, byte[] driverState) throws DriverException;

    /** Completes when the task ends (at once if it has ended). */
    CompletableFuture<TaskExit> waitTask(String taskId) throws DriverException;

    /** Tears the task down, keeping its handle; OK for unknown or ended tasks. */
    void stopTask(String taskId, Duration timeout, String signal) throws DriverException;

    /** Tears the task down and forgets it; OK for unknown tasks. */
    void destroyTask(String taskId, boolean force) throws DriverException;

    /** The task's status. */
    TaskInspection inspectTask(String taskId) throws DriverException;

    /**
     * Sends START, STOP, RECYCLE/SIGHUP or SIGINT/SIGKILL to the task; any other signal is logged, shown
     * as a task event and answered OK (as the C# plugin does).
     */
    void signalTask(String taskId, String signal) throws DriverException;

    /**
     * Streams resource usage every {@code interval} until the returned handle is closed or the task ends
     * (then {@code onEnd} runs).
     */
    AutoCloseable taskStats(String taskId, Duration interval, Consumer<TaskStatsSample> sink, Runnable onEnd)
            throws DriverException;

    /** Streams the events of every task until the returned handle is closed. */
    AutoCloseable taskEvents(Consumer<TaskEvent> sink);

    /** The running tasks, for the management API. */
    TaskDirectory directory();
}

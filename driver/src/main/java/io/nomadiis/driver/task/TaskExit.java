package io.nomadiis.driver.task;

/**
 * How a task ended.
 *
 * @param exitCode 0 for a stop by Nomad or a teardown signal, non-zero for a failure
 * @param signal the signal number that ended it, or 0
 * @param err why the task failed, or empty
 */
public record TaskExit(int exitCode, int signal, String err) {

    /** A task stopped on purpose. */
    public static final TaskExit STOPPED = new TaskExit(0, 0, "");

    /** A task that failed outside the driver. */
    public static TaskExit failed(String err) {
        return new TaskExit(1, 0, err);
    }

    public boolean successful() {
        return exitCode == 0 && err.isEmpty();
    }
}

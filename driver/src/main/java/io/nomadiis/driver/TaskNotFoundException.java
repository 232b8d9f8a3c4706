package io.nomadiis.driver;

/** A task RPC named a task id the plugin does not know (Nomad's {@code ErrTaskNotFound}). */
public final class TaskNotFoundException extends RuntimeException {

    /** The message Go drivers send, kept for parity. */
    public static final String MESSAGE = "task not found for given id";

    private final String taskId;

    /** For the unknown {@code taskId}. */
    public TaskNotFoundException(String taskId) {
        super(MESSAGE);
        this.taskId = taskId;
    }

    /** The id that was asked for. */
    public String taskId() {
        return taskId;
    }
}

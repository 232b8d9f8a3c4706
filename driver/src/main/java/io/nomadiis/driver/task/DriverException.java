package io.nomadiis.driver.task;

/**
 * A driver operation that failed, with the class of failure that decides how Nomad reacts.
 * Messages are lower case and say what failed, on which object, then the cause.
 */
public class DriverException extends Exception {

    /** How a failure is reported to Nomad. */
    public enum Kind {
        /** The task config or request is wrong; retrying the same thing cannot help. */
        INVALID_ARGUMENT,
        /** No task with that id. Message: {@value #TASK_NOT_FOUND}. */
        NOT_FOUND,
        /** A start failure where a retry may help (Nomad's RecoverableError). */
        RECOVERABLE,
        /** Any other failure. */
        FAILED
    }

    /** The message Go plugins use for an unknown task id. */
    public static final String TASK_NOT_FOUND = "task not found for given id";

    private final Kind kind;

    public DriverException(Kind kind, String message) {
        this(kind, message, null);
    }

    public DriverException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** An unknown task id. */
    public static DriverException notFound(String taskId) {
        return new DriverException(Kind.NOT_FOUND, TASK_NOT_FOUND);
    }

    /** A bad task config or request. */
    public static DriverException invalid(String message) {
        return new DriverException(Kind.INVALID_ARGUMENT, message);
    }

    public Kind kind() {
        return kind;
    }
}

package io.nomadiis.driver;

/**
 * A failure Nomad should retry (e.g. a start that failed on a transient host condition): sent as a
 * gRPC error carrying Nomad's {@code RecoverableError{recoverable: true}} detail, so the task's
 * restart policy applies instead of failing the task for good.
 */
public final class RecoverableException extends RuntimeException {

    /** A recoverable failure with a lower-case message naming what failed and why. */
    public RecoverableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A recoverable failure without a cause. */
    public RecoverableException(String message) {
        super(message);
    }
}

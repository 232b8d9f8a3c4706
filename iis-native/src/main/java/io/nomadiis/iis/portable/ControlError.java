package io.nomadiis.iis.portable;

import io.nomadiis.iis.IisException;

/**
 * An error answer of the control protocol: which kind of failure, its message, and whether retrying may help.
 * An {@link IisException} thrown in the service crosses the hop as {@link Kind#IIS} and is thrown again in the
 * plugin as an {@link IisException} with the same message and {@link IisException#retryable()}.
 *
 * @param kind what failed
 * @param message what failed, on which object, and why
 * @param retryable whether a later retry may succeed
 */
public record ControlError(Kind kind, String message, boolean retryable) {

    /** The kinds of failure the service reports. */
    public enum Kind {
        /** The operation failed as {@link IisException}: thrown again as one. */
        IIS,
        /** The service failed unexpectedly (a bug): thrown as a non-retryable {@link IisException} naming that. */
        INTERNAL,
        /** The service does not know the operation (it runs another build). */
        UNKNOWN_OPERATION,
        /** The request's token was missing or wrong. */
        UNAUTHORIZED,
        /** The service is exiting; the client starts a new one and sends the request again. */
        EXITING
    }

    /** The error answer for an {@link IisException} thrown by an operation. */
    public static ControlError of(IisException e) {
        return new ControlError(Kind.IIS, e.getMessage(), e.retryable());
    }

    /** The exception the plugin throws for this answer to {@code operation}. */
    public IisException toException(ControlOperation<?, ?> operation) {
        String text = message == null ? operation.name() + " failed" : message;
        // A service of an earlier build sends no kind: its errors were IisExceptions or said what failed.
        return switch (kind == null ? Kind.IIS : kind) {
            case IIS -> new IisException(text, retryable, null);
            case INTERNAL ->
                new IisException(operation.name() + " failed inside the portable web server: " + text, false, null);
            case UNKNOWN_OPERATION, UNAUTHORIZED, EXITING -> new IisException(text, retryable, null);
        };
    }
}

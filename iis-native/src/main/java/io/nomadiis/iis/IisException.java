package io.nomadiis.iis;

/**
 * A failed web server operation. The message says what failed, on which object, then the cause,
 * for example {@code failed to create site "nomad-1-web": port 8080 is already in use}.
 */
public class IisException extends Exception {
    private final boolean retryable;

    public IisException(String message) {
        this(message, false, null);
    }

    public IisException(String message, Throwable cause) {
        this(message, false, cause);
    }

    /**
     * @param retryable whether trying the same operation again later may succeed (for example a
     *                  port still held by a process that is exiting)
     */
    public IisException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** Whether a later retry of the same operation may succeed. */
    public boolean retryable() {
        return retryable;
    }
}

package io.nomadiis.dist;

/** The command line is wrong; the message says what and how to fix it (exit status 2). */
public final class UsageException extends Exception {

    /** A usage error with a lower-case message naming the argument. */
    public UsageException(String message) {
        super(message);
    }
}

package io.nomadiis.driver.plugin;

/**
 * The process was not launched the way a Nomad plugin must be; the message is for a human, the code is the exit status.
 */
public final class PluginLaunchException extends Exception {

    private final int exitCode;

    /** A launch failure with its human-readable explanation and exit status. */
    public PluginLaunchException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    /** The process exit status to use. */
    public int exitCode() {
        return exitCode;
    }
}

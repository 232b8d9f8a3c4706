package io.nomadiis.driver.fingerprint;

/**
 * Whether the management API, when configured, actually serves. Process-wide (one plugin process
 * has at most one management API): the API marks itself failed when it cannot start (port in use,
 * no credentials), and the fingerprint then reports {@code driver.iis.management_api_enabled=false}.
 *
 * <p>Threads: written by the plugin's main thread while it starts the management API, read by fingerprint
 * computations (the gRPC call executor and the {@code timer-*} thread); the state is a volatile field.
 */
public final class ManagementApiState {
    private static volatile boolean failed;

    private ManagementApiState() {}

    /** The configured API could not start. */
    public static void markFailed() {
        failed = true;
    }

    /** The API started (again). */
    public static void markServing() {
        failed = false;
    }

    /** False once the configured API failed to start. */
    public static boolean serving() {
        return !failed;
    }
}

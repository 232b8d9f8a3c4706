package io.nomadiis.mgmt;

/**
 * Whether the management API is serving, for the fingerprint attribute
 * {@code driver.iis.management_api_enabled}. Unset (null) when no port was configured.
 */
public final class ManagementApiStatus {
    private static volatile Boolean enabled;

    private ManagementApiStatus() {
    }

    static void set(boolean value) {
        enabled = value;
    }

    /** True when serving, false when configured but failed to start, null when not configured. */
    public static Boolean enabled() {
        return enabled;
    }
}

package io.nomadiis.driver.fingerprint;

/** How the driver reports itself to Nomad; only HEALTHY drivers get tasks placed. */
public enum DriverHealth {
    /** Not detected: the node does not offer the driver (e.g. disabled). */
    UNDETECTED,
    /** Detected but cannot run tasks now. */
    UNHEALTHY,
    /** Detected and ready. */
    HEALTHY
}

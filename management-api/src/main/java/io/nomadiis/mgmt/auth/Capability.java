package io.nomadiis.mgmt.auth;

import java.util.Optional;

/** What a management caller may do; the names are the JWT {@code capabilities} claim values. */
public enum Capability {
    STATUS("Status"),
    FILESYSTEM_ACCESS("FilesystemAccess"),
    APP_POOL_LIFECYCLE("AppPoolLifecycle"),
    SCREENSHOTS("Screenshots"),
    PROC_DUMP("ProcDump"),
    DEBUG("Debug");

    private final String claimName;

    Capability(String claimName) {
        this.claimName = claimName;
    }

    /** The spelling in tokens and in the OpenAPI document. */
    public String claimName() {
        return claimName;
    }

    /** The capability with that claim name (case-insensitive), if any. */
    public static Optional<Capability> fromClaim(String name) {
        for (Capability c : values()) {
            if (c.claimName.equalsIgnoreCase(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}

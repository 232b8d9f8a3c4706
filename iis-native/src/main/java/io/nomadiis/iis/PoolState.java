package io.nomadiis.iis;

/** An app pool's runtime state, named as IIS names it ({@link #displayName()}). */
public enum PoolState {
    STARTING("Starting"),
    STARTED("Started"),
    STOPPING("Stopping"),
    STOPPED("Stopped"),
    UNKNOWN("Unknown");

    private final String displayName;

    PoolState(String displayName) {
        this.displayName = displayName;
    }

    /** The IIS spelling used in the management API ({@code Started}, {@code Stopped}, ...). */
    public String displayName() {
        return displayName;
    }
}

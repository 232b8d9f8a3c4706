package io.nomadiis.iis.windows;

import io.nomadiis.iis.PoolState;

/** Maps the runtime {@code state} attribute of an app pool or site (an IIS enum number) to {@link PoolState}. */
public final class PoolStates {
    private PoolStates() {}

    /** 0 Starting, 1 Started, 2 Stopping, 3 Stopped; anything else (4, absent) is Unknown. */
    public static PoolState fromIis(Object value) {
        long number = ComValues.toLong(value, -1);
        return switch ((int) number) {
            case 0 -> PoolState.STARTING;
            case 1 -> PoolState.STARTED;
            case 2 -> PoolState.STOPPING;
            case 3 -> PoolState.STOPPED;
            default -> PoolState.UNKNOWN;
        };
    }
}

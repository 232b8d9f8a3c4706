package io.nomadiis.iis;

import java.util.List;

/**
 * An app pool as it runs now.
 *
 * @param name the IIS pool name
 * @param state the pool state
 * @param workerPids PIDs of the pool's worker processes (and their child processes, e.g. ANCM apps); empty when none
 *     runs
 * @param failure why the host stopped the pool by itself (rapid-fail protection), or null
 */
public record PoolRuntime(String name, PoolState state, List<Long> workerPids, String failure) {
    public PoolRuntime {
        workerPids = List.copyOf(workerPids);
    }

    /** A pool the host does not know. */
    public static PoolRuntime unknown(String name) {
        return new PoolRuntime(name, PoolState.UNKNOWN, List.of(), null);
    }

    /** Whether at least one worker process runs. */
    public boolean workerRunning() {
        return !workerPids.isEmpty();
    }
}

package io.nomadiis.iis;

import java.util.List;

/**
 * An app pool as it runs now.
 *
 * @param name the IIS pool name
 * @param state the pool state
 * @param workerPids PIDs of the pool's worker processes (and their child processes, e.g. ANCM apps); empty when
 *     none runs
 * @param failure why the host stopped the pool by itself (rapid-fail protection, or an administrator's stop the
 *     driver did not ask for), or null
 * @param presence whether the pool is in the configuration and its runtime could be read
 */
public record PoolRuntime(String name, PoolState state, List<Long> workerPids, String failure, Presence presence) {
    /**
     * Absent is not unreadable (windows-iis.md section 2): an object is absent only when the configuration no
     * longer has it; when W3SVC/WAS is stopped or restarting its configuration reads fine but its runtime
     * state does not.
     */
    public enum Presence {
        /** Configured, runtime state read. */
        PRESENT,
        /** Not in the configuration. */
        ABSENT,
        /** Configured, but its runtime state cannot be read now (service down or still loading it). */
        UNREADABLE
    }

    public PoolRuntime {
        workerPids = List.copyOf(workerPids);
    }

    /** A pool whose state was read; {@link PoolState#UNKNOWN} means the host does not know it (absent). */
    public PoolRuntime(String name, PoolState state, List<Long> workerPids, String failure) {
        this(name, state, workerPids, failure, state == PoolState.UNKNOWN ? Presence.ABSENT : Presence.PRESENT);
    }

    /** A pool the host does not know. */
    public static PoolRuntime unknown(String name) {
        return new PoolRuntime(name, PoolState.UNKNOWN, List.of(), null, Presence.ABSENT);
    }

    /** A configured pool whose runtime state cannot be read now. */
    public static PoolRuntime unreadable(String name) {
        return new PoolRuntime(name, PoolState.UNKNOWN, List.of(), null, Presence.UNREADABLE);
    }

    /** Whether at least one worker process runs. */
    public boolean workerRunning() {
        return !workerPids.isEmpty();
    }
}

package io.nomadiis.iis.windows;

import io.nomadiis.log.LogField;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Why IIS stopped a pool the driver wanted running: the newest pool-stopping WAS event about it since the host
 * last saw it running (or, never seen running, within {@link #UNSEEN_POOL_LOOKBACK} of the host's start), else a
 * generic text. The log is read at most once per pool-state snapshot, and once per stop: an answer is kept until
 * the pool runs again.
 *
 * <p>Threads: whichever threads read pool runtimes (watcher, stats, management API workers) and the driver's RPC
 * threads; the bookkeeping is in concurrent maps, and a {@link Snapshot} belongs to the one thread that took it.
 */
final class PoolStopReasons {
    private static final System.Logger LOG = System.getLogger(PoolStopReasons.class.getName());
    /**
     * How far back to look for WAS's event about a pool this host never saw running (it was stopped while the
     * plugin was down): rapid-fail protection counts crashes over 5 minutes by default.
     */
    private static final Duration UNSEEN_POOL_LOOKBACK = Duration.ofHours(1);
    /** Clock granularity between our reads and the event log's timestamps. */
    private static final Duration CLOCK_SLACK = Duration.ofSeconds(2);

    static final String STOPPED_BY_IIS = "IIS stopped the pool without a request from the driver"
            + " (rapid-fail protection, or an administrator; no WAS event in the System event log says which)";

    private final WasEventLog wasEvents;
    /** When the host last saw each pool (lower-case name) running: WAS events before that are older stops. */
    private final Map<String, Instant> lastSeenRunning = new ConcurrentHashMap<>();
    /** The failure text of each pool (lower-case name) IIS stopped, read from the log once per stop. */
    private final Map<String, String> reasons = new ConcurrentHashMap<>();

    private final Instant createdAt = Instant.now();

    /** @param wasEvents WAS's events in the System log */
    PoolStopReasons(WasEventLog wasEvents) {
        this.wasEvents = wasEvents;
    }

    /** The pool runs (or is about to): a stop after {@code at} is a new stop with a reason of its own. */
    void sawRunning(String pool, Instant at) {
        lastSeenRunning.put(key(pool), at);
        reasons.remove(key(pool));
    }

    /** The pool is gone. */
    void forget(String pool) {
        lastSeenRunning.remove(key(pool));
        reasons.remove(key(pool));
    }

    /** Reasons for the pools of one pool-state snapshot, sharing one read of the event log. */
    Snapshot snapshot() {
        return new Snapshot();
    }

    /** One snapshot's view: the event log is read on the first pool that needs it, then kept. */
    final class Snapshot {
        private List<WasEvent> events;

        private Snapshot() {}

        /** Why IIS stopped {@code pool}. */
        String reasonFor(String pool) {
            String known = reasons.get(key(pool));
            if (known != null) {
                return known;
            }
            Instant since = lastSeenRunning
                    .getOrDefault(key(pool), createdAt.minus(UNSEEN_POOL_LOOKBACK))
                    .minus(CLOCK_SLACK);
            String reason = WasEventLog.newestFor(events(), pool, since)
                    .map(WasEvent::describe)
                    .orElse(STOPPED_BY_IIS);
            String raced = reasons.putIfAbsent(key(pool), reason);
            return raced == null ? reason : raced;
        }

        /** The log's recent pool stops; a log that fails (it should not: it never throws) has none. */
        private List<WasEvent> events() {
            if (events == null) {
                try {
                    events = wasEvents.recentPoolStops();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.DEBUG, "reading WAS events failed", LogField.error(e.toString()));
                    events = List.of();
                }
            }
            return events;
        }
    }

    private static String key(String pool) {
        return pool.toLowerCase(Locale.ROOT);
    }
}

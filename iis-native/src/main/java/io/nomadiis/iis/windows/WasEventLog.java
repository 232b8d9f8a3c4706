package io.nomadiis.iis.windows;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The System event log's recent WAS events about pools WAS stopped ({@link WasEvent#POOL_STOPPED}): on Windows
 * {@link WevtutilEventLog}, in tests a list standing in for the log. Implementations may take seconds (they read
 * the log), so callers are never event-loop threads; they never throw: a log that cannot be read has no events.
 */
interface WasEventLog {
    /** The most recent pool-stopping WAS events, in any order; empty when the log cannot be read. */
    List<WasEvent> recentPoolStops();

    /**
     * The newest event about {@code pool} (IIS compares pool names case-insensitively) logged at or after
     * {@code since}, the moment the driver last saw the pool running: an older event is about an earlier stop.
     */
    static Optional<WasEvent> newestFor(Collection<WasEvent> events, String pool, Instant since) {
        return events.stream()
                .filter(e -> e.pool().equalsIgnoreCase(pool))
                .filter(e -> !e.time().isBefore(since))
                .max(Comparator.comparing(WasEvent::time));
    }
}

package io.nomadiis.iis.windows;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;

/**
 * One event WAS ({@code Microsoft-Windows-WAS}) wrote to the System event log about an app pool it stopped.
 * The IDs and what they mean, with their sources:
 *
 * <ul>
 *   <li>5002, {@code WAS_EVENT_RAPID_FAIL_PROTECTION}: "Application pool '%1' is being automatically disabled due
 *       to a series of failures in the process(es) serving that application pool" (Microsoft, "Event ID 5002 - IIS
 *       Application Pool Availability", Windows Server 2008 R2 docs, dd364088; "IIS Application Pool
 *       Availability", cc735151).</li>
 *   <li>5057: the pool has been disabled because WAS did not create a worker process, the pool identity being
 *       invalid (a wrong or expired password of a {@code SpecificUser} identity) (Flexera, "Identifying IIS
 *       Application Pool Credential Issues", which quotes the System log entry).</li>
 *   <li>5059: the pool has been disabled after WAS failed to start a worker process for it (same Flexera page,
 *       logged together with 5057).</li>
 * </ul>
 *
 * In each message the pool name is insertion string %1, the first {@code Data} element of the event's
 * {@code EventData}.
 *
 * @param id the event ID
 * @param time when the event was logged ({@code TimeCreated/@SystemTime}, UTC)
 * @param pool the app pool the event is about
 */
record WasEvent(int id, Instant time, String pool) {
    /** The event IDs that mean WAS stopped (disabled) a pool, and what each means for an operator. */
    static final Map<Integer, String> POOL_STOPPED = Map.of(
            5002, "IIS disabled the pool after repeated worker process failures: rapid-fail protection",
            5057, "IIS disabled the pool: its identity is invalid, for example a wrong or expired password",
            5059, "IIS disabled the pool: it failed to start a worker process");

    WasEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(pool, "pool");
    }

    /** The operator's reading of this event: "... (WAS event 5002 in the System event log at a UTC time)". */
    String describe() {
        return POOL_STOPPED.getOrDefault(id, "IIS stopped the pool") + " (WAS event " + id
                + " in the System event log at " + time.truncatedTo(ChronoUnit.SECONDS) + ")";
    }
}

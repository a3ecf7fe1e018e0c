package io.airs.core.breaker;

import java.time.Instant;
import java.util.Objects;

/**
 * One scope's shared automatic trip, as stored in the trip table.
 *
 * @param scope the scope the trip covers
 * @param open whether the scope is tripped
 * @param reason the trip's reason code (such as {@code block_rate} or {@code alarm:NAME}) or why it
 *     was closed; never null
 * @param since when the trip opened (or, for a closed record, when it closed)
 * @param until when an open trip lapses by itself; null when it stays open until closed
 * @param version the optimistic-concurrency version, starting at 1 and raised by every write
 */
public record TripRecord(Scope scope, boolean open, String reason, Instant since, Instant until, long version) {

    public TripRecord {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(since, "since");
        reason = reason == null ? "" : reason;
        if (version < 1) {
            throw new IllegalArgumentException("version starts at 1");
        }
    }

    /** Whether the trip cuts traffic at {@code now}: open and not yet lapsed. */
    public boolean activeAt(Instant now) {
        return open && (until == null || now.isBefore(until));
    }
}

package io.airs.core.breaker;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Automatic breaker trips shared by every instance of a deployment through one cloud table, and
 * read back by every instance as flags. A cloud adapter supplies three operations (read one scope,
 * a conditional write, list every trip); the rules of opening and closing live here once, so every
 * cloud behaves the same.
 *
 * <p>Every write is conditional on the record it read (none, for a new scope), retried on conflict
 * after reading again, so concurrent instances never lose each other's updates. Writes that would
 * change nothing are skipped: opening a scope already open at least as long, closing one that is
 * closed, closing a trip that opened after the close was decided, or (for {@link #close} with an
 * owner) closing a trip someone else opened.
 *
 * <p>As a {@link FlagSource}, {@link #read} lists the table (one small item per tripped scope) and
 * returns the trips active now as open flags; wrap it in a {@link CachedFlagSource} so the listing
 * runs at most once per TTL and an outage keeps the last trips. Implementations are thread-safe.
 *
 * <pre>{@code
 * TripStore trips = new DynamoTripStore(dynamo, TripStoreConfig.table("airs-trips"), clock);
 * trips.open(Scope.endpoint("chat"), "block_rate", now, now.plusSeconds(60));
 * }</pre>
 */
public abstract class TripStore implements FlagSource {

    private final Clock clock;
    private final int maxAttempts;

    /**
     * @param clock the clock that decides whether a trip has lapsed
     * @param maxAttempts conditional writes tried before giving up on contention; at least 1
     */
    protected TripStore(Clock clock, int maxAttempts) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
    }

    /** The stored trip of {@code scope}, if it has ever been written. */
    public abstract Optional<TripRecord> get(Scope scope);

    /**
     * Writes {@code next} only if the stored record is still {@code current} (absent when {@code
     * current} is null).
     *
     * @return false when another writer got there first
     */
    protected abstract boolean put(TripRecord next, TripRecord current);

    /** Every stored trip, open or not; malformed items are skipped. */
    protected abstract Iterable<TripRecord> all();

    /**
     * Opens {@code scope}'s trip, or lengthens an open one; a trip already open at least until {@code
     * until} is left alone (and keeps its opening time).
     *
     * @param reason the reason code
     * @param since when the trip opened
     * @param until when it lapses by itself; null to stay open until {@link #close}
     * @return the record written, or empty when nothing needed writing
     * @throws IllegalStateException when contention outlasted {@code maxAttempts}
     */
    public final Optional<TripRecord> open(Scope scope, String reason, Instant since, Instant until) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(since, "since");
        for (int attempt = 0; attempt < maxAttempts; attempt++) {
            TripRecord current = get(scope).orElse(null);
            Instant now = clock.instant();
            if (current != null && current.activeAt(now) && covers(current.until(), until)) {
                return Optional.empty();
            }
            Instant openedAt = current != null && current.activeAt(now) ? current.since() : since;
            TripRecord next =
                    new TripRecord(scope, true, reason, openedAt, until, current == null ? 1 : current.version() + 1);
            if (put(next, current)) {
                return Optional.of(next);
            }
        }
        throw contention(scope);
    }

    /**
     * Closes {@code scope}'s trip.
     *
     * @param reason why it closes
     * @param at when the close was decided; a trip that opened after it is left open
     * @param owner when not null, close only a trip whose reason is this (an alarm closes only its
     *     own trip)
     * @return the record written, or empty when nothing needed writing
     * @throws IllegalStateException when contention outlasted {@code maxAttempts}
     */
    public final Optional<TripRecord> close(Scope scope, String reason, Instant at, String owner) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(at, "at");
        for (int attempt = 0; attempt < maxAttempts; attempt++) {
            TripRecord current = get(scope).orElse(null);
            if (current == null
                    || !current.open()
                    || current.since().isAfter(at)
                    || (owner != null && !owner.equals(current.reason()))) {
                return Optional.empty();
            }
            TripRecord next = new TripRecord(scope, false, reason, at, null, current.version() + 1);
            if (put(next, current)) {
                return Optional.of(next);
            }
        }
        throw contention(scope);
    }

    /** The trips active now, as open flags (the trip's reason as the note, its opening as the time). */
    @Override
    public final FlagSnapshot read() {
        Instant now = clock.instant();
        Map<Scope, Flag> flags = new HashMap<>();
        for (TripRecord t : all()) {
            if (t.activeAt(now)) {
                flags.put(t.scope(), new Flag(true, t.reason(), t.since()));
            }
        }
        return new FlagSnapshot(flags);
    }

    /** Whether an open trip lapsing at {@code have} already covers one lapsing at {@code want}. */
    private static boolean covers(Instant have, Instant want) {
        return have == null || (want != null && !have.isBefore(want));
    }

    private IllegalStateException contention(Scope scope) {
        return new IllegalStateException(
                "trip of " + scope.wire() + " still contended after " + maxAttempts + " conditional writes");
    }
}

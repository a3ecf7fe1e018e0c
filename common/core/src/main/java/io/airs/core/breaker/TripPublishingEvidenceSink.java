package io.airs.core.breaker;

import io.airs.core.evidence.ChainHead;
import io.airs.core.evidence.EvidenceDraft;
import io.airs.core.evidence.EvidenceRecord;
import io.airs.core.evidence.EvidenceSink;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link EvidenceSink} that forwards every record to another sink and, for the core breakers'
 * automatic transitions, shares them with every other instance through a {@link TripStore}.
 * This is how one instance's trip reaches the others without the core knowing any cloud:
 * give this sink to the {@code Gateway}, and read the trip store back as a flag source.
 *
 * <table>
 *   <caption>What is published</caption>
 *   <tr><th>evidence ({@code extra})</th><th>trip table</th></tr>
 *   <tr><td>{@code event=breaker_transition}, {@code source=automatic}, {@code to=OPEN}</td>
 *       <td>open, until the record's time plus the open duration; a held breaker (PACE) until closed</td></tr>
 *   <tr><td>{@code event=breaker_transition}, {@code source=automatic}, {@code to=CLOSED}</td>
 *       <td>closed (probes succeeded, or the holding control released it)</td></tr>
 *   <tr><td>anything else (half-open, manual, decisions)</td><td>nothing</td></tr>
 * </table>
 *
 * <p>Half-open is not published: the shared trip lapses at its {@code until}, which is when the
 * tripping instance starts probing, so other instances resume with it. Manual opens and closes stay
 * local; people switch every instance through the cloud's kill switches.
 *
 * <p>The record is always stored first. A failed trip write never fails the caller (the breakers
 * run it under their lock, on the request path): the local breaker still works, the failure is
 * counted in {@link #publishFailures()} and kept in {@link #lastError()}. The write is a table
 * round trip, paid only on a transition.
 *
 * <pre>{@code
 * EvidenceSink evidence = new TripPublishingEvidenceSink(sink, trips, breakerConfig.openDuration());
 * Gateway gateway = Gateway.builder(policy).evidence(evidence).flags(new CompositeFlagSource(appConfig, cachedTrips))...
 * }</pre>
 */
public final class TripPublishingEvidenceSink implements EvidenceSink {

    private final EvidenceSink delegate;
    private final TripStore trips;
    private final Duration openDuration;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile String lastError;

    /**
     * @param delegate where every record is stored
     * @param trips the shared trip table
     * @param openDuration how long an automatic trip stays open before probing (the breakers'
     *     {@code openDuration}); positive
     */
    public TripPublishingEvidenceSink(EvidenceSink delegate, TripStore trips, Duration openDuration) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.trips = Objects.requireNonNull(trips, "trips");
        this.openDuration = Objects.requireNonNull(openDuration, "openDuration");
        if (openDuration.isNegative() || openDuration.isZero()) {
            throw new IllegalArgumentException("openDuration must be positive");
        }
    }

    @Override
    public EvidenceRecord append(EvidenceDraft draft) {
        EvidenceRecord record = delegate.append(draft);
        Map<String, String> extra = draft.extra();
        if ("breaker_transition".equals(extra.get("event")) && "automatic".equals(extra.get("source"))) {
            publish(draft.timestamp(), extra);
        }
        return record;
    }

    @Override
    public ChainHead head() {
        return delegate.head();
    }

    /** Trip writes made so far (including those that found nothing to change). */
    public long published() {
        return published.get();
    }

    /** Trip writes that failed so far. */
    public long publishFailures() {
        return failures.get();
    }

    /** Why the last trip write failed, or empty when it succeeded. */
    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    private void publish(Instant at, Map<String, String> extra) {
        String to = extra.get("to");
        String reason = extra.getOrDefault("reason", "");
        try {
            Scope scope = Scope.parse(extra.get("scope"));
            if ("OPEN".equals(to)) {
                Instant until = Boolean.parseBoolean(extra.get("held")) ? null : at.plus(openDuration);
                trips.open(scope, reason, at, until);
            } else if ("CLOSED".equals(to)) {
                trips.close(scope, reason, at, null);
            } else {
                return;
            }
            published.incrementAndGet();
            lastError = null;
        } catch (RuntimeException e) {
            // Sharing is best effort: the local breaker has already acted and its evidence is stored.
            failures.incrementAndGet();
            String message = e.getMessage();
            lastError = e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        }
    }
}

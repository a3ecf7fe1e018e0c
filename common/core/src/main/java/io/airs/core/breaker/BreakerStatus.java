package io.airs.core.breaker;

import java.time.Instant;
import java.util.Objects;

/**
 * The immutable state of one breaker, as {@link BreakerMachine#next} reads and returns it.
 *
 * @param state closed, open or half-open
 * @param source who caused the last state change ({@link BreakerSource#AUTOMATIC} or {@link
 *     BreakerSource#MANUAL}; never {@link BreakerSource#FLAG}, which is not a breaker state)
 * @param reason the reason code or note of the last state change; empty when none
 * @param since when the breaker entered {@code state} (for {@code OPEN}, when it opened)
 * @param held whether an automatic open is held by another control and only ends on release
 * @param probesAdmitted probe calls let through since entering {@code HALF_OPEN}
 * @param probeSuccesses probe calls that succeeded since entering {@code HALF_OPEN}
 */
public record BreakerStatus(
        BreakerState state,
        BreakerSource source,
        String reason,
        Instant since,
        boolean held,
        int probesAdmitted,
        int probeSuccesses) {

    public BreakerStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(since, "since");
        reason = reason == null ? "" : reason;
        if (source == BreakerSource.FLAG) {
            throw new IllegalArgumentException("a breaker's own status never has the flag source");
        }
        if (probesAdmitted < 0 || probeSuccesses < 0 || probeSuccesses > probesAdmitted) {
            throw new IllegalArgumentException("probe counts must satisfy 0 <= successes <= admitted");
        }
        if (held && (state != BreakerState.OPEN || source != BreakerSource.AUTOMATIC)) {
            throw new IllegalArgumentException("only an automatic OPEN breaker can be held");
        }
    }

    /** A closed breaker that nobody has touched, closed since {@code since}. */
    public static BreakerStatus closed(Instant since) {
        return new BreakerStatus(BreakerState.CLOSED, BreakerSource.AUTOMATIC, "", since, false, 0, 0);
    }
}

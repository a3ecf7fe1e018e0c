package io.airs.azure.oversight;

import io.airs.core.oversight.Escalation;
import io.airs.core.oversight.Oversight;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The SLA sweep the timer-triggered function runs (every minute is plenty: an overdue ticket can
 * never be released anyway): first sends reviewers every ticket whose message the queue did not
 * accept when it was opened or escalated ({@link TableQueueEscalationStore#resendUnsent}), then
 * denies every escalation nobody decided before its deadline ({@link Oversight#sweep}, one evidence
 * record each). Reads the time from its clock rather than the trigger's schedule, so a late or
 * retried run still handles what is due now. Expiry is the fail-safe half: it runs even when the
 * resend fails.
 *
 * <pre>{@code
 * SlaSweep sweep = new SlaSweep(oversight, store, Clock.systemUTC());
 * // in the timer-triggered function:
 * context.getLogger().info(sweep.run().logLine());
 * }</pre>
 */
public final class SlaSweep {

    private final TableQueueEscalationStore outbox;
    private final Clock clock;
    private final Function<Instant, List<Escalation>> expire;

    /**
     * A sweep over {@code oversight}, resending the unsent tickets of {@code outbox} (the store
     * {@code oversight} keeps its tickets in), at the time {@code clock} tells.
     */
    public SlaSweep(Oversight oversight, TableQueueEscalationStore outbox, Clock clock) {
        this(outbox, clock, Objects.requireNonNull(oversight, "oversight")::sweep);
    }

    /**
     * A sweep whose expiry step is {@code expire} (the gateway's periodic work, which expires overdue
     * tickets along with the breakers' and PACE's clocks), so a caller that runs both runs the expiry once.
     */
    public SlaSweep(TableQueueEscalationStore outbox, Clock clock, Function<Instant, List<Escalation>> expire) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.expire = Objects.requireNonNull(expire, "expire");
    }

    /**
     * Resends, then expires.
     *
     * @throws RuntimeException when expiry fails (the table or the evidence sink); the next run
     *     tries again
     */
    public Report run() {
        Instant now = clock.instant();
        int resent = -1;
        String resendFailure = null;
        try {
            resent = outbox.resendUnsent(now);
        } catch (RuntimeException unreachable) {
            resendFailure = unreachable.getClass().getSimpleName();
        }
        return new Report(now, resent, resendFailure, expire.apply(now));
    }

    /**
     * What one run did.
     *
     * @param at the time it ran at
     * @param resent messages the queues accepted, or -1 when the resend failed
     * @param resendFailure the kind of error that stopped the resend, or null
     * @param expired the tickets it denied for their deadline
     */
    public record Report(Instant at, int resent, String resendFailure, List<Escalation> expired) {

        public Report {
            Objects.requireNonNull(at, "at");
            expired = List.copyOf(expired);
        }

        /** One log line with the counts. */
        public String logLine() {
            return "sla sweep: at=" + at + " resent="
                    + (resendFailure == null ? Integer.toString(resent) : "failed:" + resendFailure) + " expired="
                    + expired.size();
        }
    }
}

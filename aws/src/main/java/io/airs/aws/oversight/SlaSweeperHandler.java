package io.airs.aws.oversight;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.airs.core.oversight.Oversight;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * On an EventBridge schedule (every minute is plenty: an overdue ticket can never be released
 * anyway), first sends reviewers every ticket whose message SQS did not accept when it was opened or
 * escalated ({@link DynamoSqsEscalationStore#redeliver}), so no ticket reaches them more than one
 * schedule late, then denies every escalation nobody decided before its deadline. Each expiry is an
 * evidence record written by {@link Oversight#sweep}. Uses the function's clock rather than the
 * event's time, so a delayed or retried invocation still handles what is due now. Logs both counts.
 *
 * @return the number of tickets expired
 */
public final class SlaSweeperHandler implements RequestHandler<ScheduledEvent, Integer> {

    private final Oversight oversight;
    private final DynamoSqsEscalationStore outbox;
    private final Clock clock;

    /** The Lambda entry point: the oversight service from the function's environment, built once. */
    public SlaSweeperHandler() {
        this(
                OversightFunctions.fromEnvironment().oversight(),
                OversightFunctions.fromEnvironment().store(),
                Clock.systemUTC());
    }

    /**
     * A sweeper over {@code oversight} reading the time from {@code clock}, redelivering unsent
     * tickets of {@code outbox} (the store {@code oversight} keeps its tickets in).
     */
    public SlaSweeperHandler(Oversight oversight, DynamoSqsEscalationStore outbox, Clock clock) {
        this.oversight = Objects.requireNonNull(oversight, "oversight");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Integer handleRequest(ScheduledEvent event, Context context) {
        Instant now = clock.instant();
        String redelivered;
        try {
            redelivered = Integer.toString(outbox.redeliver(now));
        } catch (RuntimeException tableUnreachable) {
            // Expiry is the fail-safe half of the job: it must run even when redelivery cannot.
            redelivered = "failed:" + tableUnreachable.getClass().getSimpleName();
        }
        int expired = oversight.sweep(now).size();
        if (context != null && context.getLogger() != null) {
            context.getLogger()
                    .log("sla sweep: redelivered=" + redelivered + " expired=" + expired + " event="
                            + (event == null ? "-" : event.getId()) + "\n");
        }
        return expired;
    }
}

package io.airs.aws.oversight;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.airs.core.oversight.Oversight;
import java.time.Clock;
import java.util.Objects;

/**
 * Denies every escalation nobody decided before its deadline, on an EventBridge schedule (every
 * minute is plenty: an overdue ticket can never be released anyway). Each expiry is an evidence
 * record written by {@link Oversight#sweep}. Uses the function's clock rather than the event's time,
 * so a delayed or retried invocation still expires what is overdue now.
 *
 * @return the number of tickets expired
 */
public final class SlaSweeperHandler implements RequestHandler<ScheduledEvent, Integer> {

    private final Oversight oversight;
    private final Clock clock;

    /** The Lambda entry point: the oversight service from the function's environment, built once. */
    public SlaSweeperHandler() {
        this(OversightFunctions.fromEnvironment().oversight(), Clock.systemUTC());
    }

    /** A sweeper over {@code oversight} reading the time from {@code clock}. */
    public SlaSweeperHandler(Oversight oversight, Clock clock) {
        this.oversight = Objects.requireNonNull(oversight, "oversight");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Integer handleRequest(ScheduledEvent event, Context context) {
        int expired = oversight.sweep(clock.instant()).size();
        if (context != null && context.getLogger() != null) {
            context.getLogger()
                    .log("sla sweep: expired=" + expired + " event=" + (event == null ? "-" : event.getId()) + "\n");
        }
        return expired;
    }
}

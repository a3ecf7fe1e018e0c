package io.airs.core.oversight;

import io.airs.core.Category;
import io.airs.core.Decision;
import io.airs.core.Finding;
import io.airs.core.RiskTier;
import io.airs.core.Stage;
import io.airs.core.evidence.Identities;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;

/** Shared test values: a settable clock, counting id suppliers and escalating decisions. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");
    static final String REVISION = "rev-abc123";

    private Fixtures() {}

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        private Instant now;

        ManualClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        void set(Instant t) {
            now = t;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** prefix + a running number, thread-safe. */
    static Supplier<String> counting(String prefix) {
        java.util.concurrent.atomic.AtomicLong n = new java.util.concurrent.atomic.AtomicLong();
        return () -> prefix + n.incrementAndGet();
    }

    static Finding finding(Category c) {
        return new Finding(c, "t-" + c.wireName(), 0, 5, 0.9, "det-" + c.wireName());
    }

    static Decision.Escalate escalateDecision(String id, Category... categories) {
        List<Finding> fs =
                java.util.Arrays.stream(categories).map(Fixtures::finding).toList();
        return new Decision.Escalate(
                id, REVISION, Stage.OUTPUT, fs, List.of(), categories.length == 0 ? null : categories[0].wireName());
    }

    static NewEscalation newEscalation(String ticket, Severity queue, Instant at, Duration sla) {
        return new NewEscalation(
                ticket,
                queue,
                at,
                at.plus(sla),
                Stage.OUTPUT,
                "dec-" + ticket,
                "req-" + ticket,
                "pii",
                REVISION,
                RiskTier.MEDIUM,
                List.of(finding(Category.PII)),
                "Call me at [PHONE]",
                new Identities("user-1", "agent-1", "session-1", null));
    }
}

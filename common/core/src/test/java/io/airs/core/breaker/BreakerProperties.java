package io.airs.core.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.airs.core.RiskTier;
import io.airs.core.evidence.InMemoryEvidenceSink;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Invariants of the breaker machine and its windows under random event sequences. */
class BreakerProperties {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final BreakerConfig CFG = BreakerConfig.builder()
            .openDuration(Duration.ofSeconds(30))
            .halfOpenProbes(3)
            .closeAfterSuccesses(2)
            .build();

    /** One random step: an event after a random (possibly zero) pause. */
    record Step(BreakerEvent event, long pauseMillis) {}

    @Provide
    Arbitrary<Step> steps() {
        Arbitrary<BreakerEvent> events =
                Arbitraries.of(BreakerEvent.Type.values()).map(t -> new BreakerEvent(t, "r"));
        Arbitrary<Long> pauses = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(0L)),
                net.jqwik.api.Tuple.of(5, Arbitraries.longs().between(1, 10_000)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(10_000, 120_000)));
        return Combinators.combine(events, pauses).as(Step::new);
    }

    @Property(tries = 300)
    void anOpenBreakerNeverAdmitsBeforeItsOpenDurationAndOnlyTableStatesOccur(
            @ForAll @Size(max = 200) List<@net.jqwik.api.From("steps") Step> steps) {
        BreakerStatus s = BreakerStatus.closed(T0);
        Instant now = T0;
        for (Step step : steps) {
            now = now.plusMillis(step.pauseMillis());
            BreakerStatus before = s;
            BreakerStep result = BreakerMachine.next(before, step.event(), now, CFG);
            if (before.state() == BreakerState.OPEN
                    && now.isBefore(before.since().plus(CFG.openDuration()))) {
                assertThat(result.admitted()).isFalse();
                assertThat(result.status().state()).isNotEqualTo(BreakerState.HALF_OPEN);
            }
            if (before.state() == BreakerState.OPEN && before.source() == BreakerSource.MANUAL) {
                assertThat(result.admitted()).isFalse();
                assertThat(result.status().state() == BreakerState.CLOSED)
                        .isEqualTo(step.event().type() == BreakerEvent.Type.MANUAL_CLOSE);
            }
            assertThat(BreakerTransition.find(
                            before.state(), step.event().type(), result.status().state()))
                    .contains(result.transition());
            assertThat(result.status().probesAdmitted()).isBetween(0, CFG.halfOpenProbes());
            s = result.status();
        }
    }

    @Property(tries = 200)
    void theRegistryNeverAdmitsThroughAnOpenBreakerEarly(
            @ForAll @Size(max = 150) List<@IntRange(min = 0, max = 5) Integer> actions,
            @ForAll @Size(max = 150) List<@IntRange(min = 0, max = 20_000) Integer> pauses) {
        Breakers b = new Breakers(
                CFG.toBuilder().minVolume(3).agentBlockCount(2).build(),
                FlagSnapshot::empty,
                new InMemoryEvidenceSink(10),
                new EvidenceStamp("rev", RiskTier.MEDIUM, () -> "id"));
        Scope agent = Scope.agent("a");
        Instant now = T0;
        for (int i = 0; i < actions.size(); i++) {
            now = now.plusMillis(i < pauses.size() ? pauses.get(i) : 1000);
            BreakerStatus before = b.status(agent);
            switch (actions.get(i)) {
                case 0, 1 -> {
                    Admission a = b.admit(List.of(agent), now);
                    if (before.state() == BreakerState.OPEN
                            && now.isBefore(before.since().plus(CFG.openDuration()))) {
                        assertThat(a.allowed()).isFalse();
                    }
                }
                case 2 -> b.record(List.of(agent), Outcome.SUCCESS, now);
                case 3 -> b.record(List.of(agent), Outcome.BLOCKED_BY_GUARDRAIL, now);
                case 4 -> b.record(List.of(agent), Outcome.UPSTREAM_ERROR, now);
                default -> b.tick(now);
            }
            for (BreakerView v : b.snapshot(now)) {
                WindowCounts c = v.counts();
                assertThat(c.total()).isGreaterThanOrEqualTo(c.blocked() + c.upstreamErrors() + c.judgeFailures());
            }
        }
    }

    @Property(tries = 300)
    void windowCountsNeverGoNegativeAndNeverExceedWhatWasAdded(
            @ForAll @Size(max = 300) List<@IntRange(min = -5_000, max = 30_000) Integer> moves,
            @ForAll @IntRange(min = 1, max = 20) int buckets) {
        SlidingCounters c = new SlidingCounters(Duration.ofSeconds(60), buckets, 2);
        Instant now = T0;
        long added = 0;
        for (int m : moves) {
            // Negative moves step the clock back: the counters must shrug it off.
            now = now.plusMillis(m);
            c.add(now, 0, 1);
            added++;
            long sum = c.sum(now, 0);
            assertThat(sum).isBetween(1L, added);
            assertThat(c.sum(now, 1)).isZero();
        }
        assertThat(c.sum(now.plus(Duration.ofMinutes(2)), 0)).isZero();
    }
}

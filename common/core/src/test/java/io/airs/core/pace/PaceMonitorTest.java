package io.airs.core.pace;

import static org.assertj.core.api.Assertions.assertThat;

import io.airs.core.RiskTier;
import io.airs.core.breaker.Admission;
import io.airs.core.breaker.BreakerConfig;
import io.airs.core.breaker.BreakerSource;
import io.airs.core.breaker.Breakers;
import io.airs.core.breaker.EvidenceStamp;
import io.airs.core.breaker.FlagSnapshot;
import io.airs.core.breaker.Scope;
import io.airs.core.evidence.EvidenceRecord;
import io.airs.core.evidence.InMemoryEvidenceSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;

class PaceMonitorTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Duration EVERY = Duration.ofMillis(600);
    private static final Duration FAST = Duration.ofMillis(100);

    private final InMemoryEvidenceSink sink = new InMemoryEvidenceSink(1000);
    private final AtomicInteger ids = new AtomicInteger();
    private final EvidenceStamp stamp = new EvidenceStamp("rev-1", RiskTier.HIGH, () -> "p-" + ids.incrementAndGet());
    private final PaceMonitor monitor = new PaceMonitor(sink, stamp, Clock.fixed(T0, ZoneOffset.UTC));
    private Instant now = T0;
    private long call;

    /** Drives one layer with a call every {@code every} for {@code d}; returns when the state first changed, or null. */
    private Duration drive(
            PaceMonitor m, Layer layer, Duration d, Duration every, Duration latency, LongPredicate fails) {
        Instant start = now;
        Instant end = now.plus(d);
        PaceState before = m.state(layer);
        Duration changedAfter = null;
        while (now.isBefore(end)) {
            now = now.plus(every);
            PaceState s = m.observe(layer, latency, !fails.test(call++), now);
            if (changedAfter == null && s != before) {
                changedAfter = Duration.between(start, now);
            }
        }
        return changedAfter;
    }

    /** Bresenham spread: exactly {@code percent}% of any 100 consecutive calls fail. */
    private static LongPredicate failingPercent(int percent) {
        return i -> (i + 1) * percent / 100 > i * percent / 100;
    }

    private static final LongPredicate NEVER = i -> false;
    private static final LongPredicate ALWAYS = i -> true;

    @Test
    void judgeDegradesOnSustainedErrorsThenUnresponsivenessThenRecoversStepByStep() {
        assertThat(drive(monitor, Layer.JUDGE, Duration.ofMinutes(5), EVERY, FAST, NEVER))
                .isNull();

        // 6% errors: the one-minute window must show them, then they must last five minutes.
        Duration degraded = drive(monitor, Layer.JUDGE, Duration.ofMinutes(7), EVERY, FAST, failingPercent(6));
        assertThat(degraded)
                .isBetween(Duration.ofMinutes(5), Duration.ofMinutes(6).plusSeconds(5));
        assertThat(monitor.state(Layer.JUDGE)).isEqualTo(PaceState.ALTERNATE);

        // No success at all: timeouts every 2 s.
        Duration unresponsive = drive(
                monitor, Layer.JUDGE, Duration.ofMinutes(2), Duration.ofSeconds(2), Duration.ofSeconds(2), ALWAYS);
        assertThat(unresponsive).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(62));
        assertThat(monitor.state(Layer.JUDGE)).isEqualTo(PaceState.CONTINGENCY);

        // Healthy again: one step back after five healthy minutes, then the next.
        Duration toAlternate = drive(monitor, Layer.JUDGE, Duration.ofMinutes(7), EVERY, FAST, NEVER);
        assertThat(toAlternate)
                .isBetween(Duration.ofMinutes(5), Duration.ofMinutes(6).plusSeconds(5));
        assertThat(monitor.state(Layer.JUDGE)).isEqualTo(PaceState.ALTERNATE);
        Duration toPrimary = drive(monitor, Layer.JUDGE, Duration.ofMinutes(6), EVERY, FAST, NEVER);
        assertThat(toPrimary).isNotNull();
        assertThat(monitor.state(Layer.JUDGE)).isEqualTo(PaceState.PRIMARY);

        assertThat(sink.records())
                .extracting(r -> r.extra().get("from") + "->" + r.extra().get("to") + " " + r.reason())
                .containsExactly(
                        "PRIMARY->ALTERNATE error_rate",
                        "ALTERNATE->CONTINGENCY unresponsive",
                        "CONTINGENCY->ALTERNATE recovered",
                        "ALTERNATE->PRIMARY recovered");
        EvidenceRecord first = sink.records().get(0);
        assertThat(first.extra()).containsEntry("event", "pace_transition").containsEntry("layer", "judge");
        assertThat(Double.parseDouble(first.extra().get("error_rate"))).isGreaterThan(0.05);
    }

    @Test
    void errorsBelowFivePercentNeverDegradeTheJudge() {
        drive(monitor, Layer.JUDGE, Duration.ofMinutes(2), EVERY, FAST, NEVER);
        assertThat(drive(monitor, Layer.JUDGE, Duration.ofMinutes(10), Duration.ofMillis(500), FAST, failingPercent(4)))
                .isNull();
    }

    @Test
    void latencyAboveThreeTimesBaselineSustainedFiveMinutesMovesToAlternate() {
        drive(monitor, Layer.JUDGE, Duration.ofMinutes(5), EVERY, FAST, NEVER);
        Duration changed = drive(monitor, Layer.JUDGE, Duration.ofMinutes(7), EVERY, Duration.ofMillis(400), NEVER);
        // The window mean crosses 3x within its first minute; five minutes later the layer moves.
        assertThat(changed).isBetween(Duration.ofMinutes(5), Duration.ofMinutes(6));
        assertThat(monitor.state(Layer.JUDGE)).isEqualTo(PaceState.ALTERNATE);
        assertThat(sink.records().get(0).reason()).isEqualTo("latency");
        LayerReport judge = monitor.status(now).layers().get(Layer.JUDGE.ordinal());
        assertThat(judge.latencyRatio()).isGreaterThan(3.0);
        assertThat(judge.baseline()).isBetween(Duration.ofMillis(95), Duration.ofMillis(105));
    }

    @Test
    void latencyAboveThreeTimesBaselineForFourMinutesDoesNotMove() {
        drive(monitor, Layer.JUDGE, Duration.ofMinutes(5), EVERY, FAST, NEVER);
        assertThat(drive(monitor, Layer.JUDGE, Duration.ofMinutes(4), EVERY, Duration.ofMillis(400), NEVER))
                .isNull();
        assertThat(drive(monitor, Layer.JUDGE, Duration.ofMinutes(10), EVERY, FAST, NEVER))
                .isNull();
        assertThat(monitor.state(Layer.JUDGE)).isEqualTo(PaceState.PRIMARY);
        assertThat(sink.records()).isEmpty();
    }

    @Test
    void stillFailingInContingencyForTenMinutesIsEmergency() {
        drive(monitor, Layer.OVERSIGHT, Duration.ofMinutes(1), EVERY, FAST, NEVER);
        Duration contingency =
                drive(monitor, Layer.OVERSIGHT, Duration.ofSeconds(70), Duration.ofSeconds(1), FAST, ALWAYS);
        assertThat(contingency).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(61));
        Duration emergency =
                drive(monitor, Layer.OVERSIGHT, Duration.ofMinutes(11), Duration.ofSeconds(1), FAST, ALWAYS);
        assertThat(emergency).isBetween(Duration.ofSeconds(590), Duration.ofSeconds(600));
        assertThat(monitor.state(Layer.OVERSIGHT)).isEqualTo(PaceState.EMERGENCY);
        assertThat(monitor.globalTrip()).isFalse();
    }

    @Test
    void twoLayersInEmergencyHoldTheGlobalBreakerOpenUntilOneRecovers() {
        InMemoryEvidenceSink breakerSink = new InMemoryEvidenceSink(100);
        Breakers breakers = new Breakers(BreakerConfig.defaults(), FlagSnapshot::empty, breakerSink, stamp);
        PaceMonitor m =
                new PaceMonitor(PaceMonitor.defaultConfigs(), sink, stamp, breakers, Clock.fixed(T0, ZoneOffset.UTC));
        for (Layer l : List.of(Layer.JUDGE, Layer.OVERSIGHT)) {
            now = T0;
            drive(m, l, Duration.ofMinutes(12), Duration.ofSeconds(1), FAST, ALWAYS);
        }
        assertThat(m.state(Layer.JUDGE)).isEqualTo(PaceState.EMERGENCY);
        assertThat(m.state(Layer.OVERSIGHT)).isEqualTo(PaceState.EMERGENCY);
        assertThat(m.globalTrip()).isTrue();
        assertThat(m.status(now).globalTrip()).isTrue();
        Admission a = breakers.admit(List.of(Scope.endpoint("chat")), now.plus(Duration.ofHours(1)));
        assertThat(a.allowed()).isFalse();
        assertThat(a.scope()).isEqualTo(Scope.global());
        assertThat(a.source()).isEqualTo(BreakerSource.AUTOMATIC);
        assertThat(a.reason()).isEqualTo("pace_emergency");

        m.tick(now.plusSeconds(1));
        assertThat(breakerSink.records()).hasSize(1);

        drive(m, Layer.JUDGE, Duration.ofMinutes(7), EVERY, FAST, NEVER);
        assertThat(m.state(Layer.JUDGE)).isEqualTo(PaceState.CONTINGENCY);
        assertThat(m.globalTrip()).isFalse();
        assertThat(breakers.admit(List.of(Scope.endpoint("chat")), now).allowed())
                .isTrue();
        assertThat(breakerSink.records())
                .extracting(r -> r.extra().get("to") + " " + r.reason())
                .containsExactly("OPEN pace_emergency", "CLOSED pace_recovered");
    }

    @Test
    void statusReportsEveryLayerWithItsFigures() {
        drive(
                monitor,
                Layer.GUARDRAILS,
                Duration.ofSeconds(30),
                Duration.ofSeconds(1),
                Duration.ofMillis(2),
                failingPercent(10));
        PaceReport report = monitor.status(now);
        assertThat(report.layers()).extracting(LayerReport::layer).containsExactly(Layer.values());
        LayerReport g = report.layers().get(0);
        assertThat(g.state()).isEqualTo(PaceState.PRIMARY);
        assertThat(g.calls()).isEqualTo(30);
        assertThat(g.errorRate()).isEqualTo(0.1);
        assertThat(g.meanLatency()).isEqualTo(Duration.ofMillis(2));
        assertThat(report.layers().get(1).calls()).isZero();
        assertThat(report.layers().get(1).verdict()).isEqualTo(PaceVerdict.UNKNOWN);
    }
}

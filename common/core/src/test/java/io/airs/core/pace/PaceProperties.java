package io.airs.core.pace;

import static org.assertj.core.api.Assertions.assertThat;

import io.airs.core.RiskTier;
import io.airs.core.breaker.EvidenceStamp;
import io.airs.core.evidence.InMemoryEvidenceSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Invariants of PACE under random signal sequences. */
class PaceProperties {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private static PaceMonitor monitor(InMemoryEvidenceSink sink) {
        return new PaceMonitor(
                sink, new EvidenceStamp("rev", RiskTier.HIGH, () -> "id"), Clock.fixed(T0, ZoneOffset.UTC));
    }

    @Property(tries = 300)
    void randomSignalSequencesOnlyEverTakeListedTransitions(
            @ForAll @Size(max = 400) List<@IntRange(min = 0, max = 5000) Integer> latenciesMs,
            @ForAll @Size(max = 400) List<Boolean> oks,
            @ForAll @Size(max = 400) List<@IntRange(min = 0, max = 120_000) Integer> pausesMs) {
        PaceConfig cfg = PaceConfig.defaults(Layer.JUDGE).toBuilder()
                .sustainFor(Duration.ofSeconds(20))
                .unresponsiveAfter(Duration.ofSeconds(10))
                .emergencyAfter(Duration.ofSeconds(30))
                .recoveryWindow(Duration.ofSeconds(20))
                .minVolume(3)
                .build();
        PaceStatus s = PaceStatus.initial(T0);
        Instant now = T0;
        int n = Math.min(latenciesMs.size(), Math.min(oks.size(), pausesMs.size()));
        for (int i = 0; i < n; i++) {
            now = now.plusMillis(pausesMs.get(i));
            long calls = i % 7 == 0 ? 0 : 20;
            LayerHealth h = new LayerHealth(
                    calls,
                    oks.get(i) ? 0 : calls / 2,
                    calls == 0 ? Duration.ZERO : Duration.ofMillis(latenciesMs.get(i)));
            PaceSignal signal = i % 5 == 4
                    ? PaceSignal.tick(h)
                    : PaceSignal.observation(Duration.ofMillis(latenciesMs.get(i)), oks.get(i), h);
            PaceStep step = PaceMachine.next(s, signal, now, cfg);
            assertThat(step.transition().from()).isEqualTo(s.state());
            assertThat(step.transition().to()).isEqualTo(step.status().state());
            assertThat(PaceTransition.find(
                            s.state(),
                            step.transition().trigger(),
                            step.status().state()))
                    .contains(step.transition());
            assertThat(Math.abs(step.status().state().ordinal() - s.state().ordinal()))
                    .isLessThanOrEqualTo(2);
            s = step.status();
        }
    }

    @Property(tries = 200)
    void aHealthyOnlySequenceNeverLeavesPrimary(
            @ForAll @Size(max = 500) List<@IntRange(min = 80, max = 120) Integer> latenciesMs,
            @ForAll @Size(max = 500) List<@IntRange(min = 1, max = 90_000) Integer> pausesMs,
            @ForAll @Size(max = 500) List<Boolean> ticks) {
        InMemoryEvidenceSink sink = new InMemoryEvidenceSink(10);
        PaceMonitor m = monitor(sink);
        Instant now = T0;
        int n = Math.min(latenciesMs.size(), Math.min(pausesMs.size(), ticks.size()));
        for (int i = 0; i < n; i++) {
            now = now.plusMillis(pausesMs.get(i));
            if (ticks.get(i)) {
                m.tick(now);
            } else {
                for (Layer l : Layer.values()) {
                    m.observe(l, Duration.ofMillis(latenciesMs.get(i)), true, now);
                }
            }
            for (Layer l : Layer.values()) {
                assertThat(m.state(l)).isEqualTo(PaceState.PRIMARY);
            }
        }
        assertThat(sink.appendedCount()).isZero();
    }
}

package io.airs.core.pace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PaceMachineTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final PaceConfig CFG = PaceConfig.defaults(Layer.JUDGE);
    private static final double BASE = Duration.ofMillis(100).toNanos();

    private static List<LayerHealth> healths() {
        return List.of(
                LayerHealth.NONE,
                new LayerHealth(20, 0, Duration.ofMillis(100)),
                new LayerHealth(20, 5, Duration.ofMillis(100)),
                new LayerHealth(20, 0, Duration.ofSeconds(1)),
                new LayerHealth(3, 3, Duration.ofMillis(100)),
                new LayerHealth(20, 20, Duration.ofSeconds(2)));
    }

    private static List<PaceStatus> statuses(PaceState state) {
        List<PaceStatus> out = new ArrayList<>();
        for (Instant unhealthy : new Instant[] {null, T0}) {
            for (Instant healthy : new Instant[] {null, T0}) {
                for (Instant failing : new Instant[] {null, T0}) {
                    for (double baseline : new double[] {0.0, BASE}) {
                        out.add(new PaceStatus(state, T0, "", unhealthy, healthy, failing, baseline));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void everyStateAndSignalTakesOnlyListedTransitions() {
        Set<PaceTransition> taken = EnumSet.noneOf(PaceTransition.class);
        for (PaceState state : PaceState.values()) {
            for (PaceStatus s : statuses(state)) {
                for (LayerHealth h : healths()) {
                    List<PaceSignal> signals = List.of(
                            PaceSignal.tick(h),
                            PaceSignal.observation(Duration.ofMillis(100), true, h),
                            PaceSignal.observation(Duration.ofSeconds(2), false, h));
                    for (PaceSignal signal : signals) {
                        for (Duration later : List.of(Duration.ZERO, Duration.ofSeconds(61), Duration.ofMinutes(11))) {
                            PaceStep step = PaceMachine.next(s, signal, T0.plus(later), CFG);
                            assertThat(step.transition().from()).isEqualTo(state);
                            assertThat(step.transition().to())
                                    .isEqualTo(step.status().state());
                            assertThat(PaceTransition.find(
                                            state,
                                            step.transition().trigger(),
                                            step.status().state()))
                                    .contains(step.transition());
                            taken.add(step.transition());
                        }
                    }
                }
            }
        }
        assertThat(taken).containsExactlyInAnyOrder(PaceTransition.values());
    }

    @Test
    void theTableMovesForwardByTriggerAndBackOneStepAtATime() {
        Set<String> edges = new HashSet<>();
        for (PaceTransition t : PaceTransition.values()) {
            if (t.from() != t.to()) {
                edges.add(t.from() + "->" + t.to());
            }
            if (t.trigger() == PaceTransition.Trigger.RECOVERED) {
                assertThat(t.to().ordinal()).isEqualTo(t.from().ordinal() - 1);
            }
        }
        assertThat(edges)
                .containsExactlyInAnyOrder(
                        "PRIMARY->ALTERNATE",
                        "PRIMARY->CONTINGENCY",
                        "ALTERNATE->CONTINGENCY",
                        "CONTINGENCY->EMERGENCY",
                        "ALTERNATE->PRIMARY",
                        "CONTINGENCY->ALTERNATE",
                        "EMERGENCY->CONTINGENCY");
    }

    @Test
    void judgesUnresponsiveBeforeErrorRateAndNeedsVolumeForRates() {
        assertThat(PaceMachine.verdict(new LayerHealth(3, 3, Duration.ZERO), BASE, T0, T0.plusSeconds(60), CFG))
                .isEqualTo(PaceVerdict.UNRESPONSIVE);
        assertThat(PaceMachine.verdict(new LayerHealth(3, 3, Duration.ZERO), BASE, T0, T0.plusSeconds(59), CFG))
                .isEqualTo(PaceVerdict.UNKNOWN);
        assertThat(PaceMachine.verdict(new LayerHealth(100, 6, Duration.ofMillis(100)), BASE, null, T0, CFG))
                .isEqualTo(PaceVerdict.ERROR_RATE);
        assertThat(PaceMachine.verdict(new LayerHealth(100, 5, Duration.ofMillis(100)), BASE, null, T0, CFG))
                .isEqualTo(PaceVerdict.HEALTHY);
        assertThat(PaceMachine.verdict(new LayerHealth(100, 0, Duration.ofMillis(301)), BASE, null, T0, CFG))
                .isEqualTo(PaceVerdict.LATENCY);
        assertThat(PaceMachine.verdict(LayerHealth.NONE, BASE, null, T0, CFG)).isEqualTo(PaceVerdict.UNKNOWN);
    }

    @Test
    void theBaselineNeverFallsBelowItsFloor() {
        assertThat(PaceMachine.effectiveBaseline(1_000, CFG))
                .isEqualTo(Duration.ofMillis(50).toNanos());
        assertThat(PaceMachine.effectiveBaseline(0, CFG)).isZero();
        // A 10 ms judge call is fast, not degraded, even if the learnt baseline is 1 ms.
        assertThat(PaceMachine.verdict(
                        new LayerHealth(20, 0, Duration.ofMillis(10)),
                        PaceMachine.effectiveBaseline(Duration.ofMillis(1).toNanos(), CFG),
                        null,
                        T0,
                        CFG))
                .isEqualTo(PaceVerdict.HEALTHY);
    }
}

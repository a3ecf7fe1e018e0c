package io.airs.core.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BreakerMachineTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final BreakerConfig CFG = BreakerConfig.builder()
            .openDuration(Duration.ofSeconds(60))
            .halfOpenProbes(3)
            .closeAfterSuccesses(2)
            .build();

    /** Every shape of status a breaker can be in, so the table test covers each guard's branches. */
    private static List<BreakerStatus> representativeStatuses() {
        List<BreakerStatus> out = new ArrayList<>();
        out.add(BreakerStatus.closed(T0));
        out.add(new BreakerStatus(BreakerState.CLOSED, BreakerSource.MANUAL, "ok", T0, false, 0, 0));
        out.add(new BreakerStatus(BreakerState.OPEN, BreakerSource.AUTOMATIC, "block_rate", T0, false, 0, 0));
        out.add(new BreakerStatus(BreakerState.OPEN, BreakerSource.AUTOMATIC, "pace", T0, true, 0, 0));
        out.add(new BreakerStatus(BreakerState.OPEN, BreakerSource.MANUAL, "incident", T0, false, 0, 0));
        out.add(new BreakerStatus(BreakerState.HALF_OPEN, BreakerSource.AUTOMATIC, "x", T0, false, 0, 0));
        out.add(new BreakerStatus(BreakerState.HALF_OPEN, BreakerSource.AUTOMATIC, "x", T0, false, 1, 0));
        out.add(new BreakerStatus(BreakerState.HALF_OPEN, BreakerSource.AUTOMATIC, "x", T0, false, 1, 1));
        out.add(new BreakerStatus(BreakerState.HALF_OPEN, BreakerSource.AUTOMATIC, "x", T0, false, 3, 0));
        return out;
    }

    private static List<BreakerEvent> everyEvent() {
        List<BreakerEvent> out = new ArrayList<>();
        for (BreakerEvent.Type t : BreakerEvent.Type.values()) {
            out.add(new BreakerEvent(t, "why"));
        }
        return out;
    }

    @Test
    void everyStateAndEventPairTakesOnlyListedTransitions() {
        Set<BreakerTransition> taken = EnumSet.noneOf(BreakerTransition.class);
        Set<String> pairs = new HashSet<>();
        for (BreakerStatus s : representativeStatuses()) {
            for (BreakerEvent e : everyEvent()) {
                for (Duration later :
                        List.of(Duration.ZERO, Duration.ofSeconds(59), Duration.ofSeconds(60), Duration.ofHours(1))) {
                    BreakerStep step = BreakerMachine.next(s, e, T0.plus(later), CFG);
                    BreakerTransition t = step.transition();
                    assertThat(t.from()).isEqualTo(s.state());
                    assertThat(t.to()).isEqualTo(step.status().state());
                    assertThat(t.events()).contains(e.type());
                    taken.add(t);
                    pairs.add(s.state() + "/" + e.type());
                }
            }
        }
        assertThat(pairs).hasSize(BreakerState.values().length * BreakerEvent.Type.values().length);
        // Every listed edge is reachable: the table holds nothing dead.
        assertThat(taken).containsExactlyInAnyOrder(BreakerTransition.values());
    }

    @Test
    void theTableListsExactlyTheseEdges() {
        Set<String> edges = new HashSet<>();
        for (BreakerTransition t : BreakerTransition.values()) {
            edges.add(t.from() + "->" + t.to());
        }
        assertThat(edges)
                .containsExactlyInAnyOrder(
                        "CLOSED->CLOSED",
                        "CLOSED->OPEN",
                        "OPEN->OPEN",
                        "OPEN->HALF_OPEN",
                        "OPEN->CLOSED",
                        "HALF_OPEN->HALF_OPEN",
                        "HALF_OPEN->OPEN",
                        "HALF_OPEN->CLOSED");
        assertThat(BreakerTransition.find(BreakerState.CLOSED, BreakerEvent.Type.TICK, BreakerState.HALF_OPEN))
                .isEmpty();
        assertThat(BreakerTransition.find(BreakerState.CLOSED, BreakerEvent.Type.SUCCESS, BreakerState.OPEN))
                .isEmpty();
    }

    @Test
    void openNeverAdmitsBeforeItsOpenDuration() {
        BreakerStatus open = BreakerMachine.next(BreakerStatus.closed(T0), BreakerEvent.trip("block_rate"), T0, CFG)
                .status();
        assertThat(open.state()).isEqualTo(BreakerState.OPEN);
        BreakerStep early = BreakerMachine.next(open, BreakerEvent.admit(), T0.plusSeconds(59), CFG);
        assertThat(early.admitted()).isFalse();
        assertThat(early.status().state()).isEqualTo(BreakerState.OPEN);
        BreakerStep due = BreakerMachine.next(open, BreakerEvent.admit(), T0.plusSeconds(60), CFG);
        assertThat(due.admitted()).isTrue();
        assertThat(due.status().state()).isEqualTo(BreakerState.HALF_OPEN);
        assertThat(due.status().probesAdmitted()).isEqualTo(1);
    }

    @Test
    void halfOpenAdmitsOnlyItsProbesAndClosesAfterEnoughSuccesses() {
        BreakerStatus s = BreakerMachine.next(open(), BreakerEvent.tick(), T0.plusSeconds(60), CFG)
                .status();
        assertThat(s.state()).isEqualTo(BreakerState.HALF_OPEN);
        Instant t = T0.plusSeconds(61);
        int admitted = 0;
        for (int i = 0; i < 5; i++) {
            BreakerStep step = BreakerMachine.next(s, BreakerEvent.admit(), t, CFG);
            admitted += step.admitted() ? 1 : 0;
            s = step.status();
        }
        assertThat(admitted).isEqualTo(3);
        s = BreakerMachine.next(s, BreakerEvent.of(Outcome.SUCCESS), t, CFG).status();
        assertThat(s.state()).isEqualTo(BreakerState.HALF_OPEN);
        BreakerStep closing = BreakerMachine.next(s, BreakerEvent.of(Outcome.SUCCESS), t, CFG);
        assertThat(closing.status().state()).isEqualTo(BreakerState.CLOSED);
        assertThat(closing.changed()).isTrue();
        assertThat(closing.reason()).isEqualTo("probes_succeeded");
    }

    @Test
    void anyFailureWhileHalfOpenReopensIt() {
        for (Outcome failure : List.of(Outcome.BLOCKED_BY_GUARDRAIL, Outcome.UPSTREAM_ERROR, Outcome.JUDGE_FAILURE)) {
            BreakerStatus half = BreakerMachine.next(open(), BreakerEvent.admit(), T0.plusSeconds(60), CFG)
                    .status();
            BreakerStep step = BreakerMachine.next(half, BreakerEvent.of(failure), T0.plusSeconds(61), CFG);
            assertThat(step.status().state()).isEqualTo(BreakerState.OPEN);
            assertThat(step.status().since()).isEqualTo(T0.plusSeconds(61));
            assertThat(step.reason()).isEqualTo("probe_failed");
        }
    }

    @Test
    void aManuallyOpenedBreakerNeverClosesByItself() {
        BreakerStatus s = BreakerMachine.next(BreakerStatus.closed(T0), BreakerEvent.manualOpen("INC-7"), T0, CFG)
                .status();
        for (BreakerEvent e : everyEvent()) {
            if (e.type() == BreakerEvent.Type.MANUAL_CLOSE) {
                continue;
            }
            BreakerStep step = BreakerMachine.next(s, e, T0.plus(Duration.ofDays(30)), CFG);
            assertThat(step.status().state()).as(e.type().name()).isEqualTo(BreakerState.OPEN);
            assertThat(step.admitted()).isFalse();
            s = step.status();
        }
        assertThat(BreakerMachine.next(s, BreakerEvent.manualClose("fixed"), T0.plus(Duration.ofDays(30)), CFG)
                        .status()
                        .state())
                .isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void aHeldBreakerWaitsForItsReleaseNotForTime() {
        BreakerStatus held = BreakerMachine.next(BreakerStatus.closed(T0), BreakerEvent.hold("pace_emergency"), T0, CFG)
                .status();
        assertThat(held.held()).isTrue();
        assertThat(held.source()).isEqualTo(BreakerSource.AUTOMATIC);
        BreakerStep later = BreakerMachine.next(held, BreakerEvent.admit(), T0.plus(Duration.ofHours(5)), CFG);
        assertThat(later.admitted()).isFalse();
        assertThat(BreakerMachine.next(held, BreakerEvent.release("ok"), T0, CFG)
                        .status()
                        .state())
                .isEqualTo(BreakerState.CLOSED);
        // A release does not close a breaker its own rules opened.
        assertThat(BreakerMachine.next(open(), BreakerEvent.release("ok"), T0, CFG)
                        .status()
                        .state())
                .isEqualTo(BreakerState.OPEN);
    }

    @Test
    void halfOpenProbesThatNeverReportReopenAfterTheOpenDuration() {
        BreakerStatus s = new BreakerStatus(BreakerState.HALF_OPEN, BreakerSource.AUTOMATIC, "x", T0, false, 3, 0);
        assertThat(BreakerMachine.next(s, BreakerEvent.tick(), T0.plusSeconds(59), CFG)
                        .status()
                        .state())
                .isEqualTo(BreakerState.HALF_OPEN);
        BreakerStep step = BreakerMachine.next(s, BreakerEvent.tick(), T0.plusSeconds(60), CFG);
        assertThat(step.status().state()).isEqualTo(BreakerState.OPEN);
        assertThat(step.reason()).isEqualTo("probe_timeout");
    }

    private static BreakerStatus open() {
        return BreakerMachine.next(BreakerStatus.closed(T0), BreakerEvent.trip("error_rate"), T0, CFG)
                .status();
    }
}

package io.airs.core.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.airs.core.RiskTier;
import io.airs.core.evidence.EvidenceRecord;
import io.airs.core.evidence.InMemoryEvidenceSink;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BreakersTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Scope OPS = Scope.agent("ops-bot");
    private static final Scope OTHER = Scope.agent("billing-bot");
    private static final Scope CHAT = Scope.endpoint("chat");

    private final InMemoryEvidenceSink sink = new InMemoryEvidenceSink(1000);
    private final AtomicInteger ids = new AtomicInteger();
    private final EvidenceStamp stamp = new EvidenceStamp("rev-1", RiskTier.HIGH, () -> "ev-" + ids.incrementAndGet());
    private final AtomicReference<FlagSnapshot> flags = new AtomicReference<>(FlagSnapshot.empty());

    private Breakers breakers(BreakerConfig cfg) {
        return new Breakers(cfg, flags::get, sink, stamp);
    }

    private static Instant at(Duration d) {
        return T0.plus(d);
    }

    @Test
    void threeGuardrailBlocksInTenMinutesTripThatAgentButNotAnother() {
        Breakers b = breakers(BreakerConfig.defaults());
        b.record(List.of(OPS), Outcome.BLOCKED_BY_GUARDRAIL, at(Duration.ZERO));
        b.record(List.of(OPS), Outcome.BLOCKED_BY_GUARDRAIL, at(Duration.ofMinutes(4)));
        b.record(List.of(OTHER), Outcome.BLOCKED_BY_GUARDRAIL, at(Duration.ofMinutes(5)));
        b.record(List.of(OPS), Outcome.BLOCKED_BY_GUARDRAIL, at(Duration.ofMinutes(8)));

        Admission ops = b.admit(List.of(OPS), at(Duration.ofMinutes(8)));
        assertThat(ops.allowed()).isFalse();
        assertThat(ops.scope()).isEqualTo(OPS);
        assertThat(ops.source()).isEqualTo(BreakerSource.AUTOMATIC);
        assertThat(ops.reason()).isEqualTo("agent_blocks");
        assertThat(b.admit(List.of(OTHER), at(Duration.ofMinutes(8))).allowed()).isTrue();
    }

    @Test
    void twoBlocksDoNotTripAnAgent() {
        Breakers b = breakers(BreakerConfig.defaults());
        b.record(List.of(OPS), Outcome.BLOCKED_BY_GUARDRAIL, at(Duration.ZERO));
        b.record(List.of(OPS), Outcome.BLOCKED_BY_GUARDRAIL, at(Duration.ofMinutes(1)));
        assertThat(b.admit(List.of(OPS), at(Duration.ofMinutes(1))).allowed()).isTrue();
        assertThat(b.status(OPS).state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void blocksSpreadOverElevenMinutesDoNotTripAnAgent() {
        Breakers b = breakers(BreakerConfig.defaults());
        b.record(List.of(OPS), Outcome.BLOCKED_BY_GUARDRAIL, at(Duration.ZERO));
        b.record(List.of(OPS), Outcome.BLOCKED_BY_GUARDRAIL, at(Duration.ofSeconds(330)));
        b.record(List.of(OPS), Outcome.BLOCKED_BY_GUARDRAIL, at(Duration.ofMinutes(11)));
        assertThat(b.admit(List.of(OPS), at(Duration.ofMinutes(11))).allowed()).isTrue();
        assertThat(b.snapshot(at(Duration.ofMinutes(11))))
                .filteredOn(v -> v.scope().equals(OPS))
                .singleElement()
                .satisfies(v -> assertThat(v.counts().agentBlocks()).isEqualTo(2));
    }

    @Test
    void blockRateAboveThresholdTripsOnlyWithMinimumVolume() {
        BreakerConfig cfg =
                BreakerConfig.builder().minVolume(10).blockRateThreshold(0.5).build();
        Breakers b = breakers(cfg);
        for (int i = 0; i < 9; i++) {
            b.record(List.of(CHAT), Outcome.BLOCKED_BY_GUARDRAIL, at(Duration.ofSeconds(i)));
        }
        assertThat(b.status(CHAT).state()).as("below minimum volume").isEqualTo(BreakerState.CLOSED);
        b.record(List.of(CHAT), Outcome.SUCCESS, at(Duration.ofSeconds(9)));
        assertThat(b.status(CHAT).state()).isEqualTo(BreakerState.OPEN);
        assertThat(b.status(CHAT).reason()).isEqualTo("block_rate");
    }

    @Test
    void lowBlockRateDoesNotTrip() {
        Breakers b = breakers(BreakerConfig.builder().minVolume(10).build());
        for (int i = 0; i < 100; i++) {
            b.record(
                    List.of(CHAT),
                    i % 5 == 0 ? Outcome.BLOCKED_BY_GUARDRAIL : Outcome.SUCCESS,
                    at(Duration.ofSeconds(i)));
        }
        assertThat(b.status(CHAT).state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void upstreamErrorRateTripsTheEndpoint() {
        Breakers b = breakers(
                BreakerConfig.builder().minVolume(20).errorRateThreshold(0.5).build());
        for (int i = 0; i < 20; i++) {
            b.record(List.of(CHAT), i % 2 == 0 ? Outcome.UPSTREAM_ERROR : Outcome.SUCCESS, at(Duration.ofSeconds(i)));
        }
        assertThat(b.status(CHAT).state()).isEqualTo(BreakerState.OPEN);
        assertThat(b.status(CHAT).reason()).isEqualTo("error_rate");
    }

    @Test
    void judgeFailuresTripAtTheirCountAndExpireWithTheWindow() {
        Breakers b = breakers(BreakerConfig.builder()
                .judgeFailureThreshold(3)
                .window(Duration.ofMinutes(5))
                .build());
        b.record(List.of(CHAT), Outcome.JUDGE_FAILURE, at(Duration.ZERO));
        b.record(List.of(CHAT), Outcome.JUDGE_FAILURE, at(Duration.ofMinutes(2)));
        b.record(List.of(CHAT), Outcome.JUDGE_FAILURE, at(Duration.ofMinutes(6)));
        assertThat(b.status(CHAT).state())
                .as("first failure fell out of the window")
                .isEqualTo(BreakerState.CLOSED);
        b.record(List.of(CHAT), Outcome.JUDGE_FAILURE, at(Duration.ofMinutes(6)));
        assertThat(b.status(CHAT).reason()).isEqualTo("judge_failures");
    }

    @Test
    void aTrippedBreakerProbesAfterItsOpenDurationAndClosesOnSuccesses() {
        BreakerConfig cfg = BreakerConfig.builder()
                .openDuration(Duration.ofSeconds(60))
                .halfOpenProbes(2)
                .closeAfterSuccesses(2)
                .build();
        Breakers b = breakers(cfg);
        tripOps(b);
        assertThat(b.admit(List.of(OPS), at(Duration.ofSeconds(119))).allowed()).isFalse();
        Admission probe1 = b.admit(List.of(OPS), at(Duration.ofSeconds(121)));
        Admission probe2 = b.admit(List.of(OPS), at(Duration.ofSeconds(121)));
        Admission third = b.admit(List.of(OPS), at(Duration.ofSeconds(121)));
        assertThat(probe1.allowed()).isTrue();
        assertThat(probe1.probe()).isTrue();
        assertThat(probe2.allowed()).isTrue();
        assertThat(third.allowed()).isFalse();
        b.record(List.of(OPS), Outcome.SUCCESS, at(Duration.ofSeconds(122)));
        b.record(List.of(OPS), Outcome.SUCCESS, at(Duration.ofSeconds(122)));
        assertThat(b.status(OPS).state()).isEqualTo(BreakerState.CLOSED);
        Admission after = b.admit(List.of(OPS), at(Duration.ofSeconds(123)));
        assertThat(after.allowed()).isTrue();
        assertThat(after.probe()).isFalse();
        // Closing starts the windows afresh: one more block does not trip it again.
        b.record(List.of(OPS), Outcome.BLOCKED_BY_GUARDRAIL, at(Duration.ofSeconds(124)));
        assertThat(b.status(OPS).state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void aFailedProbeReopens() {
        Breakers b = breakers(BreakerConfig.defaults());
        tripOps(b);
        assertThat(b.admit(List.of(OPS), at(Duration.ofMinutes(5))).probe()).isTrue();
        b.record(List.of(OPS), Outcome.BLOCKED_BY_GUARDRAIL, at(Duration.ofMinutes(5)));
        assertThat(b.status(OPS).state()).isEqualTo(BreakerState.OPEN);
        assertThat(b.admit(List.of(OPS), at(Duration.ofMinutes(5).plusSeconds(30)))
                        .allowed())
                .isFalse();
    }

    @Test
    void manualOpenNeverAutoClosesAndManualCloseReopensTraffic() {
        Breakers b = breakers(BreakerConfig.defaults());
        b.openManually(CHAT, "INC-9 data leak", T0);
        for (int h = 1; h <= 48; h++) {
            b.tick(at(Duration.ofHours(h)));
            Admission a = b.admit(List.of(CHAT), at(Duration.ofHours(h)));
            assertThat(a.allowed()).isFalse();
            assertThat(a.source()).isEqualTo(BreakerSource.MANUAL);
            assertThat(a.reason()).isEqualTo("INC-9 data leak");
        }
        b.closeManually(CHAT, "fixed", at(Duration.ofDays(3)));
        assertThat(b.admit(List.of(CHAT), at(Duration.ofDays(3))).allowed()).isTrue();
    }

    @Test
    void anOpenFlagCutsTrafficOnTheNextRequestAndComesFirst() {
        Breakers b = breakers(BreakerConfig.defaults());
        b.openManually(OPS, "manual", T0);
        assertThat(b.admit(List.of(CHAT), T0).allowed()).isTrue();
        flags.set(new FlagSnapshot(Map.of(CHAT, new Flag(true, "kill switch", T0), OPS, new Flag(true, "flag", T0))));
        Admission a = b.admit(List.of(CHAT, OPS), T0.plusMillis(1));
        assertThat(a.allowed()).isFalse();
        assertThat(a.source()).isEqualTo(BreakerSource.FLAG);
        assertThat(a.scope()).isEqualTo(CHAT);
        assertThat(a.reason()).isEqualTo("kill switch");
        flags.set(FlagSnapshot.empty());
        assertThat(b.admit(List.of(CHAT), T0.plusMillis(2)).allowed()).isTrue();
    }

    @Test
    void theGlobalFlagAndBreakerCoverEveryRequest() {
        Breakers b = breakers(BreakerConfig.defaults());
        flags.set(new FlagSnapshot(Map.of(Scope.global(), new Flag(true, "all stop", T0))));
        Admission a = b.admit(List.of(OPS), T0);
        assertThat(a.allowed()).isFalse();
        assertThat(a.scope()).isEqualTo(Scope.global());
        flags.set(FlagSnapshot.empty());
        b.hold(Scope.global(), "pace_emergency", T0);
        Admission held = b.admit(List.of(CHAT), T0.plus(Duration.ofHours(2)));
        assertThat(held.allowed()).isFalse();
        assertThat(held.source()).isEqualTo(BreakerSource.AUTOMATIC);
        assertThat(held.reason()).isEqualTo("pace_emergency");
        b.release(Scope.global(), "pace_recovered", T0.plus(Duration.ofHours(2)));
        assertThat(b.admit(List.of(CHAT), T0.plus(Duration.ofHours(2))).allowed())
                .isTrue();
    }

    @Test
    void aFailingFlagSourceKeepsTheLastFlagsAndSaysWhy() {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        FlagSource source = () -> {
            if (failure.get() != null) {
                throw failure.get();
            }
            return new FlagSnapshot(Map.of(OPS, new Flag(true, "stop", T0)));
        };
        Breakers b = new Breakers(BreakerConfig.defaults(), source, sink, stamp);
        assertThat(b.admit(List.of(OPS), T0).allowed()).isFalse();
        failure.set(new IllegalStateException("flag service down"));
        assertThat(b.admit(List.of(OPS), T0).allowed()).isFalse();
        assertThat(b.flagError()).hasValueSatisfying(e -> assertThat(e).contains("flag service down"));
    }

    @Test
    void everyTransitionLeavesAnEvidenceRecord() {
        Breakers b = breakers(BreakerConfig.builder()
                .openDuration(Duration.ofSeconds(60))
                .closeAfterSuccesses(1)
                .build());
        tripOps(b); // CLOSED -> OPEN
        b.admit(List.of(OPS), at(Duration.ofMinutes(3))); // OPEN -> HALF_OPEN
        b.record(List.of(OPS), Outcome.SUCCESS, at(Duration.ofMinutes(3))); // HALF_OPEN -> CLOSED
        b.openManually(CHAT, "INC-1", at(Duration.ofMinutes(4)));
        b.closeManually(CHAT, "done", at(Duration.ofMinutes(5)));

        List<EvidenceRecord> records = sink.records();
        assertThat(records).hasSize(5);
        assertThat(records).allSatisfy(r -> {
            assertThat(r.extra()).containsEntry("event", "breaker_transition");
            assertThat(r.policyRevision()).isEqualTo("rev-1");
        });
        assertThat(records)
                .extracting(r -> r.extra().get("scope") + " " + r.extra().get("from") + "->"
                        + r.extra().get("to") + " " + r.extra().get("source") + " "
                        + r.extra().get("reason"))
                .containsExactly(
                        "agent:ops-bot CLOSED->OPEN automatic agent_blocks",
                        "agent:ops-bot OPEN->HALF_OPEN automatic agent_blocks",
                        "agent:ops-bot HALF_OPEN->CLOSED automatic probes_succeeded",
                        "endpoint:chat CLOSED->OPEN manual INC-1",
                        "endpoint:chat OPEN->CLOSED manual done");
        assertThat(records.get(0).decision()).isEqualTo("BLOCK");
        assertThat(records.get(0).identities().agent()).isEqualTo("ops-bot");
        assertThat(records.get(2).decision()).isEqualTo("ALLOW");
    }

    @Test
    void snapshotListsEveryKnownScopeWithStateSourceAndCounts() {
        Breakers b = breakers(BreakerConfig.defaults());
        b.record(List.of(CHAT, OTHER), Outcome.SUCCESS, T0);
        b.record(List.of(CHAT), Outcome.UPSTREAM_ERROR, T0);
        tripOps(b);
        flags.set(new FlagSnapshot(Map.of(
                Scope.tool("upload"), new Flag(true, "vendor outage", T0),
                Scope.endpoint("batch"), new Flag(false, "", T0))));
        List<BreakerView> views = b.snapshot(at(Duration.ofMinutes(2)));
        assertThat(views)
                .extracting(v ->
                        v.scope().wire() + " " + v.state() + " " + v.source().wireName())
                .containsExactly(
                        "agent:billing-bot CLOSED automatic",
                        "agent:ops-bot OPEN automatic",
                        "endpoint:batch CLOSED flag",
                        "endpoint:chat CLOSED automatic",
                        "tool:upload OPEN flag");
        BreakerView chat = views.get(3);
        assertThat(chat.counts()).isEqualTo(new WindowCounts(2, 0, 1, 0, 0));
        assertThat(views.get(1).counts().agentBlocks()).isEqualTo(3);
    }

    @Test
    void scopesBeyondTheLimitAreAdmittedUntracked() {
        Breakers b =
                breakers(BreakerConfig.builder().maxScopes(2).agentBlockCount(1).build());
        b.record(List.of(Scope.agent("a")), Outcome.SUCCESS, T0);
        b.record(List.of(Scope.agent("b")), Outcome.SUCCESS, T0);
        b.record(List.of(Scope.agent("c")), Outcome.BLOCKED_BY_GUARDRAIL, T0);
        assertThat(b.admit(List.of(Scope.agent("c")), T0).allowed()).isTrue();
        assertThat(b.snapshot(T0)).hasSize(2);
    }

    private void tripOps(Breakers b) {
        b.record(List.of(OPS), Outcome.BLOCKED_BY_GUARDRAIL, at(Duration.ZERO));
        b.record(List.of(OPS), Outcome.BLOCKED_BY_GUARDRAIL, at(Duration.ofSeconds(30)));
        b.record(List.of(OPS), Outcome.BLOCKED_BY_GUARDRAIL, at(Duration.ofSeconds(60)));
        assertThat(b.status(OPS).state()).isEqualTo(BreakerState.OPEN);
    }
}

package io.airs.testkit.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.airs.core.RiskTier;
import io.airs.core.breaker.Admission;
import io.airs.core.breaker.BreakerConfig;
import io.airs.core.breaker.BreakerSource;
import io.airs.core.breaker.Breakers;
import io.airs.core.breaker.CompositeFlagSource;
import io.airs.core.breaker.EvidenceStamp;
import io.airs.core.breaker.FlagSnapshot;
import io.airs.core.breaker.Outcome;
import io.airs.core.breaker.Scope;
import io.airs.core.breaker.TripPublishingEvidenceSink;
import io.airs.core.breaker.TripRecord;
import io.airs.core.breaker.TripStore;
import io.airs.core.evidence.EvidenceRecord;
import io.airs.core.evidence.InMemoryEvidenceSink;
import io.airs.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two enforcement instances, each with the core breakers, sharing trips through one cloud table
 * ({@link TripPublishingEvidenceSink} over a {@link TripStore}): what every cloud's trip sharing must
 * do. A subclass supplies the table and the stores.
 */
public abstract class TripSharingContract {

    protected static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    protected static final Scope CHAT = Scope.endpoint("chat");
    private static final List<Scope> CHAT_SCOPES = List.of(CHAT);
    private static final BreakerConfig CONFIG = BreakerConfig.builder()
            .minVolume(4)
            .blockRateThreshold(0.5)
            .openDuration(Duration.ofSeconds(60))
            .halfOpenProbes(1)
            .closeAfterSuccesses(1)
            .build();

    protected MutableClock clock;
    private TripStore trips;
    private Instance a;
    private Instance b;

    /** Creates a fresh, empty trip table and returns its name. */
    protected abstract String newTable();

    /** A store over {@code table}, as one instance builds it (with a client of its own where it can). */
    protected abstract TripStore store(String table, MutableClock clock);

    /** A store over a table that does not exist. */
    protected abstract TripStore storeOverMissingTable(MutableClock clock);

    /** What the error of a write to a missing table says (the cloud's own error code). */
    protected abstract String missingTableError();

    /** One enforcement instance: its own breakers and evidence, the shared trip table. */
    record Instance(Breakers breakers, InMemoryEvidenceSink records, TripPublishingEvidenceSink sink) {}

    private Instance instance(TripStore store) {
        AtomicInteger ids = new AtomicInteger();
        InMemoryEvidenceSink records = new InMemoryEvidenceSink(100);
        TripPublishingEvidenceSink sink = new TripPublishingEvidenceSink(records, store, CONFIG.openDuration());
        // FlagSnapshot::empty stands for the human kill switches, listed first.
        CompositeFlagSource flags = new CompositeFlagSource(FlagSnapshot::empty, store);
        Breakers breakers = new Breakers(
                CONFIG, flags, sink, new EvidenceStamp("rev-1", RiskTier.HIGH, () -> "rec-" + ids.incrementAndGet()));
        return new Instance(breakers, records, sink);
    }

    @BeforeEach
    void twoInstances() {
        String table = newTable();
        clock = new MutableClock(T0);
        trips = store(table, clock);
        a = instance(store(table, clock));
        b = instance(store(table, clock));
    }

    private void tripChatOn(Instance i, Instant at) {
        for (int n = 0; n < 4; n++) {
            i.breakers().record(CHAT_SCOPES, Outcome.BLOCKED_BY_GUARDRAIL, at);
        }
    }

    @Test
    void aTripOnOneInstanceStopsTheOthers() {
        tripChatOn(a, T0);
        clock.set(T0.plusSeconds(1));

        Admission onB = b.breakers().admit(CHAT_SCOPES, T0.plusSeconds(1));

        assertThat(onB.allowed()).isFalse();
        assertThat(onB.scope()).isEqualTo(CHAT);
        assertThat(onB.source()).isEqualTo(BreakerSource.FLAG);
        assertThat(onB.reason()).isEqualTo("block_rate");
        TripRecord stored = trips.get(CHAT).orElseThrow();
        assertThat(stored.since()).isEqualTo(T0);
        assertThat(stored.until()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void theSharedTripLapsesWhenTheTrippingInstanceStartsProbingAndClosesWithIt() {
        tripChatOn(a, T0);
        Instant probeTime = T0.plusSeconds(60);
        clock.set(probeTime);

        assertThat(b.breakers().admit(CHAT_SCOPES, probeTime).allowed()).isTrue();
        Admission probe = a.breakers().admit(CHAT_SCOPES, probeTime);
        assertThat(probe.allowed()).isTrue();
        assertThat(probe.probe()).isTrue();

        a.breakers().record(CHAT_SCOPES, Outcome.SUCCESS, probeTime.plusSeconds(1));

        TripRecord stored = trips.get(CHAT).orElseThrow();
        assertThat(stored.open()).isFalse();
        assertThat(stored.reason()).isEqualTo("probes_succeeded");
        assertThat(a.sink().published()).isEqualTo(2);
    }

    @Test
    void aFailedProbeReopensTheSharedTrip() {
        tripChatOn(a, T0);
        Instant probeTime = T0.plusSeconds(60);
        clock.set(probeTime);
        a.breakers().admit(CHAT_SCOPES, probeTime);

        a.breakers().record(CHAT_SCOPES, Outcome.UPSTREAM_ERROR, probeTime.plusSeconds(1));

        TripRecord stored = trips.get(CHAT).orElseThrow();
        assertThat(stored.activeAt(probeTime.plusSeconds(2))).isTrue();
        assertThat(stored.reason()).isEqualTo("probe_failed");
        assertThat(b.breakers().admit(CHAT_SCOPES, probeTime.plusSeconds(2)).allowed())
                .isFalse();
    }

    @Test
    void aHeldBreakerIsSharedUntilReleased() {
        a.breakers().hold(Scope.global(), "pace_emergency", T0);
        clock.set(T0.plus(Duration.ofHours(2)));

        assertThat(b.breakers().admit(CHAT_SCOPES, clock.instant()).allowed()).isFalse();
        assertThat(trips.get(Scope.global()).orElseThrow().until()).isNull();

        a.breakers().release(Scope.global(), "pace_recovered", clock.instant());

        assertThat(b.breakers().admit(CHAT_SCOPES, clock.instant()).allowed()).isTrue();
    }

    @Test
    void manualOpeningStaysLocal() {
        a.breakers().openManually(CHAT, "investigating", T0);

        assertThat(trips.get(CHAT)).isEmpty();
        assertThat(b.breakers().admit(CHAT_SCOPES, T0).allowed()).isTrue();
    }

    @Test
    void forwardsEveryRecordUnchanged() {
        tripChatOn(a, T0);

        List<EvidenceRecord> records = a.records().records();
        assertThat(records).hasSize(1);
        assertThat(records.get(0).extra())
                .containsEntry("event", "breaker_transition")
                .containsEntry("scope", "endpoint:chat")
                .containsEntry("to", "OPEN")
                .containsEntry("source", "automatic");
        assertThat(a.sink().head()).isEqualTo(a.records().head());
    }

    @Test
    void aTripTableOutageNeverFailsTheBreakers() {
        TripStore missing = storeOverMissingTable(clock);
        InMemoryEvidenceSink records = new InMemoryEvidenceSink(10);
        TripPublishingEvidenceSink sink = new TripPublishingEvidenceSink(records, missing, Duration.ofSeconds(60));
        Breakers local =
                new Breakers(CONFIG, FlagSnapshot::empty, sink, new EvidenceStamp("rev-1", RiskTier.HIGH, () -> "r"));

        tripChatOn(new Instance(local, records, sink), T0);

        assertThat(local.admit(CHAT_SCOPES, T0).allowed()).isFalse();
        assertThat(records.appendedCount()).isEqualTo(1);
        assertThat(sink.publishFailures()).isEqualTo(1);
        assertThat(sink.lastError()).get().asString().contains(missingTableError());
    }
}

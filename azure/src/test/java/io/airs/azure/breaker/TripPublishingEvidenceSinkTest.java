package io.airs.azure.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.data.tables.TableServiceClient;
import io.airs.azure.storage.StorageConnection;
import io.airs.azure.testing.Azurite;
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
import io.airs.core.evidence.EvidenceRecord;
import io.airs.core.evidence.InMemoryEvidenceSink;
import io.airs.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two enforcement instances, each with the core breakers, sharing trips through one Azure Storage table. */
class TripPublishingEvidenceSinkTest {

    static Azurite azurite;

    static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    static final Scope CHAT = Scope.endpoint("chat");
    static final List<Scope> CHAT_SCOPES = List.of(CHAT);
    static final BreakerConfig CONFIG = BreakerConfig.builder()
            .minVolume(4)
            .blockRateThreshold(0.5)
            .openDuration(Duration.ofSeconds(60))
            .halfOpenProbes(1)
            .closeAfterSuccesses(1)
            .build();

    MutableClock clock;
    TableTripStore trips;
    Instance a;
    Instance b;

    @BeforeAll
    static void startAzurite() {
        azurite = Azurite.start();
    }

    @AfterAll
    static void stopAzurite() {
        if (azurite != null) {
            azurite.close();
        }
    }

    /** A table service client of its own, as each function host builds one. */
    static TableServiceClient tables() {
        return StorageConnection.ofConnectionString(azurite.connectionString()).tableServiceClient();
    }

    /** One function host: its own breakers and evidence, the shared trip table. */
    record Instance(Breakers breakers, InMemoryEvidenceSink records, TripPublishingEvidenceSink sink) {}

    Instance instance(TableTripStore store) {
        AtomicInteger ids = new AtomicInteger();
        InMemoryEvidenceSink records = new InMemoryEvidenceSink(100);
        TripPublishingEvidenceSink sink = new TripPublishingEvidenceSink(records, store, CONFIG.openDuration());
        // FlagSnapshot::empty stands for the App Configuration kill switches, listed first.
        CompositeFlagSource flags = new CompositeFlagSource(FlagSnapshot::empty, store);
        Breakers breakers = new Breakers(
                CONFIG, flags, sink, new EvidenceStamp("rev-1", RiskTier.HIGH, () -> "rec-" + ids.incrementAndGet()));
        return new Instance(breakers, records, sink);
    }

    @BeforeEach
    void twoInstances() {
        String table = "trips" + UUID.randomUUID().toString().replace("-", "");
        tables().createTable(table);
        clock = new MutableClock(T0);
        trips = new TableTripStore(tables(), TableTripStoreConfig.table(table), clock);
        a = instance(new TableTripStore(tables(), TableTripStoreConfig.table(table), clock));
        b = instance(new TableTripStore(tables(), TableTripStoreConfig.table(table), clock));
    }

    void tripChatOn(Instance i, Instant at) {
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
        TableTripStore missing = new TableTripStore(tables(), TableTripStoreConfig.table("nosuchtable"), clock);
        InMemoryEvidenceSink records = new InMemoryEvidenceSink(10);
        TripPublishingEvidenceSink sink = new TripPublishingEvidenceSink(records, missing, Duration.ofSeconds(60));
        Breakers local =
                new Breakers(CONFIG, FlagSnapshot::empty, sink, new EvidenceStamp("rev-1", RiskTier.HIGH, () -> "r"));

        tripChatOn(new Instance(local, records, sink), T0);

        assertThat(local.admit(CHAT_SCOPES, T0).allowed()).isFalse();
        assertThat(records.appendedCount()).isEqualTo(1);
        assertThat(sink.publishFailures()).isEqualTo(1);
        assertThat(sink.lastError()).get().asString().contains("TableNotFound");
    }
}

package io.airs.aws.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airs.aws.testing.Dynalite;
import io.airs.core.RiskTier;
import io.airs.core.breaker.EvidenceStamp;
import io.airs.core.breaker.Scope;
import io.airs.core.breaker.TripRecord;
import io.airs.core.evidence.EvidenceRecord;
import io.airs.core.evidence.InMemoryEvidenceSink;
import io.airs.testkit.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The trip function driven by real EventBridge "CloudWatch Alarm State Change" events. */
class AlarmTripHandlerTest {

    static Dynalite dynalite;
    static DynamoDbClient dynamo;
    static final ObjectMapper JSON = new ObjectMapper();
    static final Scope CHAT = Scope.endpoint("chat");

    MutableClock clock;
    DynamoTripStore trips;
    InMemoryEvidenceSink evidence;
    AlarmTripHandler handler;

    @BeforeAll
    static void startDynalite() throws Exception {
        dynalite = Dynalite.start();
        dynamo = dynalite.client();
    }

    @AfterAll
    static void stopDynalite() throws Exception {
        if (dynamo != null) {
            dynamo.close();
        }
        if (dynalite != null) {
            dynalite.close();
        }
    }

    @BeforeEach
    void handler() {
        String table = "trips-" + UUID.randomUUID();
        Dynalite.createTable(dynamo, DynamoTripStore.tableDefinition(table));
        clock = new MutableClock(Instant.parse("2025-03-01T10:05:01Z"));
        trips = new DynamoTripStore(dynamo, TripStoreConfig.table(table), clock);
        evidence = new InMemoryEvidenceSink(50);
        AtomicInteger ids = new AtomicInteger();
        handler = new AlarmTripHandler(
                trips,
                evidence,
                new EvidenceStamp("rev-1", RiskTier.HIGH, () -> "trip-" + ids.incrementAndGet()),
                clock);
    }

    static Map<String, Object> event(String name) throws IOException {
        try (InputStream in = AlarmTripHandlerTest.class.getResourceAsStream("/events/" + name)) {
            return JSON.readValue(in, new TypeReference<Map<String, Object>>() {});
        }
    }

    @Test
    void alarmOpensTheScopeNamedInTheDescription() throws IOException {
        Map<String, Object> answer = handler.handleRequest(event("cloudwatch-alarm-state-change-alarm.json"), null);

        assertThat(answer)
                .containsEntry("action", "opened")
                .containsEntry("scope", "endpoint:chat")
                .containsEntry("state", "ALARM");
        TripRecord t = trips.get(CHAT).orElseThrow();
        assertThat(t.open()).isTrue();
        assertThat(t.until()).isNull();
        assertThat(t.reason()).isEqualTo("alarm:airs-chat-block-rate");
        assertThat(t.since()).isEqualTo(Instant.parse("2025-03-01T10:05:00.128Z"));
        assertThat(trips.read().isOpen(CHAT)).isTrue();
    }

    @Test
    void okClosesTheAlarmsOwnTrip() throws IOException {
        handler.handleRequest(event("cloudwatch-alarm-state-change-alarm.json"), null);
        clock.set(Instant.parse("2025-03-01T10:20:01Z"));

        Map<String, Object> answer = handler.handleRequest(event("cloudwatch-alarm-state-change-ok.json"), null);

        assertThat(answer).containsEntry("action", "closed");
        assertThat(trips.get(CHAT).orElseThrow().open()).isFalse();
        assertThat(trips.read().flags()).isEmpty();
    }

    @Test
    void leavesAnEvidenceRecordForEachTripAndReset() throws IOException {
        handler.handleRequest(event("cloudwatch-alarm-state-change-alarm.json"), null);
        handler.handleRequest(event("cloudwatch-alarm-state-change-ok.json"), null);

        List<EvidenceRecord> records = evidence.records();
        assertThat(records).hasSize(2);
        assertThat(records.get(0).extra())
                .containsEntry("event", "breaker_transition")
                .containsEntry("trigger", "alarm")
                .containsEntry("scope", "endpoint:chat")
                .containsEntry("alarm", "airs-chat-block-rate")
                .containsEntry("from", "CLOSED")
                .containsEntry("to", "OPEN")
                .containsEntry("changed", "true");
        assertThat(records.get(0).decision()).isEqualTo("BLOCK");
        assertThat(records.get(1).extra())
                .containsEntry("from", "OPEN")
                .containsEntry("to", "CLOSED")
                .containsEntry("reason", "alarm_ok:airs-chat-block-rate");
        assertThat(records.get(1).decision()).isEqualTo("ALLOW");
    }

    @Test
    void okDoesNotClearATripTheBreakersOpened() throws IOException {
        trips.open(CHAT, "block_rate", Instant.parse("2025-03-01T10:10:00Z"), Instant.parse("2025-03-01T11:00:00Z"));

        Map<String, Object> answer = handler.handleRequest(event("cloudwatch-alarm-state-change-ok.json"), null);

        assertThat(answer).containsEntry("action", "unchanged");
        assertThat(trips.get(CHAT).orElseThrow().open()).isTrue();
        assertThat(evidence.records().get(0).extra())
                .containsEntry("changed", "false")
                .containsEntry("to", "OPEN");
    }

    @Test
    void aRepeatedAlarmChangesNothing() throws IOException {
        handler.handleRequest(event("cloudwatch-alarm-state-change-alarm.json"), null);

        Map<String, Object> again = handler.handleRequest(event("cloudwatch-alarm-state-change-alarm.json"), null);

        assertThat(again).containsEntry("action", "unchanged");
        assertThat(trips.get(CHAT).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void insufficientDataIsIgnored() throws IOException {
        Map<String, Object> answer =
                handler.handleRequest(event("cloudwatch-alarm-state-change-insufficient-data.json"), null);

        assertThat(answer).containsEntry("action", "ignored");
        assertThat(trips.get(CHAT)).isEmpty();
        assertThat(evidence.records()).isEmpty();
    }

    @Test
    void anAlarmWithoutTheScopeTokenIsIgnored() throws IOException {
        Map<String, Object> e = event("cloudwatch-alarm-state-change-alarm.json");
        Map<String, Object> config = configuration(e);
        config.put("description", "Goes into alarm when server CPU utilization is too high!");

        assertThat(handler.handleRequest(e, null)).containsEntry("action", "ignored");
        assertThat(trips.read().flags()).isEmpty();
    }

    @Test
    void refusesEventsThatAreNotAlarmStateChanges() throws IOException {
        Map<String, Object> e = event("cloudwatch-alarm-state-change-alarm.json");
        e.put("detail-type", "CloudWatch Alarm Configuration Change");

        assertThatThrownBy(() -> handler.handleRequest(e, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> handler.handleRequest(Map.of(), null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "airs-scope=global | global",
                "Block rate high. airs-scope=endpoint:chat | endpoint:chat",
                "airs-scope=agent:ops-bot repeated blocks | agent:ops-bot",
                "Tool errors\\nairs-scope=tool:upload | tool:upload"
            })
    void readsTheScopeTokenAnywhereInTheDescription(String description, String scope) {
        assertThat(AlarmTripHandler.scopeOf(description.replace("\\n", "\n"))).contains(Scope.parse(scope));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "no token here", "airs-scope=", "airs-scope=region:eu", "scope=endpoint:chat"})
    void findsNoScopeWithoutAValidToken(String description) {
        assertThat(AlarmTripHandler.scopeOf(description)).isEmpty();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> configuration(Map<String, Object> event) {
        Map<String, Object> detail = (Map<String, Object>) event.get("detail");
        return (Map<String, Object>) detail.get("configuration");
    }
}

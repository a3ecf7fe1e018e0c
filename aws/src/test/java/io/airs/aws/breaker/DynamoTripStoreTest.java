package io.airs.aws.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airs.aws.testing.Dynalite;
import io.airs.core.breaker.Flag;
import io.airs.core.breaker.Scope;
import io.airs.core.breaker.TripRecord;
import io.airs.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

class DynamoTripStoreTest {

    static Dynalite dynalite;
    static DynamoDbClient dynamo;

    static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    static final Scope CHAT = Scope.endpoint("chat");

    MutableClock clock;
    String table;
    DynamoTripStore store;

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
    void freshTable() {
        table = "trips-" + UUID.randomUUID();
        Dynalite.createTable(dynamo, DynamoTripStore.tableDefinition(table));
        clock = new MutableClock(T0);
        store = new DynamoTripStore(dynamo, TripStoreConfig.table(table), clock);
    }

    @Test
    void anOpenTripReadsAsAnOpenFlagUntilItLapses() {
        assertThat(store.open(CHAT, "block_rate", T0, T0.plusSeconds(60))).isPresent();

        Flag flag = store.read().flags().get(CHAT);
        assertThat(flag).isEqualTo(new Flag(true, "block_rate", T0));

        clock.advance(Duration.ofSeconds(60));
        assertThat(store.read().flags()).isEmpty();
    }

    @Test
    void writesTheDocumentedItemShape() {
        store.open(Scope.agent("ops-bot"), "agent_blocks", T0, T0.plusSeconds(60));

        Map<String, AttributeValue> item = dynamo.getItem(
                        b -> b.tableName(table).key(Map.of("scope", AttributeValue.fromS("agent:ops-bot"))))
                .item();
        assertThat(item.get("open").bool()).isTrue();
        assertThat(item.get("reason").s()).isEqualTo("agent_blocks");
        assertThat(item.get("since").s()).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(item.get("until").s()).isEqualTo("2025-03-01T10:01:00Z");
        assertThat(item.get("version").n()).isEqualTo("1");
    }

    @Test
    void everyWriteRaisesTheVersion() {
        store.open(CHAT, "block_rate", T0, T0.plusSeconds(60));
        store.close(CHAT, "probes_succeeded", T0.plusSeconds(90), null);
        store.open(CHAT, "error_rate", T0.plusSeconds(120), T0.plusSeconds(180));

        TripRecord t = store.get(CHAT).orElseThrow();
        assertThat(t.version()).isEqualTo(3);
        assertThat(t.open()).isTrue();
        assertThat(t.reason()).isEqualTo("error_rate");
    }

    @Test
    void openingAScopeAlreadyOpenLongEnoughWritesNothing() {
        store.open(CHAT, "block_rate", T0, T0.plusSeconds(60));
        clock.advance(Duration.ofSeconds(10));

        assertThat(store.open(CHAT, "block_rate", T0.plusSeconds(10), T0.plusSeconds(40)))
                .isEmpty();
        assertThat(store.get(CHAT).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void lengtheningAnOpenTripKeepsItsOpeningTime() {
        store.open(CHAT, "block_rate", T0, T0.plusSeconds(60));
        clock.advance(Duration.ofSeconds(30));

        TripRecord t =
                store.open(CHAT, "alarm:chat-blocks", T0.plusSeconds(30), null).orElseThrow();

        assertThat(t.since()).isEqualTo(T0);
        assertThat(t.until()).isNull();
        assertThat(t.version()).isEqualTo(2);
    }

    @Test
    void aStaleWriterLosesTheConditionalWriteAndRetriesOnFreshState() {
        DynamoTripStore other = new DynamoTripStore(dynamo, TripStoreConfig.table(table), clock);
        store.open(CHAT, "block_rate", T0, T0.plusSeconds(60));
        // Another instance's write slips in between this store's read and write.
        DynamoDbClient racing = new RacingDynamo(dynamo, () -> other.open(CHAT, "error_rate", T0, null)).proxy();
        DynamoTripStore raced = new DynamoTripStore(racing, TripStoreConfig.table(table), clock);

        raced.close(CHAT, "probes_succeeded", T0.plusSeconds(30), null);

        TripRecord t = store.get(CHAT).orElseThrow();
        assertThat(t.version()).isEqualTo(3);
        assertThat(t.open()).isFalse();
        assertThat(t.reason()).isEqualTo("probes_succeeded");
    }

    @Test
    void givesUpAfterMaxAttemptsUnderConstantContention() {
        store.open(CHAT, "block_rate", T0, T0.plusSeconds(60));
        DynamoTripStore other = new DynamoTripStore(dynamo, TripStoreConfig.table(table), clock);
        int[] n = {0};
        DynamoDbClient racing = new RacingDynamo(dynamo, () -> {
                    n[0]++;
                    other.open(CHAT, "r" + n[0], T0, T0.plusSeconds(60 + n[0]));
                })
                .everyTime()
                .proxy();
        DynamoTripStore raced = new DynamoTripStore(racing, new TripStoreConfig(table, 3, true), clock);

        assertThatThrownBy(() -> raced.close(CHAT, "probes_succeeded", T0.plusSeconds(30), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("endpoint:chat");
    }

    @Test
    void closingDoesNotClearATripOpenedAfterTheCloseWasDecided() {
        store.open(CHAT, "error_rate", T0.plusSeconds(50), T0.plusSeconds(110));

        assertThat(store.close(CHAT, "probes_succeeded", T0.plusSeconds(40), null))
                .isEmpty();
        assertThat(store.get(CHAT).orElseThrow().open()).isTrue();
    }

    @Test
    void anOwnedCloseOnlyClearsItsOwnTrip() {
        store.open(CHAT, "block_rate", T0, T0.plusSeconds(60));

        assertThat(store.close(CHAT, "alarm_ok:x", T0.plusSeconds(5), "alarm:x"))
                .isEmpty();
        assertThat(store.close(CHAT, "probes_succeeded", T0.plusSeconds(5), "block_rate"))
                .isPresent();
    }

    @Test
    void closingAClosedOrUnknownScopeWritesNothing() {
        assertThat(store.close(CHAT, "manual", T0, null)).isEmpty();
        assertThat(store.get(CHAT)).isEmpty();
    }

    @Test
    void readsEveryPageOfTheTable() {
        for (int i = 0; i < 120; i++) {
            store.open(Scope.agent("agent-" + i + "-" + "x".repeat(100)), "agent_blocks", T0, null);
        }
        // Closed trips are not flags.
        store.close(Scope.agent("agent-0-" + "x".repeat(100)), "released", T0.plusSeconds(1), null);

        assertThat(store.read().flags()).hasSize(119);
    }

    @Test
    void ignoresItemsThatAreNotTrips() {
        dynamo.putItem(b -> b.tableName(table)
                .item(Map.of("scope", AttributeValue.fromS("not a scope"), "open", AttributeValue.fromBool(true))));
        store.open(CHAT, "block_rate", T0, null);

        assertThat(store.read().flags()).containsOnlyKeys(CHAT);
    }

    @Test
    void readFailsWhenTheTableIsMissing() {
        DynamoTripStore missing = new DynamoTripStore(dynamo, TripStoreConfig.table("no-such-table"), clock);

        assertThatThrownBy(missing::read).isInstanceOf(ResourceNotFoundException.class);
    }
}

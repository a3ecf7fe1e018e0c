package io.airs.aws.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airs.aws.testing.Dynalite;
import io.airs.core.breaker.Scope;
import io.airs.core.breaker.TripRecord;
import io.airs.core.breaker.TripStore;
import io.airs.testkit.MutableClock;
import io.airs.testkit.breaker.TripStoreContract;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

class DynamoTripStoreTest extends TripStoreContract {

    static Dynalite dynalite;
    static DynamoDbClient dynamo;

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

    @Override
    protected TripStore newStore(MutableClock clock) {
        table = "trips-" + UUID.randomUUID();
        Dynalite.createTable(dynamo, DynamoTripStore.tableDefinition(table));
        store = new DynamoTripStore(dynamo, TripStoreConfig.table(table), clock);
        return store;
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

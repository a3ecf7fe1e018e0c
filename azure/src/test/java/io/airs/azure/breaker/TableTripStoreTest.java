package io.airs.azure.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.exception.HttpResponseException;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableServiceException;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import io.airs.azure.config.AzureClients;
import io.airs.azure.storage.StorageConnection;
import io.airs.azure.testing.Azurite;
import io.airs.core.breaker.Scope;
import io.airs.core.breaker.TripRecord;
import io.airs.core.breaker.TripStore;
import io.airs.testkit.MutableClock;
import io.airs.testkit.breaker.TripStoreContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The trip table on Azurite: the same behaviours as the DynamoDB store, with ETag-conditional writes. */
class TableTripStoreTest extends TripStoreContract {

    static Azurite azurite;
    static TableServiceClient tables;

    String table;
    TableTripStore store;

    @BeforeAll
    static void startAzurite() {
        azurite = Azurite.start();
        tables =
                StorageConnection.ofConnectionString(azurite.connectionString()).tableServiceClient();
    }

    @AfterAll
    static void stopAzurite() {
        if (azurite != null) {
            azurite.close();
        }
    }

    @Override
    protected TripStore newStore(MutableClock clock) {
        table = "trips" + UUID.randomUUID().toString().replace("-", "");
        tables.createTable(table);
        store = new TableTripStore(tables, TableTripStoreConfig.table(table), clock);
        return store;
    }

    /** A store on its own client whose writes let {@code race} run first. */
    TableTripStore racedStore(RacingPolicy racing, int maxAttempts) {
        TableServiceClient raced = new TableServiceClientBuilder()
                .connectionString(azurite.connectionString())
                .httpClient(AzureClients.httpClient())
                .addPolicy(racing)
                .buildClient();
        return new TableTripStore(raced, new TableTripStoreConfig(table, maxAttempts), clock);
    }

    TableTripStore otherInstance() {
        TableServiceClient own =
                StorageConnection.ofConnectionString(azurite.connectionString()).tableServiceClient();
        return new TableTripStore(own, TableTripStoreConfig.table(table), clock);
    }

    @Test
    void writesTheDocumentedEntityShape() {
        store.open(Scope.agent("ops-bot"), "agent_blocks", T0, T0.plusSeconds(60));

        TableEntity e = tables.getTableClient(table).getEntity("trips", "agent:ops-bot");
        assertThat(e.getProperty("scope")).isEqualTo("agent:ops-bot");
        assertThat(e.getProperty("open")).isEqualTo(true);
        assertThat(e.getProperty("reason")).isEqualTo("agent_blocks");
        assertThat(e.getProperty("since")).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(e.getProperty("until")).isEqualTo("2025-03-01T10:01:00Z");
        assertThat(e.getProperty("version")).isEqualTo(1L);
    }

    @Test
    void aClosedTripHasNoUntil() {
        store.open(CHAT, "block_rate", T0, T0.plusSeconds(60));
        store.close(CHAT, "probes_succeeded", T0.plusSeconds(61), null);

        TableEntity e = tables.getTableClient(table).getEntity("trips", "endpoint:chat");
        assertThat(e.getProperty("open")).isEqualTo(false);
        assertThat(e.getProperties()).doesNotContainKey("until");
    }

    @Test
    void scopeNamesWithCharactersTableKeysCannotHoldArePercentEncoded() {
        Scope odd = Scope.tool("fs/read#1?a\\b'c%d-ü");
        Scope lookalike = Scope.tool("fs%2Fread#1?a\\b'c%d-ü");

        store.open(odd, "tool_errors", T0, null);
        store.open(lookalike, "tool_errors", T0, null);

        assertThat(TableTripStore.rowKey(odd)).isEqualTo("tool:fs%2Fread%231%3Fa%5Cb%27c%25d-ü");
        assertThat(tables.getTableClient(table)
                        .getEntity("trips", "tool:fs%2Fread%231%3Fa%5Cb%27c%25d-ü")
                        .getProperty("scope"))
                .isEqualTo(odd.wire());
        assertThat(store.get(odd)).get().extracting(TripRecord::scope).isEqualTo(odd);
        assertThat(store.read().flags()).containsOnlyKeys(odd, lookalike);
        assertThat(store.close(odd, "released", T0.plusSeconds(1), null)).isPresent();
        assertThat(store.read().flags()).containsOnlyKeys(lookalike);
    }

    @Test
    void aStaleWriterLosesTheEtagConditionAndRetriesOnFreshState() {
        TableTripStore other = otherInstance();
        store.open(CHAT, "block_rate", T0, T0.plusSeconds(60));
        // Another instance's write slips in between this store's read and its conditional replace.
        TableTripStore raced = racedStore(new RacingPolicy(() -> other.open(CHAT, "error_rate", T0, null)), 5);

        raced.close(CHAT, "probes_succeeded", T0.plusSeconds(30), null);

        TripRecord t = store.get(CHAT).orElseThrow();
        assertThat(t.version()).isEqualTo(3);
        assertThat(t.open()).isFalse();
        assertThat(t.reason()).isEqualTo("probes_succeeded");
    }

    @Test
    void aStaleInsertLosesToTheInstanceThatInsertedFirst() {
        TableTripStore other = otherInstance();
        TableTripStore raced =
                racedStore(new RacingPolicy(() -> other.open(CHAT, "error_rate", T0, T0.plusSeconds(300))), 5);

        Optional<TripRecord> written = raced.open(CHAT, "block_rate", T0, T0.plusSeconds(60));

        // The insert conflicted (409); on fresh state the other trip already covers this one.
        assertThat(written).isEmpty();
        TripRecord t = store.get(CHAT).orElseThrow();
        assertThat(t.version()).isEqualTo(1);
        assertThat(t.reason()).isEqualTo("error_rate");
    }

    @Test
    void aTripDeletedBetweenReadAndWriteIsWrittenAfresh() {
        store.open(CHAT, "block_rate", T0, T0.plusSeconds(60));
        TableClient direct = tables.getTableClient(table);
        TableTripStore raced = racedStore(new RacingPolicy(() -> direct.deleteEntity("trips", "endpoint:chat")), 5);

        TripRecord t = raced.open(CHAT, "error_rate", T0, null).orElseThrow();

        assertThat(t.version()).isEqualTo(1);
        assertThat(store.get(CHAT)).contains(t);
    }

    @Test
    void givesUpAfterMaxAttemptsUnderConstantContention() {
        store.open(CHAT, "block_rate", T0, T0.plusSeconds(60));
        TableTripStore other = otherInstance();
        int[] n = {0};
        TableTripStore raced = racedStore(
                new RacingPolicy(() -> {
                            n[0]++;
                            other.open(CHAT, "r" + n[0], T0, T0.plusSeconds(60 + n[0]));
                        })
                        .everyTime(),
                3);

        assertThatThrownBy(() -> raced.close(CHAT, "probes_succeeded", T0.plusSeconds(30), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("endpoint:chat");
        assertThat(n[0]).isEqualTo(3);
    }

    @Test
    void twoInstancesRacingOnOneScopeLoseNoUpdate() throws Exception {
        TableTripStore a = new TableTripStore(tables, new TableTripStoreConfig(table, 50), clock);
        TableTripStore b = new TableTripStore(
                StorageConnection.ofConnectionString(azurite.connectionString()).tableServiceClient(),
                new TableTripStoreConfig(table, 50),
                clock);
        int rounds = 25;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // Each instance lengthens the trip to ever later times: a, the odd seconds; b, the even ones.
            Callable<Integer> lengthenA = () -> lengthen(a, 1, rounds);
            Callable<Integer> lengthenB = () -> lengthen(b, 2, rounds);
            Future<Integer> fa = pool.submit(lengthenA);
            Future<Integer> fb = pool.submit(lengthenB);
            int writes = fa.get() + fb.get();

            TripRecord t = store.get(CHAT).orElseThrow();
            // Every write that reported success is counted in the version: none overwrote another.
            assertThat(t.version()).isEqualTo(writes);
            assertThat(t.until()).isEqualTo(T0.plusSeconds(1000 + 2 * rounds));
            assertThat(t.since()).isEqualTo(T0);
        } finally {
            pool.shutdownNow();
        }
    }

    private static int lengthen(TableTripStore s, int first, int rounds) {
        int writes = 0;
        for (int i = 0; i < rounds; i++) {
            int second = 1000 + first + 2 * i;
            if (s.open(CHAT, "block_rate", T0, T0.plusSeconds(second)).isPresent()) {
                writes++;
            }
        }
        return writes;
    }

    @Test
    void readsEveryPageOfThePartition() {
        // More trips than one page of a query holds (1,000 entities), written 100 to a transaction.
        TableClient direct = tables.getTableClient(table);
        List<TableTransactionAction> batch = new ArrayList<>();
        for (int i = 0; i < 1100; i++) {
            TripRecord t = new TripRecord(Scope.agent("agent-" + i), i != 7, "agent_blocks", T0, null, 1);
            batch.add(new TableTransactionAction(TableTransactionActionType.CREATE, TableTripStore.encode(t)));
            if (batch.size() == 100) {
                direct.submitTransaction(batch);
                batch = new ArrayList<>();
            }
        }

        // Closed trips are not flags.
        assertThat(store.read().flags()).hasSize(1099).doesNotContainKey(Scope.agent("agent-7"));
    }

    @Test
    void ignoresEntitiesThatAreNotTrips() {
        TableClient direct = tables.getTableClient(table);
        direct.createEntity(new TableEntity("trips", "not a scope")
                .addProperty("scope", "not a scope")
                .addProperty("open", true));
        direct.createEntity(new TableEntity("trips", "endpoint:other")
                .addProperty("scope", "endpoint:chat")
                .addProperty("open", true)
                .addProperty("since", T0.toString())
                .addProperty("version", 1L));
        direct.createEntity(new TableEntity("trips", "tool:x")
                .addProperty("scope", "tool:x")
                .addProperty("open", "yes")
                .addProperty("since", T0.toString())
                .addProperty("version", 1L));
        direct.createEntity(TableTripStore.encode(new TripRecord(Scope.tool("y"), true, "r", T0, null, 1))
                .addProperty("since", "yesterday"));
        store.open(CHAT, "block_rate", T0, null);

        assertThat(store.read().flags()).containsOnlyKeys(CHAT);
    }

    @Test
    void readFailsWhenTheTableIsMissing() {
        TableTripStore missing = new TableTripStore(tables, TableTripStoreConfig.table("nosuchtable"), clock);

        assertThatThrownBy(missing::read)
                .isInstanceOf(HttpResponseException.class)
                .hasMessageContaining("TableNotFound");
    }

    @Test
    void aMissingTableIsAnErrorNotAnAbsentTrip() {
        TableTripStore missing = new TableTripStore(tables, TableTripStoreConfig.table("nosuchtable"), clock);

        assertThatThrownBy(() -> missing.get(CHAT)).isInstanceOf(TableServiceException.class);
        assertThatThrownBy(() -> missing.open(CHAT, "block_rate", T0, null)).isInstanceOf(TableServiceException.class);
    }
}

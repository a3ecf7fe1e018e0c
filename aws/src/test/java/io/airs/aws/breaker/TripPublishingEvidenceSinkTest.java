package io.airs.aws.breaker;

import io.airs.aws.testing.Dynalite;
import io.airs.core.breaker.TripStore;
import io.airs.testkit.MutableClock;
import io.airs.testkit.breaker.TripSharingContract;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Two enforcement instances, each with the core breakers, sharing trips through one DynamoDB table. */
class TripPublishingEvidenceSinkTest extends TripSharingContract {

    static Dynalite dynalite;
    static DynamoDbClient dynamo;

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
    protected String newTable() {
        String table = "trips-" + UUID.randomUUID();
        Dynalite.createTable(dynamo, DynamoTripStore.tableDefinition(table));
        return table;
    }

    @Override
    protected TripStore store(String table, MutableClock clock) {
        return new DynamoTripStore(dynamo, TripStoreConfig.table(table), clock);
    }

    @Override
    protected TripStore storeOverMissingTable(MutableClock clock) {
        return store("no-such-table", clock);
    }

    @Override
    protected String missingTableError() {
        return "ResourceNotFound";
    }
}

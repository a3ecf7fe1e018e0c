package io.airs.azure.breaker;

import com.azure.data.tables.TableServiceClient;
import io.airs.azure.storage.StorageConnection;
import io.airs.azure.testing.Azurite;
import io.airs.core.breaker.TripStore;
import io.airs.testkit.MutableClock;
import io.airs.testkit.breaker.TripSharingContract;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Two enforcement instances, each with the core breakers, sharing trips through one Azure Storage table. */
class TripPublishingEvidenceSinkTest extends TripSharingContract {

    static Azurite azurite;

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

    @Override
    protected String newTable() {
        String table = "trips" + UUID.randomUUID().toString().replace("-", "");
        tables().createTable(table);
        return table;
    }

    @Override
    protected TripStore store(String table, MutableClock clock) {
        return new TableTripStore(tables(), TableTripStoreConfig.table(table), clock);
    }

    @Override
    protected TripStore storeOverMissingTable(MutableClock clock) {
        return store("nosuchtable", clock);
    }

    @Override
    protected String missingTableError() {
        return "TableNotFound";
    }
}

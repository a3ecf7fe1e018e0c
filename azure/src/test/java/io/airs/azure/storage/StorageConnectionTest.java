package io.airs.azure.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airs.azure.testing.Azurite;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one storage connection the escalation store, the trip table and the queues share. */
class StorageConnectionTest {

    @Test
    void noStorageSettingMeansNoConnection() {
        assertThat(StorageConnection.isConfigured(Map.of())).isFalse();
        assertThatThrownBy(() -> StorageConnection.fromEnvironment(Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AirsStorage");
    }

    @Test
    void theServiceUrisWinOverTheConnectionStringAndUseTheIdentity() {
        StorageConnection c = StorageConnection.fromEnvironment(Map.of(
                "AirsStorage__queueServiceUri", "https://airsstate.queue.core.windows.net",
                "AirsStorage__tableServiceUri", "https://airsstate.table.core.windows.net",
                "AirsStorage", "UseDevelopmentStorage=true"));
        assertThat(c.usesTokenCredential()).isTrue();
        assertThat(c.tableServiceClient().getServiceEndpoint()).isEqualTo("https://airsstate.table.core.windows.net");
        assertThat(c.tableServiceClient().getAccountName()).isEqualTo("airsstate");
        assertThat(c.queueServiceClient().getQueueServiceUrl()).isEqualTo("https://airsstate.queue.core.windows.net");
    }

    @Test
    void theServiceUrisMustBeHttps() {
        assertThatThrownBy(() -> StorageConnection.fromEnvironment(Map.of(
                        "AirsStorage__queueServiceUri", "https://airsstate.queue.core.windows.net",
                        "AirsStorage__tableServiceUri", "http://airsstate.table.core.windows.net")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AirsStorage__tableServiceUri");
    }

    @Test
    void aBadConnectionStringIsRejectedWithoutQuotingIt() {
        String secret = "AccountName=airs;AccountKey=c2VjcmV0LWtleQ==;Nonsense";
        assertThatThrownBy(() -> StorageConnection.fromEnvironment(Map.of("AirsStorage", secret))
                        .tableServiceClient())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AirsStorage")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("c2VjcmV0LWtleQ"));
    }

    @Test
    void theConnectionStringReachesItsTableAndQueueEndpoints() {
        try (Azurite azurite = Azurite.start()) {
            StorageConnection c = StorageConnection.ofConnectionString(azurite.connectionString());
            c.tableServiceClient().createTable("probe");
            assertThat(c.tableServiceClient().getTableClient("probe").listEntities())
                    .isEmpty();
            c.queueServiceClient().createQueue("probe");
            assertThat(c.queueServiceClient().getQueueClient("probe").receiveMessage())
                    .isNull();
        }
    }
}

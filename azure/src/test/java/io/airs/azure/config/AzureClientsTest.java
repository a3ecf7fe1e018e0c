package io.airs.azure.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airs.azure.testing.Azurite;
import io.airs.azure.testing.LoopbackTls;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SDK clients built from the application settings, and the checks on those settings. */
class AzureClientsTest {

    @Test
    void noEndpointMeansNoAppConfigurationClient() {
        assertThat(AzureClients.appConfiguration(Map.of(), LoopbackTls.credential(), AzureClients.httpClient()))
                .isEmpty();
    }

    @Test
    void buildsTheAppConfigurationClientOfTheEndpoint() {
        assertThat(AzureClients.appConfiguration(
                                Map.of("AIRS_APPCONFIG_ENDPOINT", "https://airs-prod.azconfig.io"),
                                LoopbackTls.credential(),
                                AzureClients.httpClient())
                        .orElseThrow()
                        .getEndpoint())
                .isEqualTo("https://airs-prod.azconfig.io");
    }

    @Test
    void theAppConfigurationEndpointMustBeHttps() {
        for (String bad :
                new String[] {"http://airs.azconfig.io", "airs.azconfig.io", "https://", "https://a.azconfig.io?x=1"}) {
            assertThatThrownBy(() -> AzureClients.appConfiguration(
                            Map.of("AIRS_APPCONFIG_ENDPOINT", bad),
                            LoopbackTls.credential(),
                            AzureClients.httpClient()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("AIRS_APPCONFIG_ENDPOINT")
                    .hasMessageContaining("https://NAME.azconfig.io");
        }
    }

    @Test
    void noStorageSettingMeansNoTableService() {
        assertThat(AzureClients.tableService(Map.of(), LoopbackTls.credential(), AzureClients.httpClient()))
                .isEmpty();
    }

    @Test
    void theTableServiceUriWinsOverTheConnectionStringAndUsesTheIdentity() {
        var tables = AzureClients.tableService(
                        Map.of(
                                "AirsStorage__tableServiceUri", "https://airsstate.table.core.windows.net",
                                "AirsStorage", "UseDevelopmentStorage=true"),
                        LoopbackTls.credential(),
                        AzureClients.httpClient())
                .orElseThrow();

        assertThat(tables.getServiceEndpoint()).isEqualTo("https://airsstate.table.core.windows.net");
        assertThat(tables.getAccountName()).isEqualTo("airsstate");
    }

    @Test
    void theTableServiceUriMustBeHttps() {
        assertThatThrownBy(() -> AzureClients.tableService(
                        Map.of("AirsStorage__tableServiceUri", "http://airsstate.table.core.windows.net"),
                        LoopbackTls.credential(),
                        AzureClients.httpClient()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AirsStorage__tableServiceUri");
    }

    @Test
    void aBadConnectionStringIsRejectedWithoutQuotingIt() {
        String secret = "AccountName=airs;AccountKey=c2VjcmV0LWtleQ==;Nonsense";

        assertThatThrownBy(() -> AzureClients.tableService(
                        Map.of("AirsStorage", secret), LoopbackTls.credential(), AzureClients.httpClient()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AirsStorage")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("c2VjcmV0LWtleQ"));
    }

    @Test
    void theConnectionStringReachesItsTableEndpoint() {
        try (Azurite azurite = Azurite.start()) {
            var tables = AzureClients.tableService(
                            Map.of("AirsStorage", azurite.connectionString()), null, AzureClients.httpClient())
                    .orElseThrow();

            tables.createTable("probe");
            assertThat(tables.getTableClient("probe").listEntities()).isEmpty();
        }
    }
}

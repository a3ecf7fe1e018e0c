package io.airs.azure.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}

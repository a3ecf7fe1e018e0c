package io.airs.azure.breaker;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.airs.azure.testing.AppConfigurationStub.KV_SET;
import static io.airs.azure.testing.AppConfigurationStub.featureFlag;
import static io.airs.azure.testing.AppConfigurationStub.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.data.tables.TableServiceClient;
import io.airs.azure.storage.StorageConnection;
import io.airs.azure.testing.AppConfigurationStub;
import io.airs.azure.testing.Azurite;
import io.airs.core.breaker.Flag;
import io.airs.core.breaker.FlagSnapshot;
import io.airs.core.breaker.Scope;
import io.airs.core.breaker.TripPublishingEvidenceSink;
import io.airs.core.evidence.InMemoryEvidenceSink;
import io.airs.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The breakers wired from the settings: App Configuration (WireMock over HTTPS) and the trip table (Azurite). */
class AzureBreakersTest {

    static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    static Azurite azurite;
    static AppConfigurationStub store;
    static TableServiceClient tables;

    @BeforeAll
    static void start() {
        azurite = Azurite.start();
        store = AppConfigurationStub.start();
        tables =
                StorageConnection.ofConnectionString(azurite.connectionString()).tableServiceClient();
    }

    @AfterAll
    static void stop() {
        if (azurite != null) {
            azurite.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void killSwitchesComeFirstThenTheSharedTrips() {
        store.wire()
                .stubFor(get(urlPathEqualTo("/kv"))
                        .willReturn(aResponse()
                                .withHeader("Content-Type", KV_SET)
                                .withBody(page(
                                        null,
                                        featureFlag(
                                                "kill-endpoint-chat",
                                                true,
                                                "incident 42",
                                                "prod",
                                                "2025-03-01T09:00:00+00:00")))));
        tables.createTable("breakerstrips");
        MutableClock clock = new MutableClock(T0);
        AzureBreakers breakers = AzureBreakers.fromSettings(
                Map.of(
                        "AIRS_APPCONFIG_LABEL",
                        "prod",
                        "AIRS_FLAG_CACHE_SECONDS",
                        "5",
                        "AIRS_TRIP_TABLE",
                        "breakerstrips"),
                store.client(),
                tables,
                clock);
        TableTripStore trips = breakers.trips().orElseThrow();
        trips.open(Scope.endpoint("chat"), "block_rate", T0, null);
        trips.open(Scope.tool("upload"), "tool_errors", T0, null);

        FlagSnapshot flags = breakers.flags().orElseThrow().read();

        assertThat(trips.tableName()).isEqualTo("breakerstrips");
        assertThat(flags.flags().get(Scope.endpoint("chat")))
                .isEqualTo(new Flag(true, "incident 42", Instant.parse("2025-03-01T09:00:00Z")));
        assertThat(flags.flags().get(Scope.tool("upload"))).isEqualTo(new Flag(true, "tool_errors", T0));
        assertThat(breakers.killSwitches()).isPresent();
        assertThat(breakers.publishTrips(new InMemoryEvidenceSink(10), Duration.ofSeconds(60)))
                .isInstanceOf(TripPublishingEvidenceSink.class);
    }

    @Test
    void withoutClientsThereAreNoRemoteFlagsAndEvidenceIsUnchanged() {
        AzureBreakers breakers = AzureBreakers.fromSettings(Map.of(), null, null, new MutableClock(T0));
        InMemoryEvidenceSink evidence = new InMemoryEvidenceSink(10);

        assertThat(breakers.flags()).isEmpty();
        assertThat(breakers.killSwitches()).isEmpty();
        assertThat(breakers.trips()).isEmpty();
        assertThat(breakers.publishTrips(evidence, Duration.ofSeconds(60))).isSameAs(evidence);
    }

    @Test
    void malformedSettingsAreRejectedNamingTheSetting() {
        assertThatThrownBy(() -> AzureBreakers.fromSettings(
                        Map.of("AIRS_FLAG_CACHE_SECONDS", "soon"), store.client(), null, new MutableClock(T0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AIRS_FLAG_CACHE_SECONDS");
        assertThatThrownBy(() -> AzureBreakers.fromSettings(
                        Map.of("AIRS_TRIP_TABLE", "trips-table"), null, tables, new MutableClock(T0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AIRS_TRIP_TABLE");
    }

    @Test
    void flagSettingsHaveDefaults() {
        assertThat(AppConfigurationFlagSourceConfig.fromSettings(Map.of()))
                .isEqualTo(new AppConfigurationFlagSourceConfig(null, Duration.ofSeconds(30)));
        assertThat(AppConfigurationFlagSourceConfig.fromSettings(
                        Map.of("AIRS_APPCONFIG_LABEL", " ", "AIRS_FLAG_CACHE_SECONDS", "0")))
                .isEqualTo(new AppConfigurationFlagSourceConfig(null, Duration.ZERO));
        assertThat(AppConfigurationFlagSourceConfig.fromSettings(Map.of("AIRS_APPCONFIG_LABEL", "prod"))
                        .labelFilter())
                .isEqualTo("prod");
        assertThat(AppConfigurationFlagSourceConfig.defaults().labelFilter()).isEqualTo("\0");
        assertThatThrownBy(() -> AppConfigurationFlagSourceConfig.fromSettings(Map.of("AIRS_FLAG_CACHE_SECONDS", "-1")))
                .hasMessageContaining("AIRS_FLAG_CACHE_SECONDS");
        assertThat(TableTripStoreConfig.fromSettings(Map.of())).isEqualTo(new TableTripStoreConfig("airstrips", 5));
        assertThatThrownBy(() -> TableTripStoreConfig.table("ab")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TableTripStoreConfig.table("1trips")).isInstanceOf(IllegalArgumentException.class);
    }
}

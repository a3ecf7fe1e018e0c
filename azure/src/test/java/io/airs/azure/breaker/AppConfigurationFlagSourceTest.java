package io.airs.azure.breaker;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.airs.azure.testing.AppConfigurationStub.FEATURE_FLAG_CONTENT_TYPE;
import static io.airs.azure.testing.AppConfigurationStub.KV_SET;
import static io.airs.azure.testing.AppConfigurationStub.featureFlag;
import static io.airs.azure.testing.AppConfigurationStub.keyValue;
import static io.airs.azure.testing.AppConfigurationStub.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.data.appconfiguration.ConfigurationClient;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.airs.azure.testing.AppConfigurationStub;
import io.airs.azure.testing.LoopbackTls;
import io.airs.core.breaker.CachedFlagSource;
import io.airs.core.breaker.Flag;
import io.airs.core.breaker.FlagSnapshot;
import io.airs.core.breaker.Scope;
import io.airs.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** App Configuration's REST API, on WireMock over HTTPS, read as kill switches. */
class AppConfigurationFlagSourceTest {

    static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    static final String MODIFIED = "2025-03-01T09:30:00+00:00";
    static final String KEY_FILTER = ".appconfig.featureflag/kill-*";
    static final AppConfigurationFlagSourceConfig PROD =
            AppConfigurationFlagSourceConfig.defaults().withLabel("prod");

    AppConfigurationStub store;
    ConfigurationClient client;
    MutableClock clock;

    @BeforeEach
    void start() {
        store = AppConfigurationStub.start();
        client = store.client();
        clock = new MutableClock(T0);
    }

    @AfterEach
    void stop() {
        store.close();
    }

    /** The listing of the kill switches with label {@code prod}. */
    static MappingBuilder listing() {
        return get(urlPathEqualTo("/kv"))
                .withQueryParam("key", equalTo(KEY_FILTER))
                .withQueryParam("label", equalTo("prod"))
                .withQueryParam("api-version", equalTo(AppConfigurationStub.API_VERSION));
    }

    static ResponseDefinitionBuilder ok(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", KV_SET)
                .withHeader("Sync-Token", "zAJw6V16=NDo5IzEyMzQ1;sn=12345")
                .withBody(body);
    }

    static final String FLAGS = page(
            null,
            featureFlag("kill-global", false, "", "prod", MODIFIED),
            featureFlag("kill-endpoint-chat", true, "incident 42: prompt leak", "prod", MODIFIED),
            featureFlag("kill-agent-ops-bot", true, null, "prod", "2025-03-01T09:45:00+00:00"),
            featureFlag("kill-tool-read_file", true, "CVE under review", "prod", MODIFIED));

    AppConfigurationFlagSource source() {
        return new AppConfigurationFlagSource(client, PROD, clock);
    }

    @Test
    void readsOneKillSwitchPerScopeWithItsDescriptionAndModificationTime() {
        store.wire().stubFor(listing().willReturn(ok(FLAGS)));

        FlagSnapshot flags = source().read();

        assertThat(flags.flags())
                .containsOnlyKeys(
                        Scope.global(), Scope.endpoint("chat"), Scope.agent("ops-bot"), Scope.tool("read_file"));
        assertThat(flags.flags().get(Scope.endpoint("chat")))
                .isEqualTo(new Flag(true, "incident 42: prompt leak", Instant.parse("2025-03-01T09:30:00Z")));
        assertThat(flags.flags().get(Scope.agent("ops-bot")))
                .isEqualTo(new Flag(true, "", Instant.parse("2025-03-01T09:45:00Z")));
        assertThat(flags.flags().get(Scope.tool("read_file")).reason()).isEqualTo("CVE under review");
    }

    @Test
    void aDisabledFlagIsAClosedSwitch() {
        store.wire().stubFor(listing().willReturn(ok(FLAGS)));

        FlagSnapshot flags = source().read();

        assertThat(flags.flag(Scope.global())).get().extracting(Flag::open).isEqualTo(false);
        assertThat(flags.isOpen(Scope.global())).isFalse();
    }

    @Test
    void listsTheKillSwitchFlagsOfTheLabelWithTheBearerToken() {
        store.wire().stubFor(listing().willReturn(ok(FLAGS)));

        source().read();

        store.wire()
                .verify(
                        1,
                        getRequestedFor(urlPathEqualTo("/kv"))
                                .withQueryParam("key", equalTo(KEY_FILTER))
                                .withQueryParam("label", equalTo("prod"))
                                .withQueryParam("api-version", equalTo("2023-11-01"))
                                .withHeader("Authorization", equalTo("Bearer " + LoopbackTls.TOKEN))
                                .withHeader("If-None-Match", absent()));
    }

    @Test
    void withoutALabelListsTheFlagsThatHaveNone() {
        store.wire()
                .stubFor(get(urlPathEqualTo("/kv"))
                        .withQueryParam("key", equalTo(KEY_FILTER))
                        .withQueryParam("label", equalTo("\0"))
                        .willReturn(ok(page(null, featureFlag("kill-global", true, "all stop", null, MODIFIED)))));

        FlagSnapshot flags =
                new AppConfigurationFlagSource(client, AppConfigurationFlagSourceConfig.defaults(), clock).read();

        assertThat(flags.isOpen(Scope.global())).isTrue();
    }

    @Test
    void aLabelWithFilterCharactersIsMatchedExactly() {
        assertThat(PROD.withLabel("a*b,c\\d").labelFilter()).isEqualTo("a\\*b\\,c\\\\d");
    }

    @Test
    void ignoresFeatureFlagsThatAreNotKillSwitches() {
        store.wire()
                .stubFor(listing()
                        .willReturn(ok(page(
                                null,
                                featureFlag("new-checkout-flow", true, "", "prod", MODIFIED),
                                featureFlag("kill-endpoint-chat", true, "", "prod", MODIFIED),
                                keyValue("app/color", "prod", null, "blue", MODIFIED)))));

        assertThat(source().read().flags()).containsOnlyKeys(Scope.endpoint("chat"));
    }

    @Test
    void followsThePagesOfTheListing() {
        String next =
                "/kv?key=.appconfig.featureflag%2Fkill-%2A&label=prod&api-version=2023-11-01&after=a2lsbC1nbG9iYWw=";
        store.wire()
                .stubFor(listing()
                        .withQueryParam("after", absent())
                        .willReturn(ok(page(next, featureFlag("kill-global", true, "", "prod", MODIFIED)))
                                .withHeader("Link", "<" + next + ">; rel=\"next\"")));
        store.wire()
                .stubFor(listing()
                        .withQueryParam("after", equalTo("a2lsbC1nbG9iYWw="))
                        .willReturn(ok(page(null, featureFlag("kill-tool-upload", true, "", "prod", MODIFIED)))));

        FlagSnapshot flags = source().read();

        assertThat(flags.flags()).containsOnlyKeys(Scope.global(), Scope.tool("upload"));
        store.wire().verify(2, getRequestedFor(urlPathEqualTo("/kv")));
    }

    @Test
    void anUnchangedListingIsAnsweredNotModifiedAndKeepsTheFlags() {
        store.wire()
                .stubFor(listing()
                        .withHeader("If-None-Match", absent())
                        .willReturn(ok(FLAGS).withHeader("ETag", "\"page-1-v1\"")));
        store.wire()
                .stubFor(listing()
                        .withHeader("If-None-Match", equalTo("\"page-1-v1\""))
                        .willReturn(aResponse().withStatus(304).withHeader("ETag", "\"page-1-v1\"")));
        AppConfigurationFlagSource source = source();

        FlagSnapshot first = source.read();
        FlagSnapshot second = source.read();

        assertThat(second).isEqualTo(first);
        assertThat(second.isOpen(Scope.endpoint("chat"))).isTrue();
        store.wire()
                .verify(
                        1,
                        getRequestedFor(urlPathEqualTo("/kv")).withHeader("If-None-Match", equalTo("\"page-1-v1\"")));
    }

    @Test
    void aChangedListingReplacesTheFlags() {
        store.wire()
                .stubFor(listing()
                        .withHeader("If-None-Match", absent())
                        .willReturn(ok(FLAGS).withHeader("ETag", "\"v1\"")));
        store.wire()
                .stubFor(listing()
                        .withHeader("If-None-Match", equalTo("\"v1\""))
                        .willReturn(ok(page(null, featureFlag("kill-endpoint-chat", false, "fixed", "prod", MODIFIED)))
                                .withHeader("ETag", "\"v2\"")));
        AppConfigurationFlagSource source = source();

        source.read();
        FlagSnapshot next = source.read();

        assertThat(next.flags()).containsOnlyKeys(Scope.endpoint("chat"));
        assertThat(next.flags().get(Scope.endpoint("chat")).reason()).isEqualTo("fixed");
        assertThat(next.isOpen(Scope.endpoint("chat"))).isFalse();
    }

    @Test
    void aFlippedSwitchIsSeenOnceTheCacheTtlHasPassed() {
        store.wire()
                .stubFor(listing()
                        .willReturn(ok(page(null, featureFlag("kill-endpoint-chat", false, "", "prod", MODIFIED)))));
        CachedFlagSource cached =
                AppConfigurationFlagSource.cached(client, PROD.withCacheTtl(Duration.ofSeconds(30)), clock);
        assertThat(cached.read().isOpen(Scope.endpoint("chat"))).isFalse();

        store.wire()
                .stubFor(listing()
                        .willReturn(ok(page(null, featureFlag("kill-endpoint-chat", true, "leak", "prod", MODIFIED)))));
        clock.advance(Duration.ofSeconds(29));
        assertThat(cached.read().isOpen(Scope.endpoint("chat"))).isFalse();
        store.wire().verify(1, getRequestedFor(urlPathEqualTo("/kv")));

        clock.advance(Duration.ofSeconds(1));
        assertThat(cached.read().isOpen(Scope.endpoint("chat"))).isTrue();
        store.wire().verify(2, getRequestedFor(urlPathEqualTo("/kv")));
    }

    @Test
    void aServerErrorKeepsTheLastKnownGoodFlagsAndIsReported() {
        store.wire().stubFor(listing().willReturn(ok(FLAGS)));
        CachedFlagSource cached = AppConfigurationFlagSource.cached(client, PROD.withCacheTtl(Duration.ZERO), clock);
        assertThat(cached.read().isOpen(Scope.endpoint("chat"))).isTrue();

        store.wire()
                .stubFor(
                        listing()
                                .willReturn(
                                        aResponse()
                                                .withStatus(500)
                                                .withHeader("Content-Type", "application/problem+json; charset=utf-8")
                                                .withBody(
                                                        "{\"type\":\"https://azconfig.io/errors/internal\",\"title\":\"Internal Server Error\",\"status\":500}")));
        clock.advance(Duration.ofSeconds(1));

        assertThat(cached.read().isOpen(Scope.endpoint("chat"))).isTrue();
        assertThat(cached.lastError()).get().asString().contains("500");
    }

    @Test
    void anUnreachableStoreKeepsTheLastKnownGoodFlagsAndIsReported() {
        store.wire().stubFor(listing().willReturn(ok(FLAGS)));
        CachedFlagSource cached = AppConfigurationFlagSource.cached(client, PROD.withCacheTtl(Duration.ZERO), clock);
        assertThat(cached.read().isOpen(Scope.endpoint("chat"))).isTrue();

        store.wire().stubFor(listing().willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        clock.advance(Duration.ofSeconds(1));

        assertThat(cached.read().isOpen(Scope.endpoint("chat"))).isTrue();
        assertThat(cached.lastError()).isPresent();

        store.wire().stubFor(listing().willReturn(ok(page(null))));
        clock.advance(Duration.ofSeconds(1));
        assertThat(cached.read().flags()).isEmpty();
        assertThat(cached.lastError()).isEmpty();
    }

    @Test
    void aMalformedKillSwitchRejectsTheReadAndTheLastGoodFlagsStay() {
        store.wire().stubFor(listing().willReturn(ok(FLAGS)));
        CachedFlagSource cached = AppConfigurationFlagSource.cached(client, PROD.withCacheTtl(Duration.ZERO), clock);
        cached.read();

        store.wire()
                .stubFor(listing()
                        .willReturn(ok(page(
                                null,
                                featureFlag("kill-global", true, "", "prod", MODIFIED),
                                featureFlag("kill-region-eu", true, "", "prod", MODIFIED)))));
        clock.advance(Duration.ofSeconds(1));
        FlagSnapshot kept = cached.read();

        assertThat(kept.isOpen(Scope.endpoint("chat"))).isTrue();
        assertThat(kept.isOpen(Scope.global())).isFalse();
        assertThat(cached.lastError())
                .get()
                .asString()
                .contains("kill-region-eu")
                .contains("unknown scope kind");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not json",
                "{\"id\": \"kill-global\", \"enabled\": \"yes\"}",
                "{\"id\": \"kill-endpoint-chat\", \"enabled\": true}",
                "{\"enabled\": true}"
            })
    void rejectsAKillSwitchWhoseValueIsNotItsFeatureFlag(String value) {
        store.wire()
                .stubFor(listing()
                        .willReturn(ok(page(
                                null,
                                keyValue(
                                        ".appconfig.featureflag/kill-global",
                                        "prod",
                                        FEATURE_FLAG_CONTENT_TYPE,
                                        value,
                                        MODIFIED)))));

        assertThatThrownBy(source()::read).isInstanceOf(RuntimeException.class);
    }

    @Test
    void rejectsAKillSwitchThatIsNotAFeatureFlag() {
        store.wire()
                .stubFor(listing()
                        .willReturn(ok(page(
                                null,
                                keyValue(
                                        ".appconfig.featureflag/kill-global",
                                        "prod",
                                        "text/plain",
                                        "{\"id\":\"kill-global\",\"enabled\":true}",
                                        MODIFIED)))));

        assertThatThrownBy(source()::read)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a feature flag");
    }

    @ParameterizedTest
    @CsvSource({
        "kill-global, global",
        "kill-endpoint-chat, endpoint:chat",
        "kill-agent-ops-bot, agent:ops-bot",
        "kill-tool-read_file, tool:read_file",
        "kill-endpoint-bedrock-converse, endpoint:bedrock-converse",
        "kill-tool-fs.write, tool:fs.write"
    })
    void mapsFlagNamesToScopes(String id, String scope) {
        assertThat(AppConfigurationFlagSource.scopeOf(id)).isEqualTo(Scope.parse(scope));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "kill-",
                "kill-agent",
                "kill-agent-",
                "kill-region-eu",
                "kill-globalx",
                "kill-global-chat",
                "kill-Endpoint-chat",
                "kill-tool-a b"
            })
    void rejectsKillSwitchNamesThatNameNoScope(String id) {
        assertThatThrownBy(() -> AppConfigurationFlagSource.scopeOf(id))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(id);
    }
}

package io.airs.aws.breaker;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.airs.core.breaker.CachedFlagSource;
import io.airs.core.breaker.Flag;
import io.airs.core.breaker.FlagSnapshot;
import io.airs.core.breaker.Scope;
import io.airs.testkit.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.appconfigdata.AppConfigDataClient;
import software.amazon.awssdk.services.appconfigdata.model.BadRequestException;

/** AppConfigData spoken over its real REST wire format, on WireMock. */
class AppConfigFlagSourceTest {

    static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    /** What AppConfig returns for a feature-flag profile: flag key to its value and attributes. */
    static final String FLAGS = """
            {
              "kill_global": {"enabled": false},
              "kill_endpoint_chat": {"enabled": true, "reason": "incident 42: prompt leak"},
              "kill_agent_ops-bot": {"enabled": true},
              "kill_tool_read_file": {"enabled": true, "reason": "CVE under review"},
              "new_checkout_flow": {"enabled": true, "rollout": 20}
            }
            """;

    WireMockServer wire;
    AppConfigDataClient client;
    MutableClock clock;
    AppConfigFlagSource source;

    @BeforeEach
    void start() {
        wire = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wire.start();
        client = AppConfigDataClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + wire.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        clock = new MutableClock(T0);
        source = new AppConfigFlagSource(client, AppConfigFlagSourceConfig.of("airs", "prod", "kill-switches"), clock);
    }

    @AfterEach
    void stop() {
        client.close();
        wire.stop();
    }

    void session(String initialToken) {
        wire.stubFor(post(urlPathEqualTo("/configurationsessions"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"InitialConfigurationToken\":\"" + initialToken + "\"}")));
    }

    void configuration(String token, String next, int interval, String body) {
        wire.stubFor(get(urlPathEqualTo("/configuration"))
                .withQueryParam("configuration_token", equalTo(token))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Next-Poll-Configuration-Token", next)
                        .withHeader("Next-Poll-Interval-In-Seconds", Integer.toString(interval))
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
    }

    @Test
    void readsOneKillSwitchPerScopeWithItsReason() {
        session("t0");
        configuration("t0", "t1", 30, FLAGS);

        FlagSnapshot flags = source.read();

        assertThat(flags.flags())
                .containsOnlyKeys(
                        Scope.global(), Scope.endpoint("chat"), Scope.agent("ops-bot"), Scope.tool("read_file"));
        assertThat(flags.isOpen(Scope.global())).isFalse();
        assertThat(flags.flags().get(Scope.endpoint("chat"))).isEqualTo(new Flag(true, "incident 42: prompt leak", T0));
        assertThat(flags.isOpen(Scope.agent("ops-bot"))).isTrue();
        assertThat(flags.flags().get(Scope.tool("read_file")).reason()).isEqualTo("CVE under review");
    }

    @Test
    void startsOneSessionWithTheProfileAndMinimumPollInterval() {
        session("t0");
        configuration("t0", "t1", 15, FLAGS);
        configuration("t1", "t2", 15, "");

        source.read();
        clock.advance(Duration.ofSeconds(15));
        source.read();

        wire.verify(
                1, postRequestedFor(urlPathEqualTo("/configurationsessions")).withRequestBody(equalToJson("""
                        {"ApplicationIdentifier": "airs", "EnvironmentIdentifier": "prod",
                         "ConfigurationProfileIdentifier": "kill-switches",
                         "RequiredMinimumPollIntervalInSeconds": 15}
                        """)));
        wire.verify(
                1,
                getRequestedFor(urlPathEqualTo("/configuration")).withQueryParam("configuration_token", equalTo("t0")));
        wire.verify(
                1,
                getRequestedFor(urlPathEqualTo("/configuration")).withQueryParam("configuration_token", equalTo("t1")));
    }

    @Test
    void servesTheLastFlagsWithoutACallUntilThePollIntervalHasPassed() {
        session("t0");
        configuration("t0", "t1", 30, FLAGS);
        configuration("t1", "t2", 30, "");

        source.read();
        clock.advance(Duration.ofSeconds(29));
        FlagSnapshot early = source.read();

        assertThat(early.isOpen(Scope.endpoint("chat"))).isTrue();
        wire.verify(1, getRequestedFor(urlPathEqualTo("/configuration")));

        clock.advance(Duration.ofSeconds(1));
        source.read();
        wire.verify(2, getRequestedFor(urlPathEqualTo("/configuration")));
    }

    @Test
    void anEmptyConfigurationMeansUnchanged() {
        session("t0");
        configuration("t0", "t1", 15, FLAGS);
        configuration("t1", "t2", 15, "");

        FlagSnapshot first = source.read();
        clock.advance(Duration.ofSeconds(15));

        assertThat(source.read()).isEqualTo(first);
    }

    @Test
    void aNewConfigurationReplacesTheFlags() {
        session("t0");
        configuration("t0", "t1", 15, FLAGS);
        configuration("t1", "t2", 15, "{\"kill_endpoint_chat\": {\"enabled\": false, \"reason\": \"fixed\"}}");

        source.read();
        clock.advance(Duration.ofSeconds(15));
        FlagSnapshot next = source.read();

        assertThat(next.flags()).containsOnlyKeys(Scope.endpoint("chat"));
        assertThat(next.flags().get(Scope.endpoint("chat"))).isEqualTo(new Flag(false, "fixed", T0.plusSeconds(15)));
    }

    @Test
    void aRejectedTokenStartsANewSessionOnTheNextRead() {
        session("t0");
        configuration("t0", "t1", 15, FLAGS);
        wire.stubFor(get(urlPathEqualTo("/configuration"))
                .withQueryParam("configuration_token", equalTo("t1"))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("x-amzn-ErrorType", "BadRequestException")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"Message\":\"Token expired\",\"Reason\":\"InvalidParameters\"}")));

        source.read();
        clock.advance(Duration.ofSeconds(15));
        assertThatThrownBy(source::read).isInstanceOf(BadRequestException.class);

        FlagSnapshot again = source.read();

        assertThat(again.isOpen(Scope.endpoint("chat"))).isTrue();
        wire.verify(2, postRequestedFor(urlPathEqualTo("/configurationsessions")));
    }

    @Test
    void cachedSourceKeepsTheLastKnownGoodFlagsWhenAppConfigIsUnreachable() {
        session("t0");
        configuration("t0", "t1", 15, FLAGS);
        CachedFlagSource cached = AppConfigFlagSource.cached(
                client, AppConfigFlagSourceConfig.of("airs", "prod", "kill-switches"), clock);

        assertThat(cached.read().isOpen(Scope.endpoint("chat"))).isTrue();
        wire.stop();
        clock.advance(Duration.ofSeconds(20));

        assertThat(cached.read().isOpen(Scope.endpoint("chat"))).isTrue();
        assertThat(cached.lastError()).isPresent();
    }

    @Test
    void aMalformedKillSwitchRejectsTheConfigurationAndRefetchesItWhole() {
        session("t0");
        configuration("t0", "t1", 15, FLAGS);
        configuration("t1", "t2", 15, "{\"kill_region_eu\": {\"enabled\": true}}");
        CachedFlagSource cached = new CachedFlagSource(source, Duration.ZERO, clock);

        cached.read();
        clock.advance(Duration.ofSeconds(15));
        FlagSnapshot kept = cached.read();

        assertThat(kept.isOpen(Scope.endpoint("chat"))).isTrue();
        assertThat(cached.lastError()).get().asString().contains("unknown scope kind");
        cached.read();
        wire.verify(2, postRequestedFor(urlPathEqualTo("/configurationsessions")));
        wire.verify(
                2,
                getRequestedFor(urlPathEqualTo("/configuration")).withQueryParam("configuration_token", equalTo("t0")));
    }

    @Test
    void refusesAProfileThatIsNotJson() {
        session("t0");
        wire.stubFor(get(urlPathEqualTo("/configuration"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Next-Poll-Configuration-Token", "t1")
                        .withHeader("Next-Poll-Interval-In-Seconds", "15")
                        .withHeader("Content-Type", "application/x-yaml")
                        .withBody("kill_global: true")));

        assertThatThrownBy(source::read)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("JSON");
    }

    @ParameterizedTest
    @CsvSource({
        "kill_global, global",
        "kill_endpoint_chat, endpoint:chat",
        "kill_agent_ops-bot, agent:ops-bot",
        "kill_tool_read_file, tool:read_file",
        "kill_endpoint_bedrock-converse, endpoint:bedrock-converse"
    })
    void mapsFlagKeysToScopes(String key, String scope) {
        assertThat(AppConfigFlagSource.scopeOf(key)).isEqualTo(Scope.parse(scope));
    }

    @ParameterizedTest
    @ValueSource(strings = {"kill_", "kill_agent", "kill_agent_", "kill_region_eu", "kill_globalx"})
    void rejectsKillKeysThatNameNoScope(String key) {
        assertThatThrownBy(() -> AppConfigFlagSource.scopeOf(key)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "[]",
                "{\"kill_global\": {\"reason\": \"x\"}}",
                "{\"kill_global\": {\"enabled\": \"yes\"}}",
                "not json"
            })
    void rejectsMalformedFlagData(String body) {
        assertThatThrownBy(() -> AppConfigFlagSource.parse(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), T0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

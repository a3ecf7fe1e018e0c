package io.airs.azure.runtime;

import com.azure.core.credential.TokenCredential;
import com.azure.data.appconfiguration.ConfigurationClient;
import io.airs.azure.AzureSettings;
import io.airs.azure.breaker.AzureBreakers;
import io.airs.azure.config.AppConfigurationPolicySource;
import io.airs.azure.config.AzureClients;
import io.airs.azure.contentsafety.PromptShieldsScreen;
import io.airs.azure.judge.QueueJudgeSubmitter;
import io.airs.azure.openai.AzureOpenAiUpstream;
import io.airs.azure.openai.ManagedIdentityTokens;
import io.airs.azure.oversight.TableQueueEscalationConfig;
import io.airs.azure.oversight.TableQueueEscalationStore;
import io.airs.azure.storage.StorageConnection;
import io.airs.core.Action;
import io.airs.core.evidence.EvidenceSink;
import io.airs.core.evidence.LogEvidenceSink;
import io.airs.core.gateway.LayerConfigs;
import io.airs.core.judge.LlmJudgeConfig;
import io.airs.core.judge.OpenAiCompatibleJudge;
import io.airs.core.oversight.OversightConfig;
import io.airs.core.policy.Policy;
import io.airs.core.policy.PolicyLoader;
import io.airs.core.wire.WireCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Builds the function app's {@link AzureRuntime} from its application settings ({@link
 * AzureSettings}): the policy (App Configuration, {@code AIRS_POLICY} or the packaged default), Azure
 * OpenAI with the managed identity, the optional LLM judge and Prompt Shields, the App Configuration
 * kill switches and the trips shared in Table storage. Every setting is validated here, at start-up,
 * with a message naming it.
 *
 * <pre>{@code
 * AzureRuntime rt = AzureEnvironment.fromEnvironment(System.getenv()).runtime();
 * }</pre>
 */
public final class AzureEnvironment {

    private final Map<String, String> env;
    private final HttpClient http;
    private final TokenCredential credential;
    private final Clock clock;
    private final Optional<ConfigurationClient> appConfiguration;
    private final Optional<TableQueueEscalationConfig> storage;
    private final Policy policy;

    /**
     * @param env the application settings
     * @param http the HTTP client for Azure OpenAI and Content Safety
     * @param sdkHttp the HTTP client of the App Configuration client (the storage clients of {@link
     *     StorageConnection} use their own JDK client)
     * @param credential the app's identity
     */
    public AzureEnvironment(
            Map<String, String> env,
            HttpClient http,
            com.azure.core.http.HttpClient sdkHttp,
            TokenCredential credential,
            Clock clock) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.http = Objects.requireNonNull(http, "http");
        this.credential = Objects.requireNonNull(credential, "credential");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.appConfiguration =
                AzureClients.appConfiguration(this.env, credential, Objects.requireNonNull(sdkHttp, "sdkHttp"));
        this.storage = StorageConnection.isConfigured(this.env)
                ? Optional.of(TableQueueEscalationConfig.fromEnvironment(this.env))
                : Optional.empty();
        this.policy = appConfiguration
                .flatMap(c -> AppConfigurationPolicySource.fromSettings(this.env, c))
                .orElseGet(() -> policy(this.env));
    }

    /** The production composition: the JDK HTTP clients and the function app's managed identity. */
    public static AzureEnvironment fromEnvironment(Map<String, String> env) {
        return new AzureEnvironment(
                env,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
                AzureClients.httpClient(),
                AzureClients.managedIdentity(env),
                Clock.systemUTC());
    }

    /** The policy: {@code AIRS_POLICY} (inline YAML or JSON), else the packaged default. */
    static Policy policy(Map<String, String> env) {
        String inline = env.get(AzureSettings.POLICY);
        if (inline == null || inline.isBlank()) {
            return PolicyLoader.defaultPolicy();
        }
        return new PolicyLoader().parse(inline, AzureSettings.POLICY);
    }

    public Policy policy() {
        return policy;
    }

    /** The runtime these settings describe. */
    public AzureRuntime runtime() {
        WireCodec codec = new WireCodec();
        Supplier<String> tokens = new ManagedIdentityTokens(credential, ManagedIdentityTokens.COGNITIVE_SERVICES);
        AzureRuntime.Builder b = AzureRuntime.builder(policy).clock(clock);
        AzureBreakers breakers = AzureBreakers.fromSettings(
                env,
                appConfiguration.orElse(null),
                storage.map(s -> s.connection().tableServiceClient()).orElse(null),
                clock);
        breakers.flags().ifPresent(b::flags);
        EvidenceSink evidence = new LogEvidenceSink(System.out::println);
        b.evidence(breakers.publishTrips(evidence, LayerConfigs.breakers(policy).openDuration()));
        storage.ifPresent(s -> {
            OversightConfig oversight = LayerConfigs.oversight(policy);
            oversight = oversight.withShowRawContent(
                    TableQueueEscalationConfig.showRawContent(env, oversight.showRawContent()));
            b.outbox(
                    new TableQueueEscalationStore(
                            s.connection().tableServiceClient(), s.connection().queueServiceClient(), s, oversight),
                    s);
        });
        String openAiSetting = env.get(AzureSettings.OPENAI_ENDPOINT);
        URI openAi = openAiSetting == null || openAiSetting.isBlank()
                ? null
                : AzureClients.httpsUrl(AzureSettings.OPENAI_ENDPOINT, openAiSetting, "https://NAME.openai.azure.com");
        if (openAi != null) {
            b.upstream(new AzureOpenAiUpstream(
                    http,
                    openAi,
                    tokens,
                    Duration.ofMillis(
                            positive(AzureSettings.OPENAI_TIMEOUT_MS, AzureSettings.DEFAULT_OPENAI_TIMEOUT_MS)),
                    codec.mapper()));
        }
        String judgeDeployment = env.get(AzureSettings.JUDGE_DEPLOYMENT);
        if (judgeDeployment != null && !judgeDeployment.isBlank()) {
            if (openAi == null) {
                throw new IllegalArgumentException(
                        AzureSettings.JUDGE_DEPLOYMENT + " needs " + AzureSettings.OPENAI_ENDPOINT);
            }
            b.judge(judge(openAi, judgeDeployment, tokens));
            storage.ifPresent(s -> b.asyncJudge(new QueueJudgeSubmitter(
                    s.connection()
                            .queueServiceClient()
                            .getQueueClient(
                                    env.getOrDefault(AzureSettings.JUDGE_QUEUE, AzureSettings.DEFAULT_JUDGE_QUEUE)),
                    codec.mapper(),
                    Duration.ofSeconds(2))));
        }
        String shields = env.get(AzureSettings.CONTENT_SAFETY_ENDPOINT);
        if (shields != null && !shields.isBlank()) {
            b.screen(
                    new PromptShieldsScreen(
                            http,
                            AzureClients.httpsUrl(
                                    AzureSettings.CONTENT_SAFETY_ENDPOINT,
                                    shields,
                                    "https://NAME.cognitiveservices.azure.com"),
                            tokens,
                            Duration.ofSeconds(5),
                            codec.mapper()),
                    action(env.getOrDefault(AzureSettings.PROMPT_SHIELDS_ACTION, "block")));
        }
        return b.build();
    }

    /** The LLM judge on an Azure OpenAI deployment, with the policy's timeouts and retries. */
    private OpenAiCompatibleJudge judge(URI endpoint, String deployment, Supplier<String> tokens) {
        try {
            AzureOpenAiUpstream.route(deployment, "2024-10-21");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(AzureSettings.JUDGE_DEPLOYMENT + ": " + e.getMessage());
        }
        String version = env.getOrDefault(AzureSettings.JUDGE_API_VERSION, AzureSettings.DEFAULT_OPENAI_API_VERSION);
        LlmJudgeConfig base = LayerConfigs.llmJudge(policy, env::get).orElse(LlmJudgeConfig.defaults());
        LlmJudgeConfig c = base.withEndpoint(endpoint.resolve("/openai/deployments/" + deployment), deployment)
                .withAuth(LlmJudgeConfig.AuthScheme.NONE, "")
                .withQueryParameters(Map.of("api-version", version));
        return OpenAiCompatibleJudge.builder(c)
                .httpClient(http)
                .bearerTokens(tokens)
                .clock(clock)
                .build();
    }

    private static Action action(String v) {
        try {
            Action a = Action.valueOf(v.strip().toUpperCase(Locale.ROOT));
            if (a == Action.REDACT) {
                throw new IllegalArgumentException();
            }
            return a;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    AzureSettings.PROMPT_SHIELDS_ACTION + " must be block, escalate or allow, was " + v);
        }
    }

    private long positive(String setting, long dflt) {
        String v = env.get(setting);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            long n = Long.parseLong(v.strip());
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(setting + " must be a positive whole number, was " + v);
        }
    }
}

package io.airs.aws.lambda;

import io.airs.aws.bedrock.BedrockGuardrailScreen;
import io.airs.aws.bedrock.BedrockHookConfig;
import io.airs.aws.breaker.AppConfigFlagSource;
import io.airs.aws.breaker.AppConfigFlagSourceConfig;
import io.airs.aws.breaker.DynamoTripStore;
import io.airs.aws.breaker.EmfGatewayListener;
import io.airs.aws.breaker.EmfMetrics;
import io.airs.aws.breaker.EmfMetricsConfig;
import io.airs.aws.breaker.TripStoreConfig;
import io.airs.aws.judge.BedrockJudge;
import io.airs.aws.judge.SqsJudgeSubmitter;
import io.airs.aws.oversight.DynamoSqsEscalationConfig;
import io.airs.aws.oversight.DynamoSqsEscalationStore;
import io.airs.core.Action;
import io.airs.core.breaker.CachedFlagSource;
import io.airs.core.breaker.CompositeFlagSource;
import io.airs.core.breaker.FlagSnapshot;
import io.airs.core.breaker.FlagSource;
import io.airs.core.breaker.TripPublishingEvidenceSink;
import io.airs.core.evidence.EvidenceSink;
import io.airs.core.evidence.LogEvidenceSink;
import io.airs.core.gateway.ExternalScreen;
import io.airs.core.gateway.Gateway;
import io.airs.core.gateway.LayerConfigs;
import io.airs.core.judge.AsyncJudgeSubmitter;
import io.airs.core.judge.Judge;
import io.airs.core.oversight.EscalationStore;
import io.airs.core.oversight.InMemoryEscalationStore;
import io.airs.core.policy.Policy;
import io.airs.core.policy.PolicyLoader;
import io.airs.core.wire.WireCodec;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.appconfigdata.AppConfigDataClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The composition root of one Lambda container: the policy, the {@link Gateway} with its evidence
 * sink, escalation store and kill switches, the Bedrock Runtime client and the hook's settings.
 * Built once per container (the handlers hold it in a lazy holder); tests build their own with
 * {@link #builder(Policy)} or the constructor.
 *
 * <p>From the environment ({@link #fromEnvironment(Map)}): {@code AIRS_POLICY} is the policy as
 * inline YAML or JSON (absent: the packaged default policy); evidence goes to stdout as JSON lines;
 * the escalation store and flags are in-memory until the DynamoDB/SQS store and the AppConfig flags
 * are passed to the {@link Builder}.
 *
 * <pre>{@code
 * AwsRuntime rt = AwsRuntime.builder(policy).escalations(store).flags(appConfigFlags).bedrock(client).build();
 * }</pre>
 */
public final class AwsRuntime implements AutoCloseable {

    /** The environment variable holding the inline policy. */
    public static final String POLICY_VARIABLE = "AIRS_POLICY";

    private final Gateway gateway;
    private volatile EmfGatewayListener metrics;
    private final BedrockRuntimeClient bedrock;
    private final BedrockHookConfig hook;
    private final WireCodec codec;
    private final Clock clock;

    /**
     * A runtime over parts built elsewhere (tests, or another composition).
     *
     * @param gateway the layers around one request
     * @param bedrock the Bedrock Runtime client the Converse route calls
     * @param hook the hook's settings
     * @param codec the native wire codec
     * @param clock the clock that paces periodic work
     */
    public AwsRuntime(
            Gateway gateway, BedrockRuntimeClient bedrock, BedrockHookConfig hook, WireCodec codec, Clock clock) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.bedrock = Objects.requireNonNull(bedrock, "bedrock");
        this.hook = Objects.requireNonNull(hook, "hook");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Builds the container's runtime from its environment variables (documented in {@code
     * aws/README.md}).
     *
     * @throws io.airs.core.policy.PolicyException when {@code AIRS_POLICY} is not a valid policy
     * @throws IllegalArgumentException when a setting is malformed; Lambda reports either as an
     *     init error
     */
    public static AwsRuntime fromEnvironment(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        BedrockHookConfig hook = BedrockHookConfig.fromEnvironment(env);
        AwsCredentialsProvider credentials = credentials(env);
        Region region = Region.of(hook.region());
        Clock clock = Clock.systemUTC();
        String app = env.get("AIRS_APPCONFIG_APPLICATION");
        String stage = env.get("AIRS_APPCONFIG_ENVIRONMENT");
        AppConfigDataClient appConfig = app == null || stage == null
                ? null
                : endpoint(env, "AIRS_APPCONFIGDATA_ENDPOINT", AppConfigDataClient.builder())
                        .region(region)
                        .credentialsProvider(credentials)
                        .httpClient(UrlConnectionHttpClient.create())
                        .build();
        Policy policy = policy(env, appConfig);
        BedrockRuntimeClient bedrock = bedrockClient(hook, credentials);
        Builder b = builder(policy).hook(hook).bedrock(bedrock).clock(clock);

        EvidenceSink evidence = new LogEvidenceSink(System.out::println);
        List<FlagSource> flags = new ArrayList<>();
        if (appConfig != null && env.get("AIRS_APPCONFIG_FLAGS_PROFILE") != null) {
            flags.add(AppConfigFlagSource.cached(
                    appConfig,
                    AppConfigFlagSourceConfig.of(app, stage, env.get("AIRS_APPCONFIG_FLAGS_PROFILE")),
                    clock));
        }
        DynamoDbClient dynamo = null;
        if (env.get("AIRS_TRIP_TABLE") != null || env.get("AIRS_ESCALATION_TABLE") != null) {
            dynamo = endpoint(env, "AIRS_DYNAMODB_ENDPOINT", DynamoDbClient.builder())
                    .region(region)
                    .credentialsProvider(credentials)
                    .httpClient(UrlConnectionHttpClient.create())
                    .build();
        }
        if (env.get("AIRS_TRIP_TABLE") != null) {
            // Automatic trips are shared with every other instance through the trip table.
            DynamoTripStore trips =
                    new DynamoTripStore(dynamo, TripStoreConfig.table(env.get("AIRS_TRIP_TABLE")), clock);
            evidence = new TripPublishingEvidenceSink(
                    evidence, trips, LayerConfigs.breakers(policy).openDuration());
            flags.add(new CachedFlagSource(trips, Duration.ofSeconds(1), clock));
        }
        if (!flags.isEmpty()) {
            b.flags(new CompositeFlagSource(flags));
        }
        SqsClient sqs = null;
        if (env.get("AIRS_ESCALATION_TABLE") != null || env.get("AIRS_ASYNC_JUDGE_QUEUE") != null) {
            sqs = endpoint(env, "AIRS_SQS_ENDPOINT", SqsClient.builder())
                    .region(region)
                    .credentialsProvider(credentials)
                    .httpClient(UrlConnectionHttpClient.create())
                    .build();
        }
        if (env.get("AIRS_ESCALATION_TABLE") != null) {
            b.escalations(new DynamoSqsEscalationStore(
                    dynamo, sqs, DynamoSqsEscalationConfig.fromEnvironment(env), LayerConfigs.oversight(policy)));
        }
        String apply = env.get("AIRS_APPLY_GUARDRAIL");
        if (apply != null && !apply.isBlank()) {
            if (hook.guardrailIdentifier() == null) {
                throw new IllegalArgumentException(
                        "AIRS_APPLY_GUARDRAIL needs AIRS_GUARDRAIL_ID and AIRS_GUARDRAIL_VERSION");
            }
            Action onFindings;
            try {
                onFindings = Action.valueOf(apply.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "AIRS_APPLY_GUARDRAIL must be block, escalate or allow, was " + apply);
            }
            b.screen(
                    new BedrockGuardrailScreen(bedrock, hook.guardrailIdentifier(), hook.guardrailVersion()),
                    onFindings);
        }
        if (env.get("AIRS_JUDGE_MODEL_ID") != null) {
            b.llmJudge(new BedrockJudge(bedrock, env.get("AIRS_JUDGE_MODEL_ID"), new SecureRandom()));
            if (env.get("AIRS_ASYNC_JUDGE_QUEUE") != null) {
                b.asyncJudge(new SqsJudgeSubmitter(sqs, env.get("AIRS_ASYNC_JUDGE_QUEUE")));
            }
        }
        return b.evidence(evidence)
                .metrics(new EmfGatewayListener(EmfMetrics.toStdout(EmfMetricsConfig.defaults(), clock)))
                .build();
    }

    /** Points a client at {@code env[variable]} when set (VPC endpoints, local emulators). */
    public static <B extends software.amazon.awssdk.core.client.builder.SdkClientBuilder<B, ?>> B endpoint(
            Map<String, String> env, String variable, B builder) {
        String url = env.get(variable);
        if (url != null && !url.isBlank()) {
            builder.endpointOverride(java.net.URI.create(url));
        }
        return builder;
    }

    /**
     * The policy deployed to the AppConfig profile {@code AIRS_APPCONFIG_POLICY_PROFILE} when one is
     * named (and {@code appConfig} is given), else {@link #policy(Map)}.
     */
    public static Policy policy(Map<String, String> env, AppConfigDataClient appConfig) {
        String profile = env.get("AIRS_APPCONFIG_POLICY_PROFILE");
        if (appConfig != null && profile != null && !profile.isBlank()) {
            return new AppConfigPolicySource(appConfig)
                    .load(env.get("AIRS_APPCONFIG_APPLICATION"), env.get("AIRS_APPCONFIG_ENVIRONMENT"), profile);
        }
        return policy(env);
    }

    /** The policy named by {@code AIRS_POLICY} (inline YAML or JSON), else the packaged default. */
    public static Policy policy(Map<String, String> env) {
        String inline = env.get(POLICY_VARIABLE);
        if (inline == null || inline.isBlank()) {
            return PolicyLoader.defaultPolicy();
        }
        return new PolicyLoader().parse(inline, POLICY_VARIABLE);
    }

    /**
     * A Bedrock Runtime client over the JDK's URLConnection (no Netty, no Apache), with the hook's
     * region, endpoint, time limit and attempts.
     */
    public static BedrockRuntimeClient bedrockClient(BedrockHookConfig hook, AwsCredentialsProvider credentials) {
        var b = BedrockRuntimeClient.builder()
                .region(Region.of(hook.region()))
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(hook.timeout()))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(hook.timeout())
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(hook.maxAttempts())
                                .build())
                        .build());
        if (hook.endpoint() != null) {
            b.endpointOverride(hook.endpoint());
        }
        return b.build();
    }

    /**
     * The function's execution-role credentials, which Lambda passes as environment variables; read
     * from the same map as every other setting so that nothing else reads the process environment.
     */
    static AwsCredentialsProvider credentials(Map<String, String> env) {
        String id = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (id == null || secret == null) {
            throw new IllegalArgumentException("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set");
        }
        String token = env.get("AWS_SESSION_TOKEN");
        return StaticCredentialsProvider.create(
                token == null || token.isBlank()
                        ? AwsBasicCredentials.create(id, secret)
                        : AwsSessionCredentials.create(id, secret, token));
    }

    /** Starts a runtime for {@code policy}; evidence defaults to stdout, escalations and flags to memory. */
    public static Builder builder(Policy policy) {
        return new Builder(policy);
    }

    public Gateway gateway() {
        return gateway;
    }

    public BedrockRuntimeClient bedrock() {
        return bedrock;
    }

    public BedrockHookConfig hook() {
        return hook;
    }

    public WireCodec codec() {
        return codec;
    }

    public Clock clock() {
        return clock;
    }

    /** Writes the metrics counted in this invocation (CloudWatch embedded metric format), if any. */
    public void flushMetrics() {
        EmfGatewayListener m = metrics;
        if (m != null) {
            m.flush();
        }
    }

    /**
     * Runs the gateway's periodic work (SLA expiry, breaker and PACE clocks) at most once a second.
     * Lambda has no timer between invocations, so each invocation calls this first.
     */
    public void tickIfDue() {
        gateway.tickIfDue();
    }

    @Override
    public void close() {
        gateway.close();
        bedrock.close();
    }

    /** Builds an {@link AwsRuntime}; the Bedrock client is required. */
    public static final class Builder {
        private final Policy policy;
        private EvidenceSink evidence;
        private EscalationStore escalations;
        private FlagSource flags = FlagSnapshot::empty;
        private Judge llmJudge;
        private AsyncJudgeSubmitter asyncJudge;
        private EmfGatewayListener metrics;
        private ExternalScreen screen;
        private Action screenAction;
        private BedrockRuntimeClient bedrock;
        private BedrockHookConfig hook = BedrockHookConfig.defaults();
        private Clock clock = Clock.systemUTC();
        private Supplier<String> ids = () -> UUID.randomUUID().toString();
        private WireCodec codec = new WireCodec();

        private Builder(Policy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
        }

        /** Where evidence goes (default: JSON lines on stdout). */
        public Builder evidence(EvidenceSink s) {
            this.evidence = s;
            return this;
        }

        /** Where escalations are held (default: in memory, lost with the container). */
        public Builder escalations(EscalationStore s) {
            this.escalations = s;
            return this;
        }

        /** The human kill switches (default: none). */
        public Builder flags(FlagSource f) {
            this.flags = Objects.requireNonNull(f, "flags");
            return this;
        }

        /** The LLM judge (default: none, the cascade ends at the in-process classifier). */
        public Builder llmJudge(Judge j) {
            this.llmJudge = j;
            return this;
        }

        public Builder bedrock(BedrockRuntimeClient c) {
            this.bedrock = c;
            return this;
        }

        public Builder hook(BedrockHookConfig h) {
            this.hook = Objects.requireNonNull(h, "hook");
            return this;
        }

        /** Bedrock's own guardrail (ApplyGuardrail) as one more check, and what its findings do. */
        public Builder screen(ExternalScreen s, Action onFindings) {
            this.screen = s;
            this.screenAction = onFindings;
            return this;
        }

        /** Decision and upstream-error metrics in CloudWatch embedded metric format (none by default). */
        public Builder metrics(EmfGatewayListener m) {
            this.metrics = m;
            return this;
        }

        /** Where asynchronously judged content goes (default: judged in the container). */
        public Builder asyncJudge(AsyncJudgeSubmitter s) {
            this.asyncJudge = s;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        public Builder ids(Supplier<String> s) {
            this.ids = Objects.requireNonNull(s, "ids");
            return this;
        }

        public Builder codec(WireCodec c) {
            this.codec = Objects.requireNonNull(c, "codec");
            return this;
        }

        public AwsRuntime build() {
            Gateway.Builder gb = Gateway.builder(policy)
                    .evidence(evidence != null ? evidence : new LogEvidenceSink(System.out::println))
                    .escalations(
                            escalations != null
                                    ? escalations
                                    : new InMemoryEscalationStore(LayerConfigs.oversight(policy)))
                    .flags(flags)
                    .clock(clock)
                    .ids(ids);
            if (llmJudge != null) {
                gb.llmJudge(llmJudge);
            }
            if (asyncJudge != null) {
                gb.asyncJudge(asyncJudge);
            }
            if (metrics != null) {
                gb.listener(metrics);
            }
            if (screen != null) {
                gb.screen(screen, screenAction);
            }
            AwsRuntime runtime =
                    new AwsRuntime(gb.build(), Objects.requireNonNull(bedrock, "bedrock client"), hook, codec, clock);
            runtime.metrics = metrics;
            return runtime;
        }
    }
}

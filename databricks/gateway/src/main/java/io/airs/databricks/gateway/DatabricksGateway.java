package io.airs.databricks.gateway;

import io.airs.cli.serve.LocalRunner;
import io.airs.core.breaker.FileFlagSource;
import io.airs.core.breaker.FlagSource;
import io.airs.core.evidence.FileEvidenceSink;
import io.airs.core.evidence.FileEvidenceSinkConfig;
import io.airs.core.gateway.Gateway;
import io.airs.core.gateway.LayerConfigs;
import io.airs.core.judge.LlmJudgeConfig;
import io.airs.core.judge.OpenAiCompatibleJudge;
import io.airs.core.oversight.FileEscalationStore;
import io.airs.core.policy.Policy;
import io.airs.core.wire.WireCodec;
import io.airs.databricks.breaker.BreakerTable;
import io.airs.databricks.sql.SqlWarehouse;
import io.airs.databricks.workspace.Workspace;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * The enforcement gateway in front of a workspace's serving endpoints: every layer of the core
 * (guardrails, inline and LLM judge, oversight, breakers, evidence) over the routes of {@link
 * ServingRoutes}, plus the runner's native and control routes ({@code /v1/evaluate}, {@code
 * /v1/escalations}, {@code /v1/breakers}, {@code /v1/status}, {@code /healthz}).
 *
 * <ul>
 *   <li>Upstream: the serving endpoints, called as the gateway's own identity ({@link Workspace}).
 *   <li>LLM judge: a different serving endpoint ({@code AIRS_JUDGE_ENDPOINT}) through the workspace's
 *       OpenAI-compatible route, or the policy's own judge settings.
 *   <li>Kill switches: the breaker Delta table through a SQL warehouse, shared with the judge job; or,
 *       without one, a file in the data directory.
 *   <li>Escalations and evidence: a durable journal and a hash-chained evidence file in the data
 *       directory (mount it on a persistent volume).
 * </ul>
 *
 * <pre>{@code
 * try (DatabricksGateway g = DatabricksGateway.start(settings, workspace, policy, System::getenv, Clock.systemUTC())) { ... }
 * }</pre>
 */
public final class DatabricksGateway implements AutoCloseable {

    private final Gateway gateway;
    private final LocalRunner runner;
    private final FileEvidenceSink evidence;
    private final FileEscalationStore escalations;

    private DatabricksGateway(
            Gateway gateway, LocalRunner runner, FileEvidenceSink evidence, FileEscalationStore escalations) {
        this.gateway = gateway;
        this.runner = runner;
        this.evidence = evidence;
        this.escalations = escalations;
    }

    /**
     * Opens the data directory, builds every layer and starts listening.
     *
     * @param env the environment, for the policy's own judge key variable
     * @throws IllegalArgumentException for a setting that cannot work (named)
     * @throws IOException when the data directory or the port cannot be used
     */
    public static DatabricksGateway start(
            GatewaySettings s, Workspace workspace, Policy policy, Function<String, String> env, Clock clock)
            throws IOException {
        Files.createDirectories(s.dataDir());
        WireCodec codec = new WireCodec();
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        LocalRunner.FlagWriter writer;
        FlagSource flags;
        if (s.breakerTable() != null) {
            BreakerTable table = new BreakerTable(
                    new SqlWarehouse(workspace.client(), s.warehouseId()), s.breakerTable(), s.flagsTtl(), clock);
            flags = table;
            writer = table;
        } else {
            FileFlagSource file = new FileFlagSource(s.dataDir().resolve("flags.json"));
            flags = file;
            writer = LocalRunner.FlagWriter.of(file);
        }
        FileEvidenceSink evidence = FileEvidenceSink.open(
                s.dataDir().resolve("evidence.jsonl"),
                FileEvidenceSinkConfig.defaults().withFsync(s.evidenceFsync()));
        FileEscalationStore escalations = null;
        Gateway gateway = null;
        try {
            escalations = FileEscalationStore.open(s.dataDir().resolve("escalations"), LayerConfigs.oversight(policy));
            Gateway.Builder b = Gateway.builder(policy)
                    .evidence(evidence)
                    .escalations(escalations)
                    .flags(flags)
                    .clock(clock);
            if (s.judgeEndpoint() != null) {
                b.llmJudge(judge(s.judgeEndpoint(), workspace, policy, env, http, clock));
            } else {
                LayerConfigs.llmJudge(policy, env)
                        .ifPresent(c -> b.llmJudge(OpenAiCompatibleJudge.builder(c)
                                .httpClient(http)
                                .clock(clock)
                                .build()));
            }
            gateway = b.build();
            ServingRoutes routes = new ServingRoutes(
                    gateway,
                    codec,
                    clock,
                    new ServingEndpointUpstream(workspace, http, codec.mapper(), s.upstreamTimeout()),
                    s.endpoints());
            LocalRunner runner = LocalRunner.start(
                    gateway,
                    new LocalRunner.Setup(routes, writer, new BearerAccess(s.callerTokens(), s.adminToken())),
                    codec,
                    clock,
                    s.bind(),
                    s.port(),
                    Duration.ofSeconds(1));
            return new DatabricksGateway(gateway, runner, evidence, escalations);
        } catch (IOException | RuntimeException e) {
            if (gateway != null) {
                gateway.close();
            }
            if (escalations != null) {
                escalations.close();
            }
            evidence.close();
            throw e;
        }
    }

    /**
     * The LLM judge on a serving endpoint, through the workspace's OpenAI-compatible route ({@code
     * POST /serving-endpoints/chat/completions} with the endpoint as {@code model}), with the policy's
     * timeouts and retries and the gateway's own credentials.
     */
    static OpenAiCompatibleJudge judge(
            String endpoint,
            Workspace workspace,
            Policy policy,
            Function<String, String> env,
            HttpClient http,
            Clock clock) {
        LlmJudgeConfig c = LayerConfigs.llmJudge(policy, env)
                .orElse(LlmJudgeConfig.defaults())
                .withEndpoint(workspace.resolve("/serving-endpoints"), endpoint)
                .withAuth(LlmJudgeConfig.AuthScheme.NONE, "")
                .withQueryParameters(Map.of());
        return OpenAiCompatibleJudge.builder(c)
                .httpClient(http)
                .bearerTokens(() -> bearer(workspace))
                .clock(clock)
                .build();
    }

    private static String bearer(Workspace workspace) {
        String h = workspace.authHeaders().get("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new IllegalStateException("the workspace gave no bearer token");
        }
        return h.substring(7);
    }

    /** The port listened on. */
    public int port() {
        return runner.port();
    }

    /** The enforcement core behind the routes. */
    public Gateway gateway() {
        return gateway;
    }

    /** Runs the periodic work now (SLA expiry, breakers, PACE), as the once-a-second tick does. */
    public void tick() {
        runner.tick();
    }

    @Override
    public void close() {
        runner.close();
        gateway.close();
        IOException failed = null;
        try {
            escalations.close();
        } catch (IOException e) {
            failed = e;
        }
        try {
            evidence.close();
        } catch (IOException e) {
            failed = e;
        }
        if (failed != null) {
            throw new java.io.UncheckedIOException(failed);
        }
    }
}

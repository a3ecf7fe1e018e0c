package io.airs.databricks;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.airs.databricks.workspace.Workspace;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code airs-databricks drift} and {@code sync} against the serving-endpoints REST API on WireMock. */
class DatabricksMainSyncTest {

    private static WireMockServer wm;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void start() {
        wm = new WireMockServer(options().dynamicPort());
        wm.start();
    }

    @AfterAll
    static void stop() {
        wm.stop();
    }

    @BeforeEach
    void reset() {
        wm.resetAll();
        wm.stubFor(put(urlEqualTo("/api/2.0/serving-endpoints/chat/ai-gateway")).willReturn(okJson("{}")));
    }

    private Map<String, String> env() {
        return Map.of(Workspace.HOST, "http://127.0.0.1:" + wm.port(), Workspace.TOKEN, "dapi-sync-test");
    }

    private int run(String... args) {
        return DatabricksMain.run(env(), new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    /** GET /api/2.0/serving-endpoints/chat as the workspace answers it, with this ai_gateway. */
    private static void endpointRuns(String aiGateway) {
        wm.stubFor(get(urlEqualTo("/api/2.0/serving-endpoints/chat")).willReturn(okJson("""
                {"name":"chat","id":"8b3f2a","creator":"ops@example.com","creation_timestamp":1767225600000,
                 "last_updated_timestamp":1767225600000,"state":{"ready":"READY","config_update":"NOT_UPDATING"},
                 "config":{"served_entities":[{"name":"llama","entity_name":"system.ai.meta_llama_v3_3_70b_instruct",
                 "entity_version":"1","workload_size":"Small","scale_to_zero_enabled":true}],
                 "traffic_config":{"routes":[{"served_model_name":"llama","traffic_percentage":100}]}},
                 "ai_gateway":%s,"task":"llm/v1/chat","permission_level":"CAN_MANAGE"}
                """.formatted(aiGateway))));
    }

    /** What the default policy compiles to, with the inference table of the tests. */
    private static final String DEFAULT_COMPILED = """
            {"guardrails":{"input":{"safety":true,"pii":{"behavior":"MASK"}},"output":{"safety":false,"pii":{"behavior":"MASK"}}},
             "usage_tracking_config":{"enabled":true},
             "inference_table_config":{"catalog_name":"main","schema_name":"airs","table_name_prefix":"chat","enabled":true}}
            """;

    @Test
    void reportsEveryDifferenceAndExitsOne() {
        endpointRuns("""
                {"guardrails":{"input":{"pii":{"behavior":"NONE"}},"output":{"pii":{"behavior":"MASK"}}},
                 "usage_tracking_config":{"enabled":false},
                 "rate_limits":[{"calls":100,"key":"user","renewal_period":"minute"}]}""");

        int code = run("drift", "-e", "chat", "--catalog", "main", "--schema", "airs", "--table-prefix", "chat");

        assertThat(code).isEqualTo(1);
        assertThat(out.toString())
                .contains("chat: 8 difference(s) from the policy")
                .contains("guardrails.input.safety: policy true, endpoint (absent)")
                .contains("guardrails.input.pii.behavior: policy \"MASK\", endpoint (absent)")
                .contains("usage_tracking_config.enabled: policy true, endpoint (absent)")
                .contains(
                        "rate_limits: policy (absent), endpoint [{\"calls\":100,\"key\":\"user\",\"renewal_period\":\"minute\"}]")
                .contains("inference_table_config.catalog_name: policy \"main\", endpoint (absent)");
    }

    @Test
    void anEndpointInLineHasNoDriftAndIsNotRewritten() {
        endpointRuns(DEFAULT_COMPILED);

        assertThat(run("drift", "-e", "chat", "--catalog", "main", "--schema", "airs", "--table-prefix", "chat"))
                .isZero();
        assertThat(out.toString()).contains("chat: in line with the policy");
        assertThat(run("sync", "-e", "chat", "--catalog", "main", "--schema", "airs", "--table-prefix", "chat"))
                .isZero();
        assertThat(out.toString()).contains("chat: already in line with the policy");
        wm.verify(0, putRequestedFor(urlEqualTo("/api/2.0/serving-endpoints/chat/ai-gateway")));
    }

    @Test
    void syncWritesTheCompiledConfigurationThroughTheSdk() {
        endpointRuns("{}");

        int code = run("sync", "-e", "chat", "--catalog", "main", "--schema", "airs", "--table-prefix", "chat");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("chat: AI Gateway updated from the policy");
        wm.verify(putRequestedFor(urlEqualTo("/api/2.0/serving-endpoints/chat/ai-gateway"))
                .withHeader("Authorization", equalTo("Bearer dapi-sync-test"))
                .withRequestBody(equalToJson("""
                        {"rate_limits":[],
                         "guardrails":{"input":{"safety":true,"pii":{"behavior":"MASK"}},
                                       "output":{"safety":false,"pii":{"behavior":"MASK"}}},
                         "usage_tracking_config":{"enabled":true},
                         "inference_table_config":{"catalog_name":"main","schema_name":"airs",
                                                   "table_name_prefix":"chat","enabled":true}}
                        """)));
    }

    @Test
    void aPolicyWithKeywordsTopicsAndRateLimitsIsSyncedWhole() throws Exception {
        endpointRuns("{}");
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, """
                version: 1
                name: support
                risk_tier: HIGH
                limits:
                  rate_limits:
                    - {key: user, calls: 60, renewal_period: minute}
                topics:
                  allowed: [billing, shipping]
                stages:
                  input:
                    - {detector: keywords, keywords: [project aurora], threshold: 0.5, action: block}
                    - {detector: pii, threshold: 0.5, action: block}
                  output:
                    - {detector: pii, threshold: 0.5, action: redact}
                """);

        int code = run("sync", "-e", "chat", "-p", policy.toString());

        assertThat(code).as(err.toString()).isZero();
        wm.verify(putRequestedFor(urlEqualTo("/api/2.0/serving-endpoints/chat/ai-gateway"))
                .withRequestBody(matchingJsonPath("$.guardrails.input.invalid_keywords[0]", equalTo("project aurora")))
                .withRequestBody(matchingJsonPath("$.guardrails.input.valid_topics[1]", equalTo("shipping")))
                .withRequestBody(matchingJsonPath("$.guardrails.input.pii.behavior", equalTo("BLOCK")))
                .withRequestBody(matchingJsonPath("$.guardrails.output.pii.behavior", equalTo("MASK")))
                .withRequestBody(matchingJsonPath("$.rate_limits[0].calls", equalTo("60")))
                .withRequestBody(matchingJsonPath("$.rate_limits[0].key", equalTo("user"))));
    }

    @Test
    void leavesAnEndpointItsKillSwitchStoppedUnlessForced() {
        endpointRuns("""
                {"guardrails":{"input":{"safety":true,"pii":{"behavior":"MASK"}},"output":{"pii":{"behavior":"MASK"}}},
                 "usage_tracking_config":{"enabled":true},
                 "rate_limits":[{"calls":0,"key":"endpoint","renewal_period":"minute"}]}""");

        assertThat(run("sync", "-e", "chat")).isEqualTo(1);
        assertThat(out.toString()).contains("stopped by its kill switch, left as it is");
        wm.verify(0, putRequestedFor(urlEqualTo("/api/2.0/serving-endpoints/chat/ai-gateway")));

        assertThat(run("drift", "-e", "chat")).isEqualTo(1);
        assertThat(out.toString()).contains("(stopped by its kill switch)");

        assertThat(run("sync", "-e", "chat", "--force")).isZero();
        wm.verify(
                1,
                putRequestedFor(urlEqualTo("/api/2.0/serving-endpoints/chat/ai-gateway"))
                        .withRequestBody(matchingJsonPath("$.rate_limits.size()", equalTo("0"))));
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertThat(run("drift")).isEqualTo(2);
        assertThat(run("drift", "-e", "../x")).isEqualTo(2);
        assertThat(err.toString()).contains("--endpoint: '../x' is not a serving endpoint name");
        assertThat(run("drift", "-e", "chat", "--catalog", "main")).isEqualTo(2);
        assertThat(err.toString()).contains("catalog and schema go together");
    }
}

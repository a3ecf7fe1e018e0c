package io.airs.databricks.job;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.airs.databricks.workspace.Workspace;
import java.util.Map;

/** A Databricks serving endpoint answering as the LLM judge, in the OpenAI chat completions format. */
final class JudgeStubs {

    static final String TOKEN = "dapi-test-token";
    /** Content holding this is judged ESCALATE; anything else PASS. */
    static final String ESCALATE_MARKER = "TRANSFER-ALL-FUNDS";

    private static final ObjectMapper JSON = new ObjectMapper();

    private JudgeStubs() {}

    static void judge(WireMockServer server) {
        // The SDK asks the host for its metadata first; a workspace without it answers 404.
        server.stubFor(
                com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/.well-known/databricks-config"))
                        .willReturn(aResponse().withStatus(404)));
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                        urlPathEqualTo("/oidc/.well-known/oauth-authorization-server"))
                .willReturn(aResponse().withStatus(404)));
        server.stubFor(post(urlPathEqualTo("/serving-endpoints/chat/completions"))
                .atPriority(5)
                .willReturn(ok(verdict("PASS", 0.95, "compliant"))));
        server.stubFor(post(urlPathEqualTo("/serving-endpoints/chat/completions"))
                .atPriority(1)
                .withRequestBody(containing(ESCALATE_MARKER))
                .willReturn(ok(verdict("ESCALATE", 0.1, "asks for an irreversible transfer"))));
    }

    static Map<String, String> workspace(WireMockServer server) {
        return Map.of(Workspace.HOST, "http://127.0.0.1:" + server.port(), Workspace.TOKEN, TOKEN);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(String content) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(completion(content));
    }

    private static String verdict(String verdict, double policy, String reason) {
        var v = JSON.createObjectNode();
        v.put("verdict", verdict);
        v.putObject("scores")
                .put("policy", policy)
                .put("grounding", 0.9)
                .put("safety", policy)
                .put("appropriateness", 0.9);
        v.putArray("reasons").add(reason);
        return v.toString();
    }

    private static String completion(String content) {
        return completion("chatcmpl-9f1c", 1_772_359_200L, "databricks-claude-sonnet-4", content, 310, 42)
                .toString();
    }

    /** An OpenAI-style chat completion, as a Databricks serving endpoint answers. */
    static ObjectNode completion(
            String id, long created, String model, String content, int promptTokens, int completionTokens) {
        var root = JSON.createObjectNode();
        root.put("id", id);
        root.put("object", "chat.completion");
        root.put("created", created);
        root.put("model", model);
        var choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", content);
        choice.put("finish_reason", "stop");
        root.putObject("usage")
                .put("prompt_tokens", promptTokens)
                .put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
        return root;
    }
}

package io.airs.databricks.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * A Databricks workspace on WireMock, in its real wire format: serving-endpoint invocations (OpenAI
 * chat completions), the workspace's OAuth endpoints for a service principal, and the SQL Statement
 * Execution API.
 */
final class DatabricksStub implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TOKEN = "dapi-test-0123456789abcdef";
    static final String SP_TOKEN = "eyJ-service-principal-access-token";

    final WireMockServer server;

    DatabricksStub() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        oauth();
    }

    String host() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The workspace's OIDC discovery and client-credentials token endpoint. */
    void oauth() {
        ObjectNode meta = JSON.createObjectNode();
        meta.put("issuer", host() + "/oidc");
        meta.put("authorization_endpoint", host() + "/oidc/v1/authorize");
        meta.put("token_endpoint", host() + "/oidc/v1/token");
        server.stubFor(
                get(urlEqualTo("/oidc/.well-known/oauth-authorization-server")).willReturn(okJson(meta.toString())));
        server.stubFor(post(urlEqualTo("/oidc/v1/token"))
                .willReturn(okJson("{\"access_token\":\"" + SP_TOKEN
                        + "\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"scope\":\"all-apis\"}")));
    }

    /** A chat completion as a serving endpoint answers it. */
    static String completion(String endpoint, String content) {
        ObjectNode c = JSON.createObjectNode();
        c.put("id", "chatcmpl-" + endpoint);
        c.put("object", "chat.completion");
        c.put("created", 1767225600);
        c.put("model", "databricks-meta-llama-3-3-70b-instruct");
        ObjectNode choice = c.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode m = choice.putObject("message");
        m.put("role", "assistant");
        m.put("content", content);
        choice.put("finish_reason", "stop");
        ObjectNode usage = c.putObject("usage");
        usage.put("prompt_tokens", 12);
        usage.put("completion_tokens", 9);
        usage.put("total_tokens", 21);
        return c.toString();
    }

    void answers(String endpoint, String content) {
        server.stubFor(post(urlEqualTo("/serving-endpoints/" + endpoint + "/invocations"))
                .willReturn(okJson(completion(endpoint, content))));
    }

    void fails(String endpoint, int status, String errorCode) {
        server.stubFor(post(urlEqualTo("/serving-endpoints/" + endpoint + "/invocations"))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"error_code\":\"" + errorCode + "\",\"message\":\"failed on: the prompt text\"}")));
    }

    /** A statement that succeeded, with these rows of {@code scope, open, reason, updated_at}. */
    static String statementResult(String[]... rows) {
        ObjectNode r = JSON.createObjectNode();
        r.put("statement_id", "01f0-statement");
        r.putObject("status").put("state", "SUCCEEDED");
        ObjectNode manifest = r.putObject("manifest");
        manifest.put("format", "JSON_ARRAY");
        var cols = manifest.putObject("schema").putArray("columns");
        String[][] names = {{"scope", "STRING"}, {"open", "BOOLEAN"}, {"reason", "STRING"}, {"updated_at", "TIMESTAMP"}
        };
        for (int i = 0; i < names.length; i++) {
            ObjectNode c = cols.addObject();
            c.put("name", names[i][0]);
            c.put("type_name", names[i][1]);
            c.put("position", i);
        }
        manifest.put("total_row_count", rows.length);
        var data = r.putObject("result").putArray("data_array");
        for (String[] row : rows) {
            var a = data.addArray();
            for (String v : row) {
                a.add(v);
            }
        }
        r.with("result").put("row_count", rows.length);
        return r.toString();
    }

    @Override
    public void close() {
        server.stop();
    }
}

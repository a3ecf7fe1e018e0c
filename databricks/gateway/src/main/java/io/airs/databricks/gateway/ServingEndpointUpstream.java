package io.airs.databricks.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airs.core.gateway.ChatApi;
import io.airs.databricks.workspace.Workspace;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Calls a serving endpoint: {@code POST {workspace}/serving-endpoints/{route}/invocations} with the
 * chat request in the OpenAI format, authenticated as the gateway (a token or a service principal's
 * OAuth token from the {@link Workspace}; the caller's own {@code Authorization} is never passed on).
 * The endpoint's name is the route; the body's {@code model} is dropped, since the path names the
 * endpoint.
 *
 * <p>An answer other than 2xx becomes an {@link ChatApi.UpstreamException} with the endpoint's status
 * and its Databricks {@code error_code}, never its message (it may quote the prompt).
 */
final class ServingEndpointUpstream implements ChatApi.Upstream {

    /**
     * Whether {@code name} can be a serving endpoint's name: an ASCII letter or digit, then letters,
     * digits, dashes and underscores, at most 63 characters (checked per request, so without a regex).
     */
    static boolean isEndpointName(String name) {
        if (name == null || name.isEmpty() || name.length() > 63) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alnum && (i == 0 || (c != '-' && c != '_'))) {
                return false;
            }
        }
        return true;
    }

    private final Workspace workspace;
    private final HttpClient http;
    private final ObjectMapper mapper;
    private final Duration timeout;

    ServingEndpointUpstream(Workspace workspace, HttpClient http, ObjectMapper mapper, Duration timeout) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.http = Objects.requireNonNull(http, "http");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** The invocations URL of an endpoint. */
    URI invocations(String endpoint) {
        return workspace.resolve("/serving-endpoints/" + endpoint + "/invocations");
    }

    @Override
    public ObjectNode complete(ObjectNode request, String route, String authorization)
            throws ChatApi.UpstreamException {
        if (!isEndpointName(route)) {
            throw new ChatApi.UpstreamException(404, "no serving endpoint named");
        }
        ObjectNode body = request.deepCopy();
        body.remove("model");
        Map<String, String> auth;
        try {
            auth = workspace.authHeaders();
        } catch (RuntimeException e) {
            throw new ChatApi.UpstreamException(0, "the workspace refused the gateway's credentials");
        }
        HttpRequest.Builder rb = HttpRequest.newBuilder(invocations(route))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
        auth.forEach(rb::header);
        HttpResponse<byte[]> r;
        try {
            r = http.send(
                    rb.POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new ChatApi.UpstreamException(0, "serving endpoint " + route + " timed out after " + timeout);
        } catch (IOException e) {
            throw new ChatApi.UpstreamException(0, "serving endpoint " + route + " unreachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatApi.UpstreamException(0, "interrupted");
        }
        if (r.statusCode() / 100 != 2) {
            throw new ChatApi.UpstreamException(
                    r.statusCode(), "serving endpoint " + route + " answered " + r.statusCode() + errorCode(r.body()));
        }
        try {
            JsonNode n = mapper.readTree(r.body());
            if (n == null || !n.isObject() || !n.path("choices").isArray()) {
                throw new ChatApi.UpstreamException(
                        502, "serving endpoint " + route + " answered with no chat completion");
            }
            return (ObjectNode) n;
        } catch (IOException e) {
            throw new ChatApi.UpstreamException(502, "serving endpoint " + route + " answered with invalid JSON");
        }
    }

    private String errorCode(byte[] body) {
        try {
            JsonNode code = mapper.readTree(body).path("error_code");
            return code.isTextual() && code.asText().matches("[A-Z_]{1,64}") ? " (" + code.asText() + ")" : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}

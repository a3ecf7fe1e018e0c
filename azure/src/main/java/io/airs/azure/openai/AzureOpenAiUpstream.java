package io.airs.azure.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airs.core.gateway.ChatApi;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Azure OpenAI chat completions behind the filter: {@code POST
 * {endpoint}/openai/deployments/{deployment}/chat/completions?api-version=...}, authenticated with the
 * function app's managed identity (a bearer token for {@code https://cognitiveservices.azure.com}).
 * The caller's own key is never passed on. The route ({@link #route}) names the deployment and the
 * API version the caller asked for, so a held request resumes against the same deployment.
 *
 * <pre>{@code
 * ChatApi.Upstream upstream = new AzureOpenAiUpstream(http, URI.create("https://acme.openai.azure.com"), tokens, Duration.ofSeconds(30), mapper);
 * }</pre>
 */
public final class AzureOpenAiUpstream implements ChatApi.Upstream {

    /** Deployment names: letters, digits, {@code - _ .}, at most 64. */
    static final Pattern DEPLOYMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** API versions such as {@code 2024-10-21} or {@code 2025-01-01-preview}. */
    static final Pattern API_VERSION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(-preview)?");

    private final HttpClient http;
    private final URI endpoint;
    private final Supplier<String> tokens;
    private final Duration timeout;
    private final ObjectMapper mapper;

    /**
     * @param endpoint the Azure OpenAI resource, {@code https://NAME.openai.azure.com}
     * @param tokens bearer tokens of the managed identity (cached by the supplier)
     * @param timeout per call
     */
    public AzureOpenAiUpstream(
            HttpClient http, URI endpoint, Supplier<String> tokens, Duration timeout, ObjectMapper mapper) {
        this.http = Objects.requireNonNull(http, "http");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * The route of one request: {@code deployment?api-version=version}.
     *
     * @throws IllegalArgumentException naming the part that is not valid
     */
    public static String route(String deployment, String apiVersion) {
        if (deployment == null || !DEPLOYMENT.matcher(deployment).matches()) {
            throw new IllegalArgumentException(
                    "deployment: must be 1 to 64 letters, digits, '.', '-' or '_', starting with a letter or digit");
        }
        if (apiVersion == null || !API_VERSION.matcher(apiVersion).matches()) {
            throw new IllegalArgumentException(
                    "api-version: required, a date such as 2024-10-21 (optionally with -preview)");
        }
        return deployment + "?api-version=" + apiVersion;
    }

    /** The deployment a route names. */
    public static String deployment(String route) {
        int q = route.indexOf('?');
        return q < 0 ? route : route.substring(0, q);
    }

    @Override
    public ObjectNode complete(ObjectNode request, String route, String authorization)
            throws ChatApi.UpstreamException {
        if (route == null) {
            throw new ChatApi.UpstreamException(0, "no Azure OpenAI deployment for this request");
        }
        int q = route.indexOf('?');
        String deployment = q < 0 ? route : route.substring(0, q);
        String query = q < 0 ? "" : route.substring(q);
        URI uri = endpoint.resolve("/openai/deployments/" + URLEncoder.encode(deployment, StandardCharsets.UTF_8)
                + "/chat/completions" + query);
        String token;
        try {
            token = tokens.get();
        } catch (RuntimeException e) {
            throw new ChatApi.UpstreamException(
                    0, "no access token for Azure OpenAI (" + e.getClass().getSimpleName() + ")");
        }
        HttpRequest req;
        try {
            req = HttpRequest.newBuilder(uri)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(request)))
                    .build();
        } catch (IOException e) {
            throw new ChatApi.UpstreamException(0, "request could not be encoded");
        }
        HttpResponse<byte[]> resp;
        try {
            resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new ChatApi.UpstreamException(0, "Azure OpenAI timed out after " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            throw new ChatApi.UpstreamException(0, "Azure OpenAI could not be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatApi.UpstreamException(0, "interrupted");
        }
        if (resp.statusCode() != 200) {
            throw new ChatApi.UpstreamException(
                    resp.statusCode(), "Azure OpenAI answered HTTP " + resp.statusCode() + errorCode(resp.body()));
        }
        try {
            JsonNode n = mapper.readTree(resp.body());
            if (n == null || !n.isObject()) {
                throw new ChatApi.UpstreamException(502, "Azure OpenAI's answer is not a JSON object");
            }
            return (ObjectNode) n;
        } catch (IOException e) {
            throw new ChatApi.UpstreamException(502, "Azure OpenAI's answer is not JSON");
        }
    }

    /** Azure's error code ({@code {"error": {"code"}}}), which names the fault without content. */
    private String errorCode(byte[] body) {
        try {
            JsonNode code = mapper.readTree(body).path("error").path("code");
            return code.isTextual() && code.asText().length() <= 64 ? " (" + code.asText() + ")" : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}

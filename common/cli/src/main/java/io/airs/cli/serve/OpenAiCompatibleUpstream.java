package io.airs.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airs.core.gateway.ChatApi;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Any OpenAI-compatible chat-completions endpoint (OpenAI, Azure OpenAI deployments, Databricks
 * serving endpoints, vLLM, Ollama). {@code base} is the API root, e.g. {@code http://127.0.0.1:11434/v1};
 * requests go to {@code base + "/chat/completions"}.
 */
public final class OpenAiCompatibleUpstream implements ChatApi.Upstream {

    private final ObjectMapper mapper;
    private final HttpClient http;
    private final URI endpoint;
    private final Duration timeout;

    public OpenAiCompatibleUpstream(ObjectMapper mapper, URI base, Duration timeout) {
        this.mapper = mapper;
        String b = base.toString();
        this.endpoint = URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + "/chat/completions");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public ObjectNode complete(ObjectNode request, String route, String authorization)
            throws ChatApi.UpstreamException {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(toBytes(request)));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        HttpResponse<byte[]> resp;
        try {
            resp = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new ChatApi.UpstreamException(0, "upstream timed out after " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            throw new ChatApi.UpstreamException(
                    0, "upstream unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatApi.UpstreamException(0, "interrupted");
        }
        if (resp.statusCode() / 100 != 2) {
            throw new ChatApi.UpstreamException(resp.statusCode(), "upstream answered HTTP " + resp.statusCode());
        }
        try {
            JsonNode n = mapper.readTree(resp.body());
            if (n == null || !n.isObject()) {
                throw new ChatApi.UpstreamException(502, "upstream answer is not a JSON object");
            }
            return (ObjectNode) n;
        } catch (IOException e) {
            throw new ChatApi.UpstreamException(502, "upstream answer is not JSON");
        }
    }

    private byte[] toBytes(ObjectNode n) {
        try {
            return mapper.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

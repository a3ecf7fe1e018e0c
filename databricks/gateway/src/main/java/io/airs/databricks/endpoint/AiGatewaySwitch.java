package io.airs.databricks.endpoint;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.serving.AiGatewayConfig;
import com.databricks.sdk.service.serving.AiGatewayRateLimit;
import com.databricks.sdk.service.serving.AiGatewayRateLimitKey;
import com.databricks.sdk.service.serving.AiGatewayRateLimitRenewalPeriod;
import com.databricks.sdk.service.serving.PutAiGatewayRequest;
import com.databricks.sdk.service.serving.ServingEndpointDetailed;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * The kill switch of one serving endpoint, thrown through its AI Gateway: {@link #stop} saves the
 * endpoint's current AI Gateway settings and replaces its rate limits with one of zero calls per
 * minute for the whole endpoint, so every caller gets HTTP 429 until {@link #restore} puts the saved
 * settings back. Guardrails, inference table and usage tracking settings are kept as they were, so
 * the inference table keeps logging while the endpoint is stopped.
 *
 * <pre>{@code
 * AiGatewaySwitch sw = new AiGatewaySwitch(workspace.client());
 * String saved = sw.stop("chat");   // JSON of the settings before the trip
 * sw.restore("chat", saved);
 * }</pre>
 */
public final class AiGatewaySwitch {

    private final WorkspaceClient client;
    private final ObjectMapper json = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public AiGatewaySwitch(WorkspaceClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** The endpoint's AI Gateway settings now (empty settings when it has none). */
    public AiGatewayConfig current(String endpoint) {
        ServingEndpointDetailed e = client.servingEndpoints().get(requireName(endpoint));
        return e.getAiGateway() == null ? new AiGatewayConfig() : e.getAiGateway();
    }

    /** The endpoint's AI Gateway settings now as the REST API writes them (an empty object when none). */
    public ObjectNode currentJson(String endpoint) {
        return json.valueToTree(current(endpoint));
    }

    /**
     * Whether settings in the REST API's JSON hold the limit {@link #stop} sets: zero calls for the
     * whole endpoint.
     */
    public static boolean stopped(JsonNode settings) {
        for (JsonNode r : settings.path("rate_limits")) {
            if ("endpoint".equals(r.path("key").asText())
                    && r.path("calls").isNumber()
                    && r.path("calls").asLong() == 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Replaces the endpoint's AI Gateway with settings given as the body of {@code PUT
     * /api/2.0/serving-endpoints/{name}/ai-gateway} (no rate limits when the body names none).
     *
     * @throws IllegalArgumentException when the body is not one the SDK reads
     */
    public void put(String endpoint, JsonNode body) {
        PutAiGatewayRequest put;
        try {
            put = json.treeToValue(body, PutAiGatewayRequest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("AI Gateway settings the SDK cannot read: " + e.getOriginalMessage());
        }
        put.setName(requireName(endpoint));
        if (put.getRateLimits() == null) {
            put.setRateLimits(List.of());
        }
        client.servingEndpoints().putAiGateway(put);
    }

    /**
     * Stops the endpoint: its rate limits become zero calls per minute for the whole endpoint.
     *
     * @return the settings before the stop, as JSON, for {@link #restore}
     */
    public String stop(String endpoint) {
        AiGatewayConfig before = current(endpoint);
        String saved = write(before);
        AiGatewayRateLimit zero = new AiGatewayRateLimit()
                .setCalls(0L)
                .setKey(AiGatewayRateLimitKey.ENDPOINT)
                .setRenewalPeriod(AiGatewayRateLimitRenewalPeriod.MINUTE);
        client.servingEndpoints().putAiGateway(request(endpoint, before).setRateLimits(List.of(zero)));
        return saved;
    }

    /** Puts back the settings {@link #stop} saved. */
    public void restore(String endpoint, String savedJson) {
        AiGatewayConfig saved = read(savedJson);
        PutAiGatewayRequest put = request(endpoint, saved)
                .setRateLimits(saved.getRateLimits() == null ? List.of() : saved.getRateLimits());
        client.servingEndpoints().putAiGateway(put);
    }

    /** The settings as JSON, in the REST API's field names. */
    public String write(AiGatewayConfig config) {
        try {
            return json.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("AI Gateway settings cannot be written as JSON", e);
        }
    }

    /** Settings written by {@link #write}. */
    public AiGatewayConfig read(String savedJson) {
        if (savedJson == null || savedJson.isBlank()) {
            return new AiGatewayConfig();
        }
        try {
            return json.readValue(savedJson, AiGatewayConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "saved AI Gateway settings are not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static PutAiGatewayRequest request(String endpoint, AiGatewayConfig base) {
        return new PutAiGatewayRequest()
                .setName(requireName(endpoint))
                .setGuardrails(base.getGuardrails())
                .setInferenceTableConfig(base.getInferenceTableConfig())
                .setUsageTrackingConfig(base.getUsageTrackingConfig())
                .setFallbackConfig(base.getFallbackConfig());
    }

    private static String requireName(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("serving endpoint name is blank");
        }
        return endpoint;
    }
}

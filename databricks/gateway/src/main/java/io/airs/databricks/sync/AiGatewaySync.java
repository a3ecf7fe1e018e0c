package io.airs.databricks.sync;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airs.databricks.endpoint.AiGatewaySwitch;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Keeps serving endpoints' AI Gateway in line with the policy: {@link #drift} compares what the
 * policy compiles to ({@code io.airs.core.compile.DatabricksAiGatewayCompiler}) with what an endpoint
 * runs ({@code GET /api/2.0/serving-endpoints/{name}}), {@link #apply} puts the compiled
 * configuration ({@code PUT /api/2.0/serving-endpoints/{name}/ai-gateway}), both through the SDK
 * by way of {@link AiGatewaySwitch}, which the breakers use too.
 *
 * <p>The comparison is on meaning, not text: an absent flag is false, an absent list is empty, an
 * absent PII behaviour is {@code NONE}, keyword and topic lists and rate limits are compared as sets.
 * An endpoint stopped by its kill switch (a zero-call rate limit for the whole endpoint) is reported
 * as such, and {@link #apply} leaves it stopped unless forced: restoring it is the breaker's job.
 */
public final class AiGatewaySync {

    /** One difference: where, what the policy asks, what the endpoint runs (JSON text, or absent). */
    public record Drift(String path, String policy, String endpoint) {
        @Override
        public String toString() {
            return path + ": policy " + policy + ", endpoint " + endpoint;
        }
    }

    /** What {@link #apply} did. */
    public enum Applied {
        /** The endpoint already ran the compiled configuration; nothing was written. */
        IN_SYNC,
        /** The compiled configuration was written. */
        UPDATED,
        /** The endpoint is stopped by its kill switch and was left as it is. */
        STOPPED_BY_BREAKER
    }

    static final String ABSENT = "(absent)";

    private final AiGatewaySwitch endpoints;

    public AiGatewaySync(WorkspaceClient client) {
        this.endpoints = new AiGatewaySwitch(Objects.requireNonNull(client, "client"));
    }

    /** The endpoint's AI Gateway as the REST API writes it (an empty object when it has none). */
    public ObjectNode live(String endpoint) {
        return endpoints.currentJson(endpoint);
    }

    /** Where the endpoint differs from the compiled configuration; empty when in line. */
    public List<Drift> drift(String endpoint, ObjectNode compiled) {
        return compare(compiled, live(endpoint));
    }

    /** Whether the endpoint is stopped by its kill switch (the limit {@link AiGatewaySwitch#stop} sets). */
    public static boolean stoppedByBreaker(JsonNode live) {
        return AiGatewaySwitch.stopped(live);
    }

    /**
     * Writes the compiled configuration when the endpoint differs from it.
     *
     * @param force write even when the kill switch has stopped the endpoint (which reopens it)
     */
    public Applied apply(String endpoint, ObjectNode compiled, boolean force) {
        ObjectNode live = live(endpoint);
        if (compare(compiled, live).isEmpty()) {
            return Applied.IN_SYNC;
        }
        if (stoppedByBreaker(live) && !force) {
            return Applied.STOPPED_BY_BREAKER;
        }
        endpoints.put(endpoint, compiled);
        return Applied.UPDATED;
    }

    /** The differences between a compiled configuration and a live one, on meaning (see the class). */
    public static List<Drift> compare(JsonNode compiled, JsonNode live) {
        Map<String, String> want = new TreeMap<>();
        Map<String, String> have = new TreeMap<>();
        flatten("", normal(compiled), want);
        flatten("", normal(live), have);
        List<Drift> out = new ArrayList<>();
        TreeSet<String> paths = new TreeSet<>(want.keySet());
        paths.addAll(have.keySet());
        for (String p : paths) {
            String w = want.getOrDefault(p, ABSENT);
            String h = have.getOrDefault(p, ABSENT);
            if (!w.equals(h)) {
                out.add(new Drift(p, w, h));
            }
        }
        return out;
    }

    /** Drops what means "off": false flags, empty lists and objects, PII {@code NONE}, nulls. */
    private static JsonNode normal(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isObject()) {
            ObjectNode o = ((ObjectNode) n).objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = normal(e.getValue());
                boolean off = v == null
                        || (v.isBoolean() && !v.asBoolean())
                        || (v.isContainerNode() && v.isEmpty())
                        || ("behavior".equals(e.getKey()) && "NONE".equals(v.asText()));
                if (!off) {
                    o.set(e.getKey(), v);
                }
            }
            return o;
        }
        if (n.isArray()) {
            ArrayNode a = ((ArrayNode) n).arrayNode();
            n.forEach(x -> {
                JsonNode v = normal(x);
                if (v != null) {
                    a.add(v);
                }
            });
            return a;
        }
        return n;
    }

    /** Leaves as paths; a list becomes one sorted set of its items' JSON. */
    private static void flatten(String at, JsonNode n, Map<String, String> out) {
        if (n == null) {
            return;
        }
        if (n.isObject()) {
            n.fields()
                    .forEachRemaining(
                            e -> flatten(at.isEmpty() ? e.getKey() : at + "." + e.getKey(), e.getValue(), out));
        } else if (n.isArray()) {
            TreeSet<String> items = new TreeSet<>();
            n.forEach(x -> items.add(x.toString()));
            out.put(at, items.toString());
        } else {
            out.put(at, n.toString());
        }
    }
}

package io.airs.databricks.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.airs.cli.serve.LocalRunner;
import io.airs.core.gateway.ChatApi;
import io.airs.core.gateway.Gateway;
import io.airs.core.wire.WireCodec;
import io.airs.core.wire.WireException;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's chat routes, one breaker scope ({@code endpoint:NAME}) per serving endpoint:
 *
 * <ul>
 *   <li>{@code POST /serving-endpoints/{name}/invocations}: the endpoint's own route, answered in the
 *       Databricks error shape ({@link DatabricksDialect});
 *   <li>{@code POST /v1/chat/completions}: the OpenAI route, whose {@code model} names the serving
 *       endpoint, answered in the OpenAI error shape.
 * </ul>
 *
 * <p>Only the endpoints the gateway is configured to guard are served; any other name is answered
 * 404 (or 400 naming {@code model}) without a call to the workspace.
 */
final class ServingRoutes implements LocalRunner.ChatRoutes {

    static final String PREFIX = "/serving-endpoints/";
    static final String SUFFIX = "/invocations";
    static final String OPENAI = "/v1/chat/completions";

    private final Gateway gateway;
    private final WireCodec codec;
    private final Clock clock;
    private final ChatApi.Upstream upstream;
    private final Set<String> endpoints;
    private final ChatApi.Dialect databricks;
    private final ChatApi.Dialect openAi;
    private final Map<String, ChatApi> native_ = new ConcurrentHashMap<>();
    private final Map<String, ChatApi> openAiRoutes = new ConcurrentHashMap<>();
    private final ChatApi outcomes;

    /**
     * @param endpoints the serving endpoints the gateway guards (non-empty)
     */
    ServingRoutes(Gateway gateway, WireCodec codec, Clock clock, ChatApi.Upstream upstream, Set<String> endpoints) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("no serving endpoints to guard");
        }
        this.gateway = gateway;
        this.codec = codec;
        this.clock = clock;
        this.upstream = upstream;
        this.endpoints = Set.copyOf(endpoints);
        this.databricks = new DatabricksDialect(codec);
        this.openAi = ChatApi.Dialect.openAi(codec.mapper(), codec);
        // A held request is resumed with the route it was held with, whichever proxy answers the poll.
        this.outcomes = new ChatApi(gateway, codec, clock, upstream, "serving", openAi);
    }

    /** The endpoint named by an invocations path, or null when the path is not one. */
    static String endpointOf(String path) {
        if (!path.startsWith(PREFIX) || !path.endsWith(SUFFIX)) {
            return null;
        }
        String name = path.substring(PREFIX.length(), path.length() - SUFFIX.length());
        return ServingEndpointUpstream.isEndpointName(name) ? name : null;
    }

    @Override
    public boolean isChatPath(String path) {
        return OPENAI.equals(path) || endpointOf(path) != null;
    }

    @Override
    public LocalRunner.Target resolve(String path, JsonNode body) {
        if (OPENAI.equals(path)) {
            JsonNode model = body.path("model");
            if (!model.isTextual() || model.asText().isBlank()) {
                throw new WireException("model", "required: the serving endpoint's name");
            }
            String name = model.asText();
            if (!endpoints.contains(name)) {
                throw new WireException(
                        "model", "'" + bounded(name) + "' is not a serving endpoint this gateway guards");
            }
            return new LocalRunner.Target(openAiRoutes.computeIfAbsent(name, n -> proxy(n, openAi)), name);
        }
        String name = endpointOf(path);
        if (name == null || !endpoints.contains(name)) {
            return null;
        }
        return new LocalRunner.Target(native_.computeIfAbsent(name, n -> proxy(n, databricks)), name);
    }

    @Override
    public ChatApi outcomes() {
        return outcomes;
    }

    private ChatApi proxy(String endpoint, ChatApi.Dialect dialect) {
        return new ChatApi(gateway, codec, clock, upstream, endpoint, dialect);
    }

    private static String bounded(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }
}

package io.airs.databricks.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airs.core.Decision;
import io.airs.core.gateway.ChatApi;
import io.airs.core.wire.WireCodec;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * How the gateway answers on a serving endpoint's own route ({@code
 * /serving-endpoints/{name}/invocations}): the Databricks REST error shape, {@code {"error_code":
 * "BAD_REQUEST", "message": ..., "details": [{"@type": ".../google.rpc.ErrorInfo", "reason":
 * "content_blocked", "domain": "airs", "metadata": {"param": ...}}]}}, with the decision under {@code
 * airs}. A choice the output checks refused ends with {@code finish_reason: content_filter}, as on the
 * OpenAI route.
 */
final class DatabricksDialect implements ChatApi.Dialect {

    static final String ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo";

    private final ObjectMapper mapper;
    private final WireCodec codec;

    DatabricksDialect(WireCodec codec) {
        this.codec = codec;
        this.mapper = codec.mapper();
    }

    /** The Databricks error code of an HTTP status. */
    static String errorCode(int status) {
        return switch (status) {
            case 400 -> "BAD_REQUEST";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 409 -> "RESOURCE_CONFLICT";
            case 413 -> "REQUEST_LIMIT_EXCEEDED";
            case 429 -> "TOO_MANY_REQUESTS";
            case 502, 503 -> "TEMPORARILY_UNAVAILABLE";
            default -> status >= 500 ? "INTERNAL_ERROR" : "INVALID_PARAMETER_VALUE";
        };
    }

    @Override
    public ChatApi.Answer error(int status, String code, String param, String message, Decision decision) {
        ObjectNode out = mapper.createObjectNode();
        out.put("error_code", errorCode(status));
        out.put("message", message);
        ObjectNode info = out.putArray("details").addObject();
        info.put("@type", ERROR_INFO);
        info.put("reason", code);
        info.put("domain", "airs");
        if (param != null && !param.isEmpty()) {
            info.putObject("metadata").put("param", param);
        }
        try {
            if (decision != null) {
                out.set("airs", mapper.readTree(codec.writeDecision(decision)));
            }
            return ChatApi.Answer.json(status, mapper.writeValueAsBytes(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ChatApi.Answer blocked(Decision d, String param) {
        return error(400, "content_blocked", param, ChatApi.Dialect.blockedMessage(d), d);
    }

    @Override
    public void filtered(ObjectNode choice, Decision d) {
        choice.put("finish_reason", "content_filter");
    }
}

package io.airs.core.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airs.core.Category;
import io.airs.core.Finding;
import io.airs.core.RequestContext;
import io.airs.core.Stage;
import io.airs.core.wire.WireException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One decision to judge asynchronously, as it travels on the async-judge SQS queue (encrypted at
 * rest; the content is there because the judge must read it, and nowhere else):
 *
 * <pre>{@code
 * {"decision_id": "...", "stage": "output", "content": "...",
 *  "findings": [{"category", "type", "start", "end", "score", "detector"}],
 *  "context": {"request_id", "user", "agent", "session", "tool", "tenant", "model"}}
 * }</pre>
 *
 * @param decisionId the decision's evidence id
 * @param request what to judge
 */
public record JudgeJob(String decisionId, JudgeRequest request) {

    /** Reads a queue message body; a bad body is a {@link WireException} naming the field. */
    public static JudgeJob read(ObjectMapper json, String body) {
        JsonNode n;
        try {
            n = json.readTree(body);
        } catch (IOException e) {
            throw new WireException("", "not JSON");
        }
        if (n == null || !n.isObject()) {
            throw new WireException("", "expected a JSON object");
        }
        String id = text(n, "decision_id", true);
        Stage stage;
        try {
            stage = Stage.fromWire(text(n, "stage", true));
        } catch (IllegalArgumentException e) {
            throw new WireException("stage", e.getMessage());
        }
        String content = text(n, "content", true);
        List<Finding> findings = new ArrayList<>();
        JsonNode fs = n.path("findings");
        for (int i = 0; i < fs.size(); i++) {
            JsonNode f = fs.get(i);
            try {
                findings.add(new Finding(
                        Category.fromWire(f.path("category").asText()),
                        f.path("type").asText(),
                        f.path("start").asInt(),
                        f.path("end").asInt(),
                        f.path("score").asDouble(),
                        f.path("detector").asText()));
            } catch (IllegalArgumentException e) {
                throw new WireException("findings[" + i + "]", e.getMessage());
            }
        }
        JsonNode c = n.path("context");
        RequestContext ctx = new RequestContext(
                text(c, "request_id", false),
                text(c, "user", false),
                text(c, "agent", false),
                text(c, "session", false),
                text(c, "tool", false),
                text(c, "tenant", false),
                text(c, "model", false));
        return new JudgeJob(id, new JudgeRequest(stage, content, findings, null, ctx));
    }

    /** The message body for this job. */
    public String write(ObjectMapper json) {
        ObjectNode n = json.createObjectNode();
        n.put("decision_id", decisionId);
        n.put("stage", request.stage().wireName());
        n.put("content", request.content());
        ArrayNode fs = n.putArray("findings");
        for (Finding f : request.findings()) {
            fs.addObject()
                    .put("category", f.category().wireName())
                    .put("type", f.type())
                    .put("start", f.start())
                    .put("end", f.end())
                    .put("score", f.score())
                    .put("detector", f.detector());
        }
        RequestContext ctx = request.context();
        ObjectNode c = n.putObject("context");
        putIfSet(c, "request_id", ctx.requestId());
        putIfSet(c, "user", ctx.user());
        putIfSet(c, "agent", ctx.agent());
        putIfSet(c, "session", ctx.session());
        putIfSet(c, "tool", ctx.tool());
        putIfSet(c, "tenant", ctx.tenant());
        putIfSet(c, "model", ctx.model());
        try {
            return json.writeValueAsString(n);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putIfSet(ObjectNode n, String k, String v) {
        if (v != null) {
            n.put(k, v);
        }
    }

    private static String text(JsonNode n, String field, boolean required) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new WireException(field, "required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new WireException(field, "expected a string");
        }
        return v.asText();
    }
}

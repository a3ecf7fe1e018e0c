package io.airs.core.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.airs.core.Decision;
import io.airs.core.Finding;
import io.airs.core.RequestContext;
import io.airs.core.Stage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes the native wire format. Thread-safe; one instance per entry point.
 *
 * <pre>{@code
 * EvaluateRequest req = codec.readEvaluate(body);   // WireException names the bad field
 * byte[] json = codec.writeDecision(decision);
 * }</pre>
 */
public final class WireCodec {

    private static final Set<String> REQUEST_FIELDS = Set.of("stage", "content", "messages", "context");
    private static final Set<String> CONTEXT_FIELDS =
            Set.of("request_id", "user", "agent", "session", "tool", "tenant", "model");

    private final ObjectMapper mapper;

    public WireCodec() {
        this.mapper = JsonMapper.builder(JsonFactory.builder()
                        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                        .streamReadConstraints(StreamReadConstraints.builder()
                                .maxNestingDepth(64)
                                .build())
                        .build())
                .build();
    }

    /** The shared Jackson mapper (for entry points that need the tree API). */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** Parses a JSON body into a tree; a body that is not JSON is a {@link WireException}. */
    public JsonNode readTree(byte[] body) {
        if (body.length == 0) {
            throw new WireException("", "the request body is empty (expected a JSON object)");
        }
        try {
            JsonNode n = mapper.readTree(body);
            if (n == null || n.isMissingNode()) {
                throw new WireException("", "the request body is empty (expected a JSON object)");
            }
            return n;
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new WireException(
                    "",
                    "malformed JSON"
                            + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr())
                            + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses and validates a {@code POST /v1/evaluate} body. */
    public EvaluateRequest readEvaluate(byte[] body) {
        JsonNode root = readTree(body);
        if (!root.isObject()) {
            throw new WireException("", "expected a JSON object, got " + kind(root));
        }
        rejectUnknown(root, REQUEST_FIELDS, "");
        JsonNode stageNode = root.get("stage");
        if (stageNode == null || stageNode.isNull()) {
            throw new WireException("stage", "required (one of input, context, output, tool_call)");
        }
        if (!stageNode.isTextual()) {
            throw new WireException("stage", "expected a string, got " + kind(stageNode));
        }
        Stage stage;
        try {
            stage = Stage.fromWire(stageNode.asText());
        } catch (IllegalArgumentException e) {
            throw new WireException("stage", e.getMessage());
        }
        JsonNode content = root.get("content");
        JsonNode messages = root.get("messages");
        boolean hasContent = content != null && !content.isNull();
        boolean hasMessages = messages != null && !messages.isNull();
        if (hasContent == hasMessages) {
            throw new WireException(
                    hasContent ? "messages" : "content", "exactly one of 'content' and 'messages' is required");
        }
        RequestContext ctx = readContext(root.get("context"));
        if (hasContent) {
            if (!content.isTextual()) {
                throw new WireException("content", "expected a string, got " + kind(content));
            }
            return new EvaluateRequest(stage, content.asText(), null, ctx);
        }
        return new EvaluateRequest(stage, null, readMessages(messages, "messages"), ctx);
    }

    /** Reads a chat {@code messages} array; content may be a string or a list of text parts. */
    public List<Message> readMessages(JsonNode messages, String field) {
        if (!messages.isArray()) {
            throw new WireException(field, "expected an array of messages, got " + kind(messages));
        }
        if (messages.isEmpty()) {
            throw new WireException(field, "must not be empty");
        }
        List<Message> out = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String at = field + "[" + i + "]";
            if (!m.isObject()) {
                throw new WireException(at, "expected an object, got " + kind(m));
            }
            JsonNode role = m.get("role");
            if (role == null || !role.isTextual() || role.asText().isEmpty()) {
                throw new WireException(at + ".role", "required string");
            }
            out.add(new Message(role.asText(), readContent(m.get("content"), at + ".content")));
        }
        return out;
    }

    private static String readContent(JsonNode c, String at) {
        if (c == null || c.isNull()) {
            return "";
        }
        if (c.isTextual()) {
            return c.asText();
        }
        if (c.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < c.size(); i++) {
                JsonNode part = c.get(i);
                JsonNode text = part.get("text");
                if (text != null && text.isTextual()) {
                    if (sb.length() > 0) {
                        sb.append('\n');
                    }
                    sb.append(text.asText());
                } else if (!part.isObject()) {
                    throw new WireException(at + "[" + i + "]", "expected a content part object");
                }
            }
            return sb.toString();
        }
        throw new WireException(at, "expected a string or an array of content parts, got " + kind(c));
    }

    private static RequestContext readContext(JsonNode c) {
        if (c == null || c.isNull()) {
            return RequestContext.empty();
        }
        if (!c.isObject()) {
            throw new WireException("context", "expected an object, got " + kind(c));
        }
        rejectUnknown(c, CONTEXT_FIELDS, "context.");
        return new RequestContext(
                text(c, "request_id"),
                text(c, "user"),
                text(c, "agent"),
                text(c, "session"),
                text(c, "tool"),
                text(c, "tenant"),
                text(c, "model"));
    }

    private static String text(JsonNode obj, String field) {
        JsonNode n = obj.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new WireException("context." + field, "expected a string, got " + kind(n));
        }
        if (n.asText().length() > 256) {
            throw new WireException("context." + field, "longer than 256 characters");
        }
        return n.asText();
    }

    private static void rejectUnknown(JsonNode obj, Set<String> known, String prefix) {
        Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
        while (it.hasNext()) {
            String name = it.next().getKey();
            if (!known.contains(name)) {
                throw new WireException(
                        prefix + name,
                        "unknown field (expected " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
    }

    /** A short name for a JSON value's kind, for error messages. */
    public static String kind(JsonNode n) {
        if (n.isObject()) {
            return "an object";
        }
        if (n.isArray()) {
            return "an array";
        }
        if (n.isTextual()) {
            return "a string";
        }
        if (n.isNumber()) {
            return "a number";
        }
        if (n.isBoolean()) {
            return "a boolean";
        }
        return "null";
    }

    /** The decision as wire JSON. */
    public byte[] writeDecision(Decision d) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
            writeDecision(g, d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes the decision object to {@code g}. */
    public void writeDecision(JsonGenerator g, Decision d) throws IOException {
        g.writeStartObject();
        g.writeStringField("decision", d.verdict().wireName());
        String reason = reasonOf(d);
        if (reason != null) {
            g.writeStringField("reason", reason);
        }
        g.writeFieldName("findings");
        writeFindings(g, d.findings(), -1);
        if (d instanceof Decision.Modify m) {
            g.writeStringField("content", m.content());
        }
        g.writeStringField("decision_id", d.decisionId());
        g.writeStringField("policy_revision", d.policyRevision());
        g.writeEndObject();
    }

    /** Writes the combined decision for a list of messages, each evaluated on its own. */
    public byte[] writeMessagesDecision(List<Message> messages, List<Decision> decisions) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        Decision strongest = strongest(decisions);
        try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("decision", strongest.verdict().wireName());
            String reason = reasonOf(strongest);
            if (reason != null) {
                g.writeStringField("reason", reason);
            }
            g.writeArrayFieldStart("findings");
            for (int i = 0; i < decisions.size(); i++) {
                for (Finding f : decisions.get(i).findings()) {
                    writeFinding(g, f, i);
                }
            }
            g.writeEndArray();
            if (strongest instanceof Decision.Modify) {
                g.writeArrayFieldStart("messages");
                for (int i = 0; i < messages.size(); i++) {
                    g.writeStartObject();
                    g.writeStringField("role", messages.get(i).role());
                    g.writeStringField(
                            "content",
                            decisions.get(i) instanceof Decision.Modify m
                                    ? m.content()
                                    : messages.get(i).content());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeStringField("decision_id", strongest.decisionId());
            g.writeArrayFieldStart("decision_ids");
            for (Decision d : decisions) {
                g.writeString(d.decisionId());
            }
            g.writeEndArray();
            g.writeStringField("policy_revision", strongest.policyRevision());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The strongest of several decisions (block beats escalate beats modify beats allow); first wins ties. */
    public static Decision strongest(List<Decision> decisions) {
        Decision best = decisions.get(0);
        for (Decision d : decisions) {
            if (d.verdict().ordinal() > best.verdict().ordinal()) {
                best = d;
            }
        }
        return best;
    }

    /** The reason code of an escalation or block, else null. */
    public static String reasonOf(Decision d) {
        return switch (d) {
            case Decision.Block b -> b.reason();
            case Decision.Escalate e -> e.reason();
            default -> null;
        };
    }

    /** Writes findings as a JSON array; {@code message} >= 0 adds the message index. */
    public void writeFindings(JsonGenerator g, List<Finding> findings, int message) throws IOException {
        g.writeStartArray();
        for (Finding f : findings) {
            writeFinding(g, f, message);
        }
        g.writeEndArray();
    }

    private static void writeFinding(JsonGenerator g, Finding f, int message) throws IOException {
        g.writeStartObject();
        g.writeStringField("category", f.category().wireName());
        g.writeStringField("type", f.type());
        g.writeNumberField("start", f.start());
        g.writeNumberField("end", f.end());
        g.writeNumberField("score", Math.round(f.score() * 1000) / 1000.0);
        g.writeStringField("detector", f.detector());
        if (message >= 0) {
            g.writeNumberField("message", message);
        }
        g.writeEndObject();
    }
}

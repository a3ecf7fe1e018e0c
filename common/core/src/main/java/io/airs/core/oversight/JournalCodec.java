package io.airs.core.oversight;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airs.core.Category;
import io.airs.core.Finding;
import io.airs.core.RiskTier;
import io.airs.core.Stage;
import io.airs.core.evidence.Identities;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes journal lines. Output is ASCII only (everything else escaped as {@code \\uXXXX}),
 * so any Java string, even one holding a lone surrogate from user traffic, round-trips exactly and
 * a line can never be split inside a multi-byte character.
 */
final class JournalCodec {

    static final int VERSION = 1;

    private final JsonMapper mapper =
            JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    /** The event as one line, newline included. */
    byte[] write(JournalEvent event) {
        ObjectNode n = mapper.createObjectNode();
        n.put("v", VERSION);
        switch (event) {
            case JournalEvent.Opened o -> {
                Escalation e = o.escalation();
                n.put("event", "opened");
                n.put("ticket", e.ticket());
                n.put("queue", e.queue().name());
                n.put("created_at", e.createdAt().toString());
                n.put("deadline", e.deadline().toString());
                n.put("stage", e.stage().name());
                n.put("decision_id", e.decisionId());
                n.put("request_id", e.requestId());
                n.put("reason", e.reason());
                n.put("policy_revision", e.policyRevision());
                n.put("risk_tier", e.riskTier().name());
                ArrayNode fs = n.putArray("findings");
                for (Finding f : e.findings()) {
                    ObjectNode fn = fs.addObject();
                    fn.put("category", f.category().name());
                    fn.put("type", f.type());
                    fn.put("start", f.start());
                    fn.put("end", f.end());
                    fn.put("score", f.score());
                    fn.put("detector", f.detector());
                }
                n.put("excerpt", e.redactedExcerpt());
                ObjectNode id = n.putObject("identities");
                id.put("user", e.identities().user());
                id.put("agent", e.identities().agent());
                id.put("session", e.identities().session());
                id.put("tenant", e.identities().tenant());
                n.put("content_hash", e.contentHash());
                n.put("held", o.held());
            }
            case JournalEvent.Decided d -> {
                n.put("event", "decided");
                n.put("ticket", d.ticket());
                n.put("status", d.status().name());
                n.put("reviewer", d.reviewer());
                n.put("note", d.note());
                n.put("content", d.content());
                n.put("at", d.at().toString());
            }
            case JournalEvent.Escalated x -> {
                n.put("event", "escalated");
                n.put("ticket", x.ticket());
                n.put("to", x.to().name());
                n.put("deadline", x.deadline().toString());
                n.put("reviewer", x.reviewer());
                n.put("note", x.note());
                n.put("at", x.at().toString());
            }
            case JournalEvent.Expired x -> {
                n.put("event", "expired");
                n.put("ticket", x.ticket());
                n.put("at", x.at().toString());
            }
        }
        try {
            byte[] json = mapper.writeValueAsBytes(n);
            byte[] line = new byte[json.length + 1];
            System.arraycopy(json, 0, line, 0, json.length);
            line[json.length] = '\n';
            return line;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses one line (without its newline).
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    JournalEvent read(byte[] buf, int off, int len) {
        JsonNode n;
        try {
            n = mapper.readTree(buf, off, len);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON");
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if (n.path("v").asInt(-1) != VERSION) {
            throw new IllegalArgumentException("unsupported version " + n.path("v"));
        }
        String ticket = text(n, "ticket");
        try {
            return switch (text(n, "event")) {
                case "opened" -> {
                    List<Finding> findings = new ArrayList<>();
                    for (JsonNode f : array(n, "findings")) {
                        findings.add(new Finding(
                                Category.valueOf(text(f, "category")),
                                text(f, "type"),
                                integer(f, "start"),
                                integer(f, "end"),
                                number(f, "score"),
                                text(f, "detector")));
                    }
                    JsonNode id = n.path("identities");
                    Escalation e = new Escalation(
                            ticket,
                            Severity.valueOf(text(n, "queue")),
                            EscalationStatus.PENDING,
                            instant(n, "created_at"),
                            instant(n, "deadline"),
                            Stage.valueOf(text(n, "stage")),
                            text(n, "decision_id"),
                            text(n, "request_id"),
                            optText(n, "reason"),
                            text(n, "policy_revision"),
                            RiskTier.valueOf(text(n, "risk_tier")),
                            findings,
                            optText(n, "excerpt"),
                            new Identities(
                                    optText(id, "user"),
                                    optText(id, "agent"),
                                    optText(id, "session"),
                                    optText(id, "tenant")),
                            text(n, "content_hash"),
                            null,
                            null,
                            null,
                            null,
                            null);
                    yield new JournalEvent.Opened(e, text(n, "held"));
                }
                case "decided" ->
                    new JournalEvent.Decided(
                            ticket,
                            EscalationStatus.valueOf(text(n, "status")),
                            text(n, "reviewer"),
                            optText(n, "note"),
                            optText(n, "content"),
                            instant(n, "at"));
                case "escalated" ->
                    new JournalEvent.Escalated(
                            ticket,
                            Severity.valueOf(text(n, "to")),
                            instant(n, "deadline"),
                            text(n, "reviewer"),
                            optText(n, "note"),
                            instant(n, "at"));
                case "expired" -> new JournalEvent.Expired(ticket, instant(n, "at"));
                default -> throw new IllegalArgumentException("unknown event " + n.path("event"));
            };
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("bad timestamp");
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("missing or non-text field " + field);
        }
        return v.textValue();
    }

    private static String optText(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("non-text field " + field);
        }
        return v.textValue();
    }

    private static int integer(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("missing or non-integer field " + field);
        }
        return v.intValue();
    }

    private static double number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException("missing or non-number field " + field);
        }
        return v.doubleValue();
    }

    private static JsonNode array(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isArray()) {
            throw new IllegalArgumentException("missing or non-array field " + field);
        }
        return v;
    }

    private static Instant instant(JsonNode n, String field) {
        return Instant.parse(text(n, field));
    }
}

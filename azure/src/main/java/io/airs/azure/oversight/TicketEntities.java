package io.airs.azure.oversight;

import com.azure.data.tables.models.TableEntity;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airs.core.Category;
import io.airs.core.Finding;
import io.airs.core.RiskTier;
import io.airs.core.Stage;
import io.airs.core.evidence.Identities;
import io.airs.core.oversight.Escalation;
import io.airs.core.oversight.EscalationStatus;
import io.airs.core.oversight.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shape of the ticket table. Every ticket is one partition, {@code PartitionKey} = the ticket
 * id, holding:
 *
 * <ul>
 *   <li>the ticket row, {@code RowKey} = {@value #TICKET_ROW}: one property per {@link Escalation}
 *       field (PascalCase, absent when null; {@code Findings} as a JSON array), plus {@code
 *       DeadlineKey} and {@code DecidedAtKey}, the instants as fixed-width strings that sort and
 *       compare like the instants themselves (nanoseconds kept), {@code HeldChunks}, the number of
 *       held-content rows (0 once nobody may receive it), and the outbox: {@code MessageOwed}, true
 *       from the moment reviewers are owed a message (opened, escalated) until the queue accepted it,
 *       with {@code OwedQueue} (the {@link Severity} name) and {@code OwedSince} (an instant key)
 *       while it is owed;
 *   <li>the held content, apart from the ticket: rows {@code held-0000}, {@code held-0001}, ... of
 *       at most {@value #CHUNK_CHARS} UTF-16 chars each in property {@code Content}, since a Table
 *       string property holds at most 64 KiB.
 * </ul>
 *
 * One partition per ticket lets an entity group transaction create the ticket and its held content
 * together, and drop the held content in the same transaction that denies, modifies or expires the
 * ticket. A string longer than one property holds ({@code Findings}, {@code RedactedExcerpt}, a
 * reviewer's {@code OutcomeContent}) continues in {@code Name_1}, {@code Name_2}, ... Queries for
 * {@code list}, {@code expire} and the outbox filter on {@code RowKey} and these properties, so they
 * never read a held-content row.
 */
final class TicketEntities {

    static final String TICKET_ROW = "ticket";
    static final String HELD_ROW_PREFIX = "held-";
    static final int CHUNK_CHARS = 30_000;

    static final String QUEUE = "Queue";
    static final String STATUS = "Status";
    static final String CREATED_AT = "CreatedAt";
    static final String DEADLINE = "Deadline";
    static final String DEADLINE_KEY = "DeadlineKey";
    static final String STAGE = "Stage";
    static final String DECISION_ID = "DecisionId";
    static final String REQUEST_ID = "RequestId";
    static final String REASON = "Reason";
    static final String POLICY_REVISION = "PolicyRevision";
    static final String RISK_TIER = "RiskTier";
    static final String FINDINGS = "Findings";
    static final String REDACTED_EXCERPT = "RedactedExcerpt";
    static final String USER = "IdentityUser";
    static final String AGENT = "IdentityAgent";
    static final String SESSION = "IdentitySession";
    static final String TENANT = "IdentityTenant";
    static final String CONTENT_HASH = "ContentHash";
    static final String REVIEWER = "Reviewer";
    static final String NOTE = "Note";
    static final String DECIDED_AT = "DecidedAt";
    static final String DECIDED_AT_KEY = "DecidedAtKey";
    static final String OUTCOME_CONTENT = "OutcomeContent";
    static final String HELD_CHUNKS = "HeldChunks";
    static final String MESSAGE_OWED = "MessageOwed";
    static final String OWED_QUEUE = "OwedQueue";
    static final String OWED_SINCE = "OwedSince";
    static final String CONTENT = "Content";

    /** An entity holds at most 1 MiB; this leaves room for the service's own bookkeeping. */
    static final int MAX_ENTITY_BYTES = 1_000_000;

    // Shifts every representable epoch second (down to Instant.MIN) above zero, so keys are fixed-width.
    private static final long EPOCH_OFFSET = 100_000_000_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private TicketEntities() {}

    /** The message reviewers are owed: to {@code queue}, since {@code since}. */
    record Owed(Severity queue, Instant since) {}

    /** An instant as a string that sorts like the instant: {@code SSSSSSSSSSSSSSSSSS.NNNNNNNNN}. */
    static String instantKey(Instant i) {
        return String.format("%018d.%09d", i.getEpochSecond() + EPOCH_OFFSET, i.getNano());
    }

    static String heldRow(int i) {
        return HELD_ROW_PREFIX + String.format("%04d", i);
    }

    /** The ticket row for {@code e} with {@code heldChunks} held-content rows and {@code owed} (or null). */
    static TableEntity toEntity(Escalation e, int heldChunks, Owed owed) {
        TableEntity t = new TableEntity(e.ticket(), TICKET_ROW);
        t.addProperty(QUEUE, e.queue().name());
        t.addProperty(STATUS, e.status().name());
        t.addProperty(CREATED_AT, e.createdAt().toString());
        t.addProperty(DEADLINE, e.deadline().toString());
        t.addProperty(DEADLINE_KEY, instantKey(e.deadline()));
        t.addProperty(STAGE, e.stage().name());
        t.addProperty(DECISION_ID, e.decisionId());
        t.addProperty(REQUEST_ID, e.requestId());
        putIfSet(t, REASON, e.reason());
        t.addProperty(POLICY_REVISION, e.policyRevision());
        t.addProperty(RISK_TIER, e.riskTier().name());
        putLong(t, FINDINGS, findingsJson(e.findings()));
        putLong(t, REDACTED_EXCERPT, e.redactedExcerpt());
        putIfSet(t, USER, e.identities().user());
        putIfSet(t, AGENT, e.identities().agent());
        putIfSet(t, SESSION, e.identities().session());
        putIfSet(t, TENANT, e.identities().tenant());
        t.addProperty(CONTENT_HASH, e.contentHash());
        putIfSet(t, REVIEWER, e.reviewer());
        putLong(t, NOTE, e.note());
        if (e.decidedAt() != null) {
            t.addProperty(DECIDED_AT, e.decidedAt().toString());
            t.addProperty(DECIDED_AT_KEY, instantKey(e.decidedAt()));
        }
        putLong(t, OUTCOME_CONTENT, e.outcomeContent());
        t.addProperty(HELD_CHUNKS, heldChunks);
        t.addProperty(MESSAGE_OWED, owed != null);
        if (owed != null) {
            t.addProperty(OWED_QUEUE, owed.queue().name());
            t.addProperty(OWED_SINCE, instantKey(owed.since()));
        }
        return t;
    }

    /** The ticket a ticket row holds, never with its held content. */
    static Escalation fromEntity(TableEntity t) {
        Map<String, Object> m = t.getProperties();
        return new Escalation(
                t.getPartitionKey(),
                Severity.valueOf(str(m, QUEUE)),
                EscalationStatus.valueOf(str(m, STATUS)),
                Instant.parse(str(m, CREATED_AT)),
                Instant.parse(str(m, DEADLINE)),
                Stage.valueOf(str(m, STAGE)),
                str(m, DECISION_ID),
                str(m, REQUEST_ID),
                str(m, REASON),
                str(m, POLICY_REVISION),
                RiskTier.valueOf(str(m, RISK_TIER)),
                findings(longStr(m, FINDINGS)),
                longStr(m, REDACTED_EXCERPT),
                new Identities(str(m, USER), str(m, AGENT), str(m, SESSION), str(m, TENANT)),
                str(m, CONTENT_HASH),
                str(m, REVIEWER),
                longStr(m, NOTE),
                instant(m, DECIDED_AT),
                longStr(m, OUTCOME_CONTENT),
                null);
    }

    static int heldChunks(TableEntity t) {
        Object v = t.getProperty(HELD_CHUNKS);
        return v instanceof Number n ? n.intValue() : 0;
    }

    /** The message still owed for this ticket row, or null. */
    static Owed owed(TableEntity t) {
        if (!Boolean.TRUE.equals(t.getProperty(MESSAGE_OWED))) {
            return null;
        }
        Map<String, Object> m = t.getProperties();
        String key = str(m, OWED_SINCE);
        return new Owed(Severity.valueOf(str(m, OWED_QUEUE)), fromKey(key));
    }

    /** {@code content} cut into rows of at most {@value #CHUNK_CHARS} chars; one row for "". */
    static List<String> chunks(String content) {
        List<String> out = new ArrayList<>();
        int i = 0;
        do {
            int end = cut(content, i, CHUNK_CHARS);
            out.add(content.substring(i, end));
            i = end;
        } while (i < content.length());
        return out;
    }

    static TableEntity heldEntity(String ticket, int i, String chunk) {
        return new TableEntity(ticket, heldRow(i)).addProperty(CONTENT, chunk);
    }

    /**
     * A rough upper bound of the entity's stored size (UTF-16 names and values), to refuse what the
     * service would refuse with a clear reason instead.
     */
    static int estimatedBytes(TableEntity t) {
        long n = 2L * (t.getPartitionKey().length() + t.getRowKey().length());
        for (Map.Entry<String, Object> p : t.getProperties().entrySet()) {
            n += 8 + 2L * p.getKey().length();
            if (p.getValue() instanceof String s) {
                n += 4 + 2L * s.length();
            } else {
                n += 8;
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, n);
    }

    private static Instant fromKey(String key) {
        int dot = key.indexOf('.');
        long seconds = Long.parseLong(key.substring(0, dot)) - EPOCH_OFFSET;
        return Instant.ofEpochSecond(seconds, Long.parseLong(key.substring(dot + 1)));
    }

    /** The end of the part starting at {@code from}: at most {@code max} chars, never inside a surrogate pair. */
    private static int cut(String s, int from, int max) {
        int end = Math.min(s.length(), from + max);
        if (end < s.length() && end > from && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    private static void putIfSet(TableEntity t, String name, String v) {
        if (v != null) {
            t.addProperty(name, v);
        }
    }

    /** {@code v} in {@code name}, continued in {@code name_1}, {@code name_2}, ... when it is long. */
    private static void putLong(TableEntity t, String name, String v) {
        if (v == null) {
            return;
        }
        int part = 0;
        int i = 0;
        do {
            int end = cut(v, i, CHUNK_CHARS);
            t.addProperty(part == 0 ? name : name + "_" + part, v.substring(i, end));
            part++;
            i = end;
        } while (i < v.length());
    }

    private static String longStr(Map<String, Object> m, String name) {
        String first = str(m, name);
        if (first == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(first);
        for (int part = 1; ; part++) {
            String next = str(m, name + "_" + part);
            if (next == null) {
                return b.toString();
            }
            b.append(next);
        }
    }

    private static String str(Map<String, Object> m, String name) {
        Object v = m.get(name);
        return v == null ? null : v.toString();
    }

    private static Instant instant(Map<String, Object> m, String name) {
        String v = str(m, name);
        return v == null ? null : Instant.parse(v);
    }

    private static String findingsJson(List<Finding> findings) {
        ArrayNode a = JSON.createArrayNode();
        for (Finding f : findings) {
            ObjectNode n = a.addObject();
            n.put("category", f.category().name());
            n.put("type", f.type());
            n.put("start", f.start());
            n.put("end", f.end());
            n.put("score", f.score());
            n.put("detector", f.detector());
        }
        return a.toString();
    }

    private static List<Finding> findings(String json) {
        if (json == null) {
            return List.of();
        }
        JsonNode a;
        try {
            a = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ticket row holds findings that are not JSON", e);
        }
        List<Finding> out = new ArrayList<>(a.size());
        for (JsonNode n : a) {
            out.add(new Finding(
                    Category.valueOf(n.get("category").asText()),
                    n.get("type").asText(),
                    n.get("start").asInt(),
                    n.get("end").asInt(),
                    n.get("score").asDouble(),
                    n.get("detector").asText()));
        }
        return out;
    }
}

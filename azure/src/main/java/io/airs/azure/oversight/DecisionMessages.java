package io.airs.azure.oversight;

import com.azure.storage.queue.QueueClient;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airs.azure.oversight.DecisionResult.Reason;
import io.airs.azure.oversight.DecisionResult.Status;
import io.airs.core.evidence.EvidenceDraft;
import io.airs.core.oversight.AlreadyDecidedException;
import io.airs.core.oversight.Escalation;
import io.airs.core.oversight.EscalationStatus;
import io.airs.core.oversight.InvalidReviewException;
import io.airs.core.oversight.Oversight;
import io.airs.core.oversight.ReviewDecision;
import io.airs.core.oversight.Severity;
import io.airs.core.oversight.UnknownTicketException;
import io.airs.core.wire.ControlCodec;
import io.airs.core.wire.WireException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies reviewers' decisions read from the decision queue, one message each, through {@link
 * Oversight} (so each applied decision is an evidence record): {@code {"ticket": "esc_...",
 * "decision": "approve|deny|modify|escalate", "reviewer": "...", "note": "..."?, "content": "..."?,
 * "queue": "high"?}}. The decision fields are read by the shared {@link
 * ControlCodec#readReviewDecision}. {@code queue}, optional, is the queue the reviewer saw the ticket
 * in; it makes ESCALATE idempotent too (an escalation whose ticket has already left that queue is a
 * duplicate), which the port alone does not.
 *
 * <p>Every message ends one of four ways:
 *
 * <ul>
 *   <li>{@link Status#APPLIED}: the ticket changed.
 *   <li>{@link Status#DUPLICATE}: a redelivery; the ticket already is what the decision makes it
 *       (the same final decision by the same reviewer with the same note and content, or an
 *       escalation out of a queue it has left). Nothing changes, no evidence is written.
 *   <li>{@link Status#REJECTED}: it can never apply (malformed, an invalid field, an unknown ticket,
 *       a different decision on a final ticket, an expired ticket). The caller logs {@link
 *       DecisionResult#logLine()} and returns normally, so the host deletes the message and never
 *       retries it; when built with a poison queue, the message is first written there with the
 *       reason (JSON {@code {"reason", "detail", "ticket"?, "message_id"?, "message"}}, the original
 *       body under {@code message}, or its {@code message_sha256} when it would not fit).
 *   <li>Anything else (the table, the queue or the evidence sink failing): {@code apply} throws, the
 *       function fails, and the host retries the message, moving it to {@code QUEUE-poison} after
 *       its {@code maxDequeueCount}.
 * </ul>
 *
 * <p>Duplicates are recognised from the ticket as it stands. Two deliveries of one decision handled
 * at the same moment by two instances (possible only once the first's visibility timeout has lapsed)
 * change the ticket once, but may both report APPLIED and both write an evidence record.
 *
 * <pre>{@code
 * DecisionMessages decisions = DecisionMessages.create(oversight, config);
 * // in the queue-triggered function (the host has Base64-decoded the body):
 * DecisionResult r = decisions.apply(id, message);
 * context.getLogger().info(r.logLine());
 * }</pre>
 */
public final class DecisionMessages {

    /** The longest message body read, in UTF-16 chars; longer ones are rejected unread. */
    public static final int MAX_BODY_CHARS = 65_536;

    private static final int MAX_TICKET_CHARS = 128;

    private final Oversight oversight;
    private final QueueClient poison;
    private final ObjectMapper mapper = new ObjectMapper();
    private final ControlCodec codec = new ControlCodec(mapper);

    /** Decisions applied through {@code oversight}; rejected messages are only reported. */
    public DecisionMessages(Oversight oversight) {
        this.oversight = Objects.requireNonNull(oversight, "oversight");
        this.poison = null;
    }

    /**
     * Decisions applied through {@code oversight}; rejected messages are also written to {@code
     * poison} (normally {@link TableQueueEscalationConfig#poisonQueue()}) with the reason.
     */
    public DecisionMessages(Oversight oversight, QueueClient poison) {
        this.oversight = Objects.requireNonNull(oversight, "oversight");
        this.poison = Objects.requireNonNull(poison, "poison");
    }

    /**
     * Decisions applied through {@code oversight}, rejected messages written to {@code config}'s
     * poison queue over its connection (created first when {@link
     * TableQueueEscalationConfig#createIfMissing()}).
     */
    public static DecisionMessages create(Oversight oversight, TableQueueEscalationConfig config) {
        QueueClient poison = config.connection().queueServiceClient().getQueueClient(config.poisonQueue());
        if (config.createIfMissing()) {
            poison.createIfNotExists();
        }
        return new DecisionMessages(oversight, poison);
    }

    /**
     * Applies one message.
     *
     * @param messageId the queue message id, for the log and the poison message; may be null
     * @param body the message text as the host hands it over (already Base64-decoded)
     * @return applied, duplicate or rejected
     * @throws RuntimeException when the decision could not be applied for a reason a retry may cure
     */
    public DecisionResult apply(String messageId, String body) {
        DecisionResult r = decide(messageId, body);
        if (r.status() == Status.REJECTED && poison != null) {
            poison.sendMessage(poisonMessage(r, body));
        }
        return r;
    }

    private DecisionResult decide(String id, String body) {
        if (body == null || body.length() > MAX_BODY_CHARS) {
            return rejected(id, null, Reason.MALFORMED, "body missing or longer than " + MAX_BODY_CHARS + " chars");
        }
        JsonNode n;
        try {
            n = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            return rejected(id, null, Reason.MALFORMED, "body is not JSON");
        }
        if (n == null || !n.isObject()) {
            return rejected(id, null, Reason.MALFORMED, "body is not a JSON object");
        }
        JsonNode t = n.get("ticket");
        if (t == null || !t.isTextual() || !validTicket(t.asText())) {
            return rejected(id, null, Reason.MALFORMED, "ticket: required, 1 to 128 printable ASCII characters");
        }
        String ticket = t.asText();
        ObjectNode fields = ((ObjectNode) n).deepCopy();
        fields.remove("ticket");
        JsonNode q = fields.remove("queue");
        Severity seenIn = null;
        if (q != null && !q.isNull()) {
            if (!q.isTextual()) {
                return rejected(id, ticket, Reason.INVALID_FIELD, "invalid field queue");
            }
            try {
                seenIn = Severity.fromWire(q.asText());
            } catch (IllegalArgumentException e) {
                return rejected(id, ticket, Reason.INVALID_FIELD, "invalid field queue");
            }
        }
        ReviewDecision decision;
        try {
            decision = codec.readReviewDecision(fields);
        } catch (WireException e) {
            // The field name only: the message of a wire error may quote the reviewer's input.
            return rejected(id, ticket, Reason.INVALID_FIELD, "invalid field " + e.field());
        }
        try {
            Optional<Escalation> before = oversight.get(ticket);
            if (before.isEmpty()) {
                return rejected(id, ticket, Reason.UNKNOWN_TICKET, "no such ticket");
            }
            Escalation b = before.get().withHeldContent(null);
            if (!b.isOpen()) {
                if (TableQueueEscalationStore.sameAs(decision, b)) {
                    return new DecisionResult(Status.DUPLICATE, id, ticket, null, "ticket already " + statusName(b), b);
                }
                return finalTicket(id, ticket, b.status());
            }
            if (decision.decision() == ReviewDecision.Kind.ESCALATE && seenIn != null && seenIn != b.queue()) {
                if (b.queue().moreUrgentThan(seenIn)) {
                    return new DecisionResult(
                            Status.DUPLICATE,
                            id,
                            ticket,
                            null,
                            "ticket already moved from " + seenIn.wireName() + " to "
                                    + b.queue().wireName(),
                            b);
                }
                return rejected(
                        id,
                        ticket,
                        Reason.INVALID_FIELD,
                        "invalid field queue (the ticket is in " + b.queue().wireName() + ")");
            }
            Escalation after = oversight.decide(ticket, decision).withHeldContent(null);
            return new DecisionResult(
                    Status.APPLIED,
                    id,
                    ticket,
                    null,
                    decision.decision().wireName() + ": ticket " + statusName(after) + " in "
                            + after.queue().wireName(),
                    after);
        } catch (UnknownTicketException e) {
            return rejected(id, ticket, Reason.UNKNOWN_TICKET, "no such ticket");
        } catch (AlreadyDecidedException e) {
            return finalTicket(id, ticket, e.status());
        } catch (InvalidReviewException e) {
            return rejected(id, ticket, Reason.INVALID_FIELD, "invalid field " + e.field());
        }
    }

    private static DecisionResult finalTicket(String id, String ticket, EscalationStatus status) {
        if (status == EscalationStatus.EXPIRED) {
            return rejected(id, ticket, Reason.EXPIRED, "ticket expired: its deadline passed undecided");
        }
        return rejected(
                id,
                ticket,
                Reason.ALREADY_DECIDED,
                "ticket already " + status.name().toLowerCase(Locale.ROOT) + " by another decision");
    }

    private static DecisionResult rejected(String id, String ticket, Reason reason, String detail) {
        return new DecisionResult(Status.REJECTED, id, ticket, reason, detail, null);
    }

    private static String statusName(Escalation e) {
        return e.status().name().toLowerCase(Locale.ROOT);
    }

    private String poisonMessage(DecisionResult r, String body) {
        ObjectNode p = mapper.createObjectNode();
        p.put("reason", r.reason().wireName());
        p.put("detail", r.detail());
        if (r.ticket() != null) {
            p.put("ticket", r.ticket());
        }
        if (r.messageId() != null) {
            p.put("message_id", r.messageId());
        }
        if (body != null) {
            p.put("message", body);
            if (p.toString().getBytes(StandardCharsets.UTF_8).length > TableQueueEscalationStore.MAX_MESSAGE_BYTES) {
                p.remove("message");
                p.put("message_sha256", EvidenceDraft.hashContent(body));
            }
        }
        return p.toString();
    }

    private static boolean validTicket(String s) {
        if (s.isEmpty() || s.length() > MAX_TICKET_CHARS) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}

package io.airs.aws.oversight;

import static io.airs.aws.oversight.EscalationTable.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.airs.core.evidence.EvidenceDraft;
import io.airs.core.oversight.AlreadyDecidedException;
import io.airs.core.oversight.Escalation;
import io.airs.core.oversight.EscalationFilter;
import io.airs.core.oversight.EscalationStatus;
import io.airs.core.oversight.EscalationStore;
import io.airs.core.oversight.InvalidReviewException;
import io.airs.core.oversight.NewEscalation;
import io.airs.core.oversight.OversightConfig;
import io.airs.core.oversight.ReviewDecision;
import io.airs.core.oversight.Severity;
import io.airs.core.oversight.UnknownTicketException;
import io.airs.core.wire.ControlCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * An {@link EscalationStore} on DynamoDB and SQS. Ticket state lives in one table (see {@link
 * EscalationTable}); every ticket opened, and every ticket escalated to another queue, is also sent
 * to the SQS queue of its severity so reviewers see it in the console. The message body is the
 * reviewer view of {@link ControlCodec#escalation} (held content only when {@link
 * OversightConfig#showRawContent()}), with message attributes {@code queue}, {@code ticket} and
 * {@code status}.
 *
 * <p>Every state change is a conditional write, so any number of Lambda instances may share the
 * table: a decision applies only while the ticket is PENDING or ESCALATED and its deadline has not
 * passed, and the loser of a race re-reads and answers as the core stores do (identical final
 * decision: the ticket as it is; a different one: {@link AlreadyDecidedException}). Reads of one
 * ticket are strongly consistent; {@link #list} and {@link #expire} query the {@code status} /
 * {@code deadline_key} index, which DynamoDB keeps eventually consistent, so a ticket opened a moment
 * ago may be found by the next sweep rather than this one (it can never be released late: decisions
 * check the deadline themselves). dynalite supports the same index, so the tests use it too.
 *
 * <p>{@link #open} writes the item first and then sends the message; if the send fails it deletes
 * the item again and throws, so a call that throws has not opened anything.
 *
 * <pre>{@code
 * EscalationStore store = new DynamoSqsEscalationStore(dynamo, sqs,
 *         DynamoSqsEscalationConfig.defaults(queueBase), OversightConfig.defaults());
 * Oversight oversight = Oversight.builder(store, evidence).build();
 * }</pre>
 */
public final class DynamoSqsEscalationStore implements EscalationStore {

    private static final int MAX_RACES = 8;

    private final DynamoDbClient dynamo;
    private final SqsClient sqs;
    private final DynamoSqsEscalationConfig config;
    private final OversightConfig oversight;
    private final ControlCodec codec;
    private final ObjectMapper mapper;
    private final String projection;
    private final Map<String, String> projectionNames;

    /**
     * A store over {@code dynamo} and {@code sqs} (the caller owns and closes both clients).
     *
     * @param oversight the SLAs applied on ESCALATE and whether messages may carry held content
     */
    public DynamoSqsEscalationStore(
            DynamoDbClient dynamo, SqsClient sqs, DynamoSqsEscalationConfig config, OversightConfig oversight) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.config = Objects.requireNonNull(config, "config");
        this.oversight = Objects.requireNonNull(oversight, "oversight");
        this.mapper = new ObjectMapper();
        this.codec = new ControlCodec(mapper);
        Map<String, String> names = new HashMap<>();
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < VIEW_ATTRIBUTES.size(); i++) {
            String alias = "#a" + i;
            names.put(alias, VIEW_ATTRIBUTES.get(i));
            p.append(i == 0 ? "" : ",").append(alias);
        }
        this.projection = p.toString();
        this.projectionNames = Map.copyOf(names);
    }

    @Override
    public Escalation open(NewEscalation n, String heldContent) {
        Objects.requireNonNull(n, "escalation");
        Objects.requireNonNull(heldContent, "heldContent");
        Escalation e = new Escalation(
                n.ticket(),
                n.queue(),
                EscalationStatus.PENDING,
                n.createdAt(),
                n.deadline(),
                n.stage(),
                n.decisionId(),
                n.requestId(),
                n.reason(),
                n.policyRevision(),
                n.riskTier(),
                n.findings(),
                n.redactedExcerpt(),
                n.identities(),
                EvidenceDraft.hashContent(heldContent),
                null,
                null,
                null,
                null,
                null);
        try {
            dynamo.putItem(b -> b.tableName(config.table())
                    .item(toItem(e, heldContent))
                    .conditionExpression("attribute_not_exists(#t)")
                    .expressionAttributeNames(Map.of("#t", TICKET)));
        } catch (ConditionalCheckFailedException exists) {
            throw new IllegalArgumentException("ticket " + n.ticket() + " already exists");
        }
        try {
            publish(e, heldContent);
        } catch (RuntimeException sendFailed) {
            try {
                dynamo.deleteItem(b -> b.tableName(config.table()).key(key(e.ticket())));
            } catch (RuntimeException deleteFailed) {
                sendFailed.addSuppressed(deleteFailed);
            }
            throw sendFailed;
        }
        return e;
    }

    @Override
    public Optional<Escalation> get(String ticket) {
        Objects.requireNonNull(ticket, "ticket");
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(config.table())
                        .key(key(ticket))
                        .consistentRead(true)
                        .projectionExpression(projection)
                        .expressionAttributeNames(projectionNames))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public List<Escalation> list(EscalationFilter filter, int limit) {
        Objects.requireNonNull(filter, "filter");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        Set<EscalationStatus> statuses =
                filter.statuses().isEmpty() ? EnumSet.allOf(EscalationStatus.class) : filter.statuses();
        List<Escalation> out = new ArrayList<>();
        for (EscalationStatus s : statuses) {
            out.addAll(queryStatus(s, null, filter, limit));
        }
        out.sort(Comparator.comparing(Escalation::deadline).thenComparing(Escalation::ticket));
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : List.copyOf(out);
    }

    /**
     * Tickets with {@code status} passing {@code filter}, earliest deadline first, deadline before
     * {@code before} when it is set. Reads pages only until {@code limit} matches are found and the
     * index has moved past their last deadline (ties must all be seen to order them by ticket).
     */
    private List<Escalation> queryStatus(EscalationStatus status, Instant before, EscalationFilter filter, int limit) {
        Map<String, String> names = new HashMap<>(projectionNames);
        names.put("#st", STATUS);
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":st", s(status.name()));
        String keyCondition = "#st = :st";
        if (before != null) {
            // DynamoDB refuses names an expression does not use, so #dk is declared only here.
            names.put("#dk", DEADLINE_KEY);
            keyCondition += " AND #dk < :now";
            values.put(":now", instantKey(before));
        }
        List<Escalation> found = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder q = QueryRequest.builder()
                    .tableName(config.table())
                    .indexName(config.statusIndex())
                    .keyConditionExpression(keyCondition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .projectionExpression(projection)
                    .scanIndexForward(true);
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryResponse r = dynamo.query(q.build());
            for (Map<String, AttributeValue> item : r.items()) {
                Escalation e = fromItem(item);
                if (found.size() >= limit
                        && e.deadline().isAfter(found.get(limit - 1).deadline())) {
                    return found;
                }
                if (filter.matches(e)) {
                    found.add(e);
                }
            }
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        return found;
    }

    @Override
    public Escalation decide(String ticket, ReviewDecision decision, Instant now) {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(now, "now");
        for (int race = 0; race < MAX_RACES; race++) {
            Escalation e = get(ticket).orElseThrow(() -> new UnknownTicketException(ticket));
            if (!e.isOpen()) {
                if (sameAs(decision, e)) {
                    return e;
                }
                throw new AlreadyDecidedException(ticket, e.status());
            }
            if (e.isOverdue(now)) {
                if (expireOne(e, now) != null) {
                    throw new AlreadyDecidedException(ticket, EscalationStatus.EXPIRED);
                }
                continue;
            }
            Escalation after = decision.decision() == ReviewDecision.Kind.ESCALATE
                    ? tryEscalate(e, decision, now)
                    : tryDecide(e, decision, now);
            if (after != null) {
                return after;
            }
        }
        throw new IllegalStateException("ticket " + ticket + " kept changing under " + MAX_RACES + " attempts");
    }

    private Escalation tryDecide(Escalation e, ReviewDecision d, Instant now) {
        EscalationStatus to = d.resultingStatus();
        Map<String, String> names = new HashMap<>();
        names.put("#st", STATUS);
        names.put("#dk", DEADLINE_KEY);
        names.put("#rv", REVIEWER);
        names.put("#da", DECIDED_AT);
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":to", s(to.name()));
        values.put(":pending", s(EscalationStatus.PENDING.name()));
        values.put(":escalated", s(EscalationStatus.ESCALATED.name()));
        values.put(":now", instantKey(now));
        values.put(":curq", s(e.queue().name()));
        values.put(":curdk", instantKey(e.deadline()));
        values.put(":rv", s(d.reviewer()));
        values.put(":da", s(now.toString()));
        names.put("#q", QUEUE);
        StringBuilder set = new StringBuilder("SET #st = :to, #rv = :rv, #da = :da");
        List<String> remove = new ArrayList<>();
        names.put("#nt", NOTE);
        if (d.note() != null) {
            set.append(", #nt = :nt");
            values.put(":nt", s(d.note()));
        } else {
            remove.add("#nt");
        }
        names.put("#oc", OUTCOME_CONTENT);
        if (d.content() != null) {
            set.append(", #oc = :oc");
            values.put(":oc", s(d.content()));
        } else {
            remove.add("#oc");
        }
        if (to != EscalationStatus.APPROVED) {
            // Nobody may receive it any more, so it is not kept.
            names.put("#hc", HELD_CONTENT);
            remove.add("#hc");
        }
        String update = set + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
        try {
            dynamo.updateItem(b -> b.tableName(config.table())
                    .key(key(e.ticket()))
                    .updateExpression(update)
                    // Still open, not overdue, and not moved to another queue since it was read.
                    .conditionExpression(
                            "#st IN (:pending, :escalated) AND #dk >= :now AND #q = :curq AND #dk = :curdk")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException lostRace) {
            return null;
        }
        return new Escalation(
                e.ticket(),
                e.queue(),
                to,
                e.createdAt(),
                e.deadline(),
                e.stage(),
                e.decisionId(),
                e.requestId(),
                e.reason(),
                e.policyRevision(),
                e.riskTier(),
                e.findings(),
                e.redactedExcerpt(),
                e.identities(),
                e.contentHash(),
                d.reviewer(),
                d.note(),
                now,
                d.content(),
                null);
    }

    private Escalation tryEscalate(Escalation e, ReviewDecision d, Instant now) {
        if (e.queue() == Severity.CRITICAL) {
            throw new InvalidReviewException("decision", "a critical ticket cannot move to a higher queue");
        }
        Severity to = e.queue().higher();
        Instant deadline = now.plus(oversight.sla(to));
        Map<String, String> names = new HashMap<>();
        names.put("#st", STATUS);
        names.put("#q", QUEUE);
        names.put("#dk", DEADLINE_KEY);
        names.put("#dl", DEADLINE);
        names.put("#rv", REVIEWER);
        names.put("#da", DECIDED_AT);
        names.put("#nt", NOTE);
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":cur", s(e.status().name()));
        values.put(":curq", s(e.queue().name()));
        values.put(":curdk", instantKey(e.deadline()));
        values.put(":now", instantKey(now));
        values.put(":to", s(EscalationStatus.ESCALATED.name()));
        values.put(":q", s(to.name()));
        values.put(":dl", s(deadline.toString()));
        values.put(":dk", instantKey(deadline));
        values.put(":rv", s(d.reviewer()));
        values.put(":da", s(now.toString()));
        String update = "SET #st = :to, #q = :q, #dl = :dl, #dk = :dk, #rv = :rv, #da = :da";
        if (d.note() != null) {
            update += ", #nt = :nt";
            values.put(":nt", s(d.note()));
        } else {
            update += " REMOVE #nt";
        }
        String u = update;
        try {
            // Compare-and-set on the whole open state: two escalations in a race move it twice, one step each.
            dynamo.updateItem(b -> b.tableName(config.table())
                    .key(key(e.ticket()))
                    .updateExpression(u)
                    .conditionExpression("#st = :cur AND #q = :curq AND #dk = :curdk AND #dk >= :now")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException lostRace) {
            return null;
        }
        Escalation after = new Escalation(
                e.ticket(),
                to,
                EscalationStatus.ESCALATED,
                e.createdAt(),
                deadline,
                e.stage(),
                e.decisionId(),
                e.requestId(),
                e.reason(),
                e.policyRevision(),
                e.riskTier(),
                e.findings(),
                e.redactedExcerpt(),
                e.identities(),
                e.contentHash(),
                d.reviewer(),
                d.note(),
                now,
                null,
                null);
        publish(after, oversight.showRawContent() ? heldContent(e.ticket()).orElse(null) : null);
        return after;
    }

    /** Expires {@code e} if it is still in the state read; the expired ticket, or null if it changed. */
    private Escalation expireOne(Escalation e, Instant now) {
        Map<String, String> names = Map.of(
                "#st", STATUS,
                "#dk", DEADLINE_KEY,
                "#da", DECIDED_AT,
                "#rv", REVIEWER,
                "#nt", NOTE,
                "#oc", OUTCOME_CONTENT,
                "#hc", HELD_CONTENT);
        Map<String, AttributeValue> values = Map.of(
                ":cur", s(e.status().name()),
                ":curdk", instantKey(e.deadline()),
                ":now", instantKey(now),
                ":to", s(EscalationStatus.EXPIRED.name()),
                ":da", s(now.toString()));
        try {
            dynamo.updateItem(b -> b.tableName(config.table())
                    .key(key(e.ticket()))
                    .updateExpression("SET #st = :to, #da = :da REMOVE #rv, #nt, #oc, #hc")
                    .conditionExpression("#st = :cur AND #dk = :curdk AND #dk < :now")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException changed) {
            return null;
        }
        return new Escalation(
                e.ticket(),
                e.queue(),
                EscalationStatus.EXPIRED,
                e.createdAt(),
                e.deadline(),
                e.stage(),
                e.decisionId(),
                e.requestId(),
                e.reason(),
                e.policyRevision(),
                e.riskTier(),
                e.findings(),
                e.redactedExcerpt(),
                e.identities(),
                e.contentHash(),
                null,
                null,
                now,
                null,
                null);
    }

    @Override
    public Optional<String> heldContent(String ticket) {
        Objects.requireNonNull(ticket, "ticket");
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(config.table())
                        .key(key(ticket))
                        .consistentRead(true)
                        .projectionExpression("#hc")
                        .expressionAttributeNames(Map.of("#hc", HELD_CONTENT)))
                .item();
        if (item == null || item.isEmpty() || item.get(HELD_CONTENT) == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(item.get(HELD_CONTENT).s());
    }

    @Override
    public List<Escalation> expire(Instant now) {
        Objects.requireNonNull(now, "now");
        List<Escalation> overdue = new ArrayList<>();
        for (EscalationStatus open : List.of(EscalationStatus.PENDING, EscalationStatus.ESCALATED)) {
            overdue.addAll(queryStatus(open, now, EscalationFilter.all(), Integer.MAX_VALUE));
        }
        overdue.sort(Comparator.comparing(Escalation::deadline).thenComparing(Escalation::ticket));
        List<Escalation> out = new ArrayList<>(overdue.size());
        for (Escalation e : overdue) {
            Escalation expired = expireOne(e, now);
            if (expired != null) {
                out.add(expired);
            }
        }
        return out;
    }

    private void publish(Escalation e, String heldContent) {
        Escalation view = oversight.showRawContent() ? e.withHeldContent(heldContent) : e;
        String body = codec.escalation(view).toString();
        sqs.sendMessage(b -> b.queueUrl(config.queueUrl(e.queue()))
                .messageBody(body)
                .messageAttributes(Map.of(
                        "queue", attribute(e.queue().wireName()),
                        "ticket", attribute(e.ticket()),
                        "status", attribute(e.status().name().toLowerCase(Locale.ROOT)))));
    }

    private static MessageAttributeValue attribute(String v) {
        return MessageAttributeValue.builder().dataType("String").stringValue(v).build();
    }

    private static Map<String, AttributeValue> key(String ticket) {
        return Map.of(TICKET, s(ticket));
    }

    /** Whether {@code e}, already final, is exactly what {@code d} would have made of it. */
    static boolean sameAs(ReviewDecision d, Escalation e) {
        return d.decision() != ReviewDecision.Kind.ESCALATE
                && e.status() == d.resultingStatus()
                && d.reviewer().equals(e.reviewer())
                && Objects.equals(d.note(), e.note())
                && Objects.equals(d.content(), e.outcomeContent());
    }
}

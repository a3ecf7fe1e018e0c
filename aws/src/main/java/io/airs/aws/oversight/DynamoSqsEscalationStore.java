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
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

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
 * <p>The table is the source of truth and the queues are fed from it as a transactional outbox.
 * {@link #open} writes the item with {@code notified = false} and the sparse outbox attributes
 * {@code notify_pending} / {@code notify_since}, then tries the send; SQS accepting it marks the
 * ticket notified (a conditional update that removes the outbox attributes). A send that fails
 * (SQS unreachable, throttled, or slower than {@link DynamoSqsEscalationConfig#sendTimeout}) is
 * counted ({@link #failedSends}) and logged with the ticket id and queue only, and {@code open}
 * returns the PENDING ticket as usual: the escalation is durable, only its message is late. {@link
 * #redeliver}, called by the SLA sweeper on every schedule, sends what is still owed, so a ticket
 * reaches reviewers at most one schedule (plus {@link DynamoSqsEscalationConfig#redeliveryGrace})
 * late. ESCALATE follows the same rule for the message to the new queue. A call that throws has
 * still not opened anything: only the write to the table can make {@code open} fail.
 *
 * <p>Delivery is at least once, as SQS itself is: a send whose acknowledgement is lost, or a mark
 * that fails after the send, is sent again by a later redelivery. Reviewers' decisions are
 * idempotent, and each message carries the ticket's status and queue.
 *
 * <pre>{@code
 * EscalationStore store = new DynamoSqsEscalationStore(dynamo, sqs,
 *         DynamoSqsEscalationConfig.defaults(queueBase), OversightConfig.defaults());
 * Oversight oversight = Oversight.builder(store, evidence).build();
 * }</pre>
 */
public final class DynamoSqsEscalationStore implements EscalationStore {

    private static final int MAX_RACES = 8;
    private static final System.Logger LOG = System.getLogger(DynamoSqsEscalationStore.class.getName());

    private final DynamoDbClient dynamo;
    private final SqsClient sqs;
    private final DynamoSqsEscalationConfig config;
    private final OversightConfig oversight;
    private final ControlCodec codec;
    private final ObjectMapper mapper;
    private final String projection;
    private final Map<String, String> projectionNames;
    private final LongAdder failedSends = new LongAdder();

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
        Escalation e = n.toEscalation(EvidenceDraft.hashContent(heldContent));
        try {
            dynamo.putItem(b -> b.tableName(config.table())
                    .item(toItem(e, heldContent))
                    .conditionExpression("attribute_not_exists(#t)")
                    .expressionAttributeNames(Map.of("#t", TICKET)));
        } catch (ConditionalCheckFailedException exists) {
            throw new IllegalArgumentException("ticket " + n.ticket() + " already exists");
        }
        // From here on the ticket exists: a failed send only delays the message, never the ticket.
        notifyReviewers(e, heldContent, e.createdAt());
        return e;
    }

    /**
     * Sends every ticket whose message to reviewers is still owed since before {@code now} minus
     * {@link DynamoSqsEscalationConfig#redeliveryGrace}, most urgent queue first, and marks each
     * notified. Reads the sparse outbox index, then each ticket with a strongly consistent read, so a
     * ticket sent or decided since the index was written is skipped. A queue whose send fails is
     * left for the next call (its remaining tickets stay owed); the other queues are still tried.
     * Safe to run from several instances at once: the mark is conditional, and the worst a race can
     * do is send a message twice.
     *
     * @return the number of messages SQS accepted
     */
    public int redeliver(Instant now) {
        Objects.requireNonNull(now, "now");
        Instant cutoff = now.minus(config.redeliveryGrace());
        int sent = 0;
        for (Severity queue : Severity.values()) {
            sent += redeliver(queue, cutoff);
        }
        return sent;
    }

    /** The number of sends to SQS that failed since this store was built (each left for redelivery). */
    public long failedSends() {
        return failedSends.sum();
    }

    private int redeliver(Severity queue, Instant cutoff) {
        Map<String, String> names = Map.of("#np", NOTIFY_PENDING, "#ns", NOTIFY_SINCE);
        Map<String, AttributeValue> values = Map.of(":q", s(queue.name()), ":cut", instantKey(cutoff));
        Map<String, String> itemNames = new HashMap<>(projectionNames);
        itemNames.putAll(names);
        String itemProjection = projection + ",#np,#ns";
        if (oversight.showRawContent()) {
            itemNames.put("#hc", HELD_CONTENT);
            itemProjection += ",#hc";
        }
        String p = itemProjection;
        int sent = 0;
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder q = QueryRequest.builder()
                    .tableName(config.table())
                    .indexName(config.notifyIndex())
                    .keyConditionExpression("#np = :q AND #ns <= :cut")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .scanIndexForward(true);
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryResponse r = dynamo.query(q.build());
            for (Map<String, AttributeValue> owed : r.items()) {
                Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(config.table())
                                .key(key(owed.get(TICKET).s()))
                                .consistentRead(true)
                                .projectionExpression(p)
                                .expressionAttributeNames(itemNames))
                        .item();
                if (item == null || item.isEmpty() || !item.containsKey(NOTIFY_PENDING)) {
                    continue;
                }
                Escalation e = fromItem(item);
                AttributeValue held = item.get(HELD_CONTENT);
                if (!send(e, held == null ? null : held.s())) {
                    return sent;
                }
                sent++;
                markNotified(e.ticket(), item.get(NOTIFY_PENDING), item.get(NOTIFY_SINCE));
            }
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        return sent;
    }

    /**
     * Sends {@code e}, whose message has been owed since {@code since}, and marks it notified; never
     * throws, since the ticket is already durable and {@link #redeliver} retries whatever did not
     * happen.
     */
    private void notifyReviewers(Escalation e, String heldContent, Instant since) {
        if (send(e, heldContent)) {
            try {
                markNotified(e.ticket(), s(e.queue().name()), instantKey(since));
            } catch (RuntimeException markFailed) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "escalation_mark_failed ticket={0} queue={1} error={2}",
                        e.ticket(),
                        e.queue().wireName(),
                        markFailed.getClass().getSimpleName());
            }
        }
    }

    /** Whether SQS accepted the message; a failure is counted and logged without content. */
    private boolean send(Escalation e, String heldContent) {
        try {
            publish(e, heldContent);
            return true;
        } catch (RuntimeException sendFailed) {
            failedSends.increment();
            LOG.log(
                    System.Logger.Level.WARNING,
                    "escalation_send_failed ticket={0} queue={1} status={2} error={3}",
                    e.ticket(),
                    e.queue().wireName(),
                    e.status().name().toLowerCase(Locale.ROOT),
                    sendFailed.getClass().getSimpleName());
            return false;
        }
    }

    /**
     * Marks the message owed to queue {@code pending} since {@code since} as sent, unless the ticket
     * has moved on (sent by another instance, escalated again, or decided).
     */
    private void markNotified(String ticket, AttributeValue pending, AttributeValue since) {
        try {
            dynamo.updateItem(b -> b.tableName(config.table())
                    .key(key(ticket))
                    .updateExpression("SET #nf = :true REMOVE #np, #ns")
                    .conditionExpression("#np = :np AND #ns = :ns")
                    .expressionAttributeNames(Map.of("#nf", NOTIFIED, "#np", NOTIFY_PENDING, "#ns", NOTIFY_SINCE))
                    .expressionAttributeValues(
                            Map.of(":true", AttributeValue.fromBool(true), ":np", pending, ":ns", since)));
        } catch (ConditionalCheckFailedException movedOn) {
            // Already marked, or a newer message is owed: that one is the outbox's business now.
        }
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
        // A final ticket needs no reviewer, so a message still owed is dropped from the outbox.
        names.put("#np", NOTIFY_PENDING);
        names.put("#ns", NOTIFY_SINCE);
        remove.add("#np");
        remove.add("#ns");
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
        return e.decided(to, d.reviewer(), d.note(), now, d.content());
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
        names.put("#nf", NOTIFIED);
        names.put("#np", NOTIFY_PENDING);
        names.put("#ns", NOTIFY_SINCE);
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":false", AttributeValue.fromBool(false));
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
        // The move and the message it owes the new queue are one write: the outbox.
        String update =
                "SET #st = :to, #q = :q, #dl = :dl, #dk = :dk, #rv = :rv, #da = :da, #nf = :false, #np = :q, #ns = :now";
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
        Escalation after = e.moved(to, deadline, d.reviewer(), d.note(), now);
        String held = null;
        if (oversight.showRawContent()) {
            try {
                held = heldContent(e.ticket()).orElse(null);
            } catch (RuntimeException readFailed) {
                // The move is done; the outbox sends the message, held content included, later.
                failedSends.increment();
                LOG.log(
                        System.Logger.Level.WARNING,
                        "escalation_send_failed ticket={0} queue={1} status=escalated error={2}",
                        e.ticket(),
                        to.wireName(),
                        readFailed.getClass().getSimpleName());
                return after;
            }
        }
        notifyReviewers(after, held, now);
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
                "#hc", HELD_CONTENT,
                "#np", NOTIFY_PENDING,
                "#ns", NOTIFY_SINCE);
        Map<String, AttributeValue> values = Map.of(
                ":cur", s(e.status().name()),
                ":curdk", instantKey(e.deadline()),
                ":now", instantKey(now),
                ":to", s(EscalationStatus.EXPIRED.name()),
                ":da", s(now.toString()));
        try {
            dynamo.updateItem(b -> b.tableName(config.table())
                    .key(key(e.ticket()))
                    .updateExpression("SET #st = :to, #da = :da REMOVE #rv, #nt, #oc, #hc, #np, #ns")
                    .conditionExpression("#st = :cur AND #dk = :curdk AND #dk < :now")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException changed) {
            return null;
        }
        return e.decided(EscalationStatus.EXPIRED, null, null, now, null);
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
        sqs.sendMessage(SendMessageRequest.builder()
                .queueUrl(config.queueUrl(e.queue()))
                .messageBody(body)
                .messageAttributes(Map.of(
                        "queue", attribute(e.queue().wireName()),
                        "ticket", attribute(e.ticket()),
                        "status", attribute(e.status().name().toLowerCase(Locale.ROOT))))
                // Bounds how long an SQS outage can hold the request that opens the ticket.
                .overrideConfiguration(o -> o.apiCallTimeout(config.sendTimeout()))
                .build());
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

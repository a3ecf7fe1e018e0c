package io.airs.aws.oversight;

import io.airs.core.Category;
import io.airs.core.Finding;
import io.airs.core.RiskTier;
import io.airs.core.Stage;
import io.airs.core.evidence.Identities;
import io.airs.core.oversight.Escalation;
import io.airs.core.oversight.EscalationStatus;
import io.airs.core.oversight.Severity;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The shape of the escalation table: one item per ticket, keyed by {@code ticket}, with one
 * attribute per {@link Escalation} field (snake_case, absent when null) plus:
 *
 * <ul>
 *   <li>{@code deadline_key}: the deadline as a number of seconds since the epoch with nine
 *       decimals, exact, so conditions and the index compare instants numerically;
 *   <li>{@code held_content}: the held payload, read only by {@link
 *       DynamoSqsEscalationStore#heldContent} and removed once nobody may receive it (denied,
 *       modified, expired);
 *   <li>{@code notified}: a boolean, false from the moment a message to reviewers is owed (the
 *       ticket opened or escalated) until SQS has accepted it;
 *   <li>{@code notify_pending} and {@code notify_since}: present only while that message is owed
 *       and the ticket is still open: the name of the {@link Severity} whose queue is owed it, and
 *       the instant it became owed (epoch seconds, nine decimals, like {@code deadline_key}).
 * </ul>
 *
 * Two global secondary indexes:
 *
 * <ul>
 *   <li>the status index (default {@code status-deadline}): hash key {@code status}, range key
 *       {@code deadline_key}, projecting every attribute; queries name the attributes they want, so
 *       the held content never leaves the table on a list;
 *   <li>the outbox index (default {@code notify-pending}): hash key {@code notify_pending}, range key
 *       {@code notify_since}, keys only. It is sparse: DynamoDB indexes an item only while it has
 *       both attributes, so it holds exactly the tickets whose message is still unsent, and a
 *       redelivery reads that handful instead of filtering every open ticket on the status index.
 * </ul>
 *
 * Terraform in {@code infra/aws} must create the same shape (on-demand billing).
 */
public final class EscalationTable {

    static final String TICKET = "ticket";
    static final String QUEUE = "queue";
    static final String STATUS = "status";
    static final String CREATED_AT = "created_at";
    static final String DEADLINE = "deadline";
    static final String DEADLINE_KEY = "deadline_key";
    static final String STAGE = "stage";
    static final String DECISION_ID = "decision_id";
    static final String REQUEST_ID = "request_id";
    static final String REASON = "reason";
    static final String POLICY_REVISION = "policy_revision";
    static final String RISK_TIER = "risk_tier";
    static final String FINDINGS = "findings";
    static final String REDACTED_EXCERPT = "redacted_excerpt";
    static final String USER = "identity_user";
    static final String AGENT = "identity_agent";
    static final String SESSION = "identity_session";
    static final String TENANT = "identity_tenant";
    static final String CONTENT_HASH = "content_hash";
    static final String REVIEWER = "reviewer";
    static final String NOTE = "note";
    static final String DECIDED_AT = "decided_at";
    static final String OUTCOME_CONTENT = "outcome_content";
    static final String HELD_CONTENT = "held_content";
    static final String NOTIFIED = "notified";
    static final String NOTIFY_PENDING = "notify_pending";
    static final String NOTIFY_SINCE = "notify_since";

    /** Every attribute a reviewer view is read from: everything but the held content. */
    static final List<String> VIEW_ATTRIBUTES = List.of(
            TICKET,
            QUEUE,
            STATUS,
            CREATED_AT,
            DEADLINE,
            DEADLINE_KEY,
            STAGE,
            DECISION_ID,
            REQUEST_ID,
            REASON,
            POLICY_REVISION,
            RISK_TIER,
            FINDINGS,
            REDACTED_EXCERPT,
            USER,
            AGENT,
            SESSION,
            TENANT,
            CONTENT_HASH,
            REVIEWER,
            NOTE,
            DECIDED_AT,
            OUTCOME_CONTENT);

    private EscalationTable() {}

    /**
     * The table as {@code config} names it: on-demand, key {@code ticket}, the status/deadline index
     * and the sparse outbox index.
     */
    public static CreateTableRequest createTableRequest(DynamoSqsEscalationConfig config) {
        return CreateTableRequest.builder()
                .tableName(config.table())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        attr(TICKET, ScalarAttributeType.S),
                        attr(STATUS, ScalarAttributeType.S),
                        attr(DEADLINE_KEY, ScalarAttributeType.N),
                        attr(NOTIFY_PENDING, ScalarAttributeType.S),
                        attr(NOTIFY_SINCE, ScalarAttributeType.N))
                .keySchema(key(TICKET, KeyType.HASH))
                .globalSecondaryIndexes(
                        GlobalSecondaryIndex.builder()
                                .indexName(config.statusIndex())
                                .keySchema(key(STATUS, KeyType.HASH), key(DEADLINE_KEY, KeyType.RANGE))
                                .projection(Projection.builder()
                                        .projectionType(ProjectionType.ALL)
                                        .build())
                                .build(),
                        GlobalSecondaryIndex.builder()
                                .indexName(config.notifyIndex())
                                .keySchema(key(NOTIFY_PENDING, KeyType.HASH), key(NOTIFY_SINCE, KeyType.RANGE))
                                .projection(Projection.builder()
                                        .projectionType(ProjectionType.KEYS_ONLY)
                                        .build())
                                .build())
                .build();
    }

    private static AttributeDefinition attr(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder()
                .attributeName(name)
                .attributeType(type)
                .build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    /** An instant as an exact DynamoDB number: seconds since the epoch, nine decimals. */
    static AttributeValue instantKey(Instant i) {
        BigDecimal v = BigDecimal.valueOf(i.getEpochSecond()).add(BigDecimal.valueOf(i.getNano(), 9));
        return AttributeValue.fromN(v.toPlainString());
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    /**
     * The item for a new ticket, held content included, its message to reviewers owed since it was
     * created.
     */
    static Map<String, AttributeValue> toItem(Escalation e, String heldContent) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put(TICKET, s(e.ticket()));
        m.put(QUEUE, s(e.queue().name()));
        m.put(STATUS, s(e.status().name()));
        m.put(CREATED_AT, s(e.createdAt().toString()));
        m.put(DEADLINE, s(e.deadline().toString()));
        m.put(DEADLINE_KEY, instantKey(e.deadline()));
        m.put(STAGE, s(e.stage().name()));
        m.put(DECISION_ID, s(e.decisionId()));
        m.put(REQUEST_ID, s(e.requestId()));
        putIfSet(m, REASON, e.reason());
        m.put(POLICY_REVISION, s(e.policyRevision()));
        m.put(RISK_TIER, s(e.riskTier().name()));
        List<AttributeValue> fs = new ArrayList<>(e.findings().size());
        for (Finding f : e.findings()) {
            fs.add(AttributeValue.fromM(Map.of(
                    "category", s(f.category().name()),
                    "type", s(f.type()),
                    "start", AttributeValue.fromN(Integer.toString(f.start())),
                    "end", AttributeValue.fromN(Integer.toString(f.end())),
                    "score", AttributeValue.fromN(Double.toString(f.score())),
                    "detector", s(f.detector()))));
        }
        m.put(FINDINGS, AttributeValue.fromL(fs));
        putIfSet(m, REDACTED_EXCERPT, e.redactedExcerpt());
        putIfSet(m, USER, e.identities().user());
        putIfSet(m, AGENT, e.identities().agent());
        putIfSet(m, SESSION, e.identities().session());
        putIfSet(m, TENANT, e.identities().tenant());
        m.put(CONTENT_HASH, s(e.contentHash()));
        putIfSet(m, REVIEWER, e.reviewer());
        putIfSet(m, NOTE, e.note());
        if (e.decidedAt() != null) {
            m.put(DECIDED_AT, s(e.decidedAt().toString()));
        }
        putIfSet(m, OUTCOME_CONTENT, e.outcomeContent());
        m.put(HELD_CONTENT, s(heldContent));
        m.put(NOTIFIED, AttributeValue.fromBool(false));
        m.put(NOTIFY_PENDING, s(e.queue().name()));
        m.put(NOTIFY_SINCE, instantKey(e.createdAt()));
        return m;
    }

    private static void putIfSet(Map<String, AttributeValue> m, String name, String v) {
        if (v != null) {
            m.put(name, s(v));
        }
    }

    /** The ticket an item holds, never with its held content. */
    static Escalation fromItem(Map<String, AttributeValue> m) {
        List<Finding> findings = new ArrayList<>();
        AttributeValue fs = m.get(FINDINGS);
        if (fs != null && fs.hasL()) {
            for (AttributeValue v : fs.l()) {
                Map<String, AttributeValue> f = v.m();
                findings.add(new Finding(
                        Category.valueOf(f.get("category").s()),
                        f.get("type").s(),
                        Integer.parseInt(f.get("start").n()),
                        Integer.parseInt(f.get("end").n()),
                        Double.parseDouble(f.get("score").n()),
                        f.get("detector").s()));
            }
        }
        return new Escalation(
                str(m, TICKET),
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
                findings,
                str(m, REDACTED_EXCERPT),
                new Identities(str(m, USER), str(m, AGENT), str(m, SESSION), str(m, TENANT)),
                str(m, CONTENT_HASH),
                str(m, REVIEWER),
                str(m, NOTE),
                instant(m, DECIDED_AT),
                str(m, OUTCOME_CONTENT),
                null);
    }

    private static String str(Map<String, AttributeValue> m, String name) {
        AttributeValue v = m.get(name);
        return v == null ? null : v.s();
    }

    private static Instant instant(Map<String, AttributeValue> m, String name) {
        String v = str(m, name);
        return v == null ? null : Instant.parse(v);
    }
}

package io.airs.aws.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.airs.aws.testing.Dynalite;
import io.airs.aws.testing.ElasticMq;
import io.airs.core.Category;
import io.airs.core.Finding;
import io.airs.core.RiskTier;
import io.airs.core.Stage;
import io.airs.core.evidence.EvidenceRecord;
import io.airs.core.evidence.Identities;
import io.airs.core.evidence.InMemoryEvidenceSink;
import io.airs.core.oversight.EscalationStatus;
import io.airs.core.oversight.NewEscalation;
import io.airs.core.oversight.Oversight;
import io.airs.core.oversight.OversightConfig;
import io.airs.core.oversight.Severity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The decision consumer and the SLA sweeper on real event JSON, over dynalite and ElasticMQ. */
class OversightHandlersTest {

    static final Instant T0 = Instant.parse("2030-01-02T06:00:00Z");
    static final String APPROVE = "esc_FIXTUREAPPROVE00000";
    static final String MODIFY = "esc_FIXTUREMODIFY00000";
    static final String DENY = "esc_FIXTUREDENY0000000";
    static final String HELD = "Transfer 900 EUR from account 12345678 to the usual payee.";

    static Dynalite dynalite;
    static ElasticMq elasticMq;
    static DynamoDbClient dynamo;
    static SqsClient sqs;
    static final AtomicInteger N = new AtomicInteger();

    DynamoSqsEscalationConfig config;
    DynamoSqsEscalationStore store;
    InMemoryEvidenceSink evidence;

    @BeforeAll
    static void startEmulators() {
        dynalite = Dynalite.start();
        elasticMq = ElasticMq.start();
        dynamo = dynalite.client();
        sqs = elasticMq.client();
    }

    @AfterAll
    static void stopEmulators() {
        sqs.close();
        dynamo.close();
        elasticMq.close();
        dynalite.close();
    }

    @BeforeEach
    void freshTableAndQueues() {
        int n = N.incrementAndGet();
        Map<Severity, String> urls = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            String name = DynamoSqsEscalationConfig.defaultQueueName(s) + "-h" + n;
            urls.put(s, sqs.createQueue(b -> b.queueName(name)).queueUrl());
        }
        config = new DynamoSqsEscalationConfig("airs-escalations-h" + n, "status-deadline", urls);
        Dynalite.createTable(dynamo, EscalationTable.createTableRequest(config));
        store = new DynamoSqsEscalationStore(dynamo, sqs, config, OversightConfig.defaults());
        evidence = new InMemoryEvidenceSink(100);
    }

    Oversight oversightAt(Instant now) {
        return Oversight.builder(store, evidence)
                .clock(Clock.fixed(now, ZoneOffset.UTC))
                .build();
    }

    void open(String ticket, Severity queue) {
        store.open(
                new NewEscalation(
                        ticket,
                        queue,
                        T0,
                        T0.plus(OversightConfig.defaults().sla(queue)),
                        Stage.OUTPUT,
                        "dec_" + ticket,
                        "req_" + ticket,
                        "pii",
                        "rev-1",
                        RiskTier.HIGH,
                        List.of(new Finding(Category.PII, "account_number", 30, 38, 0.9, "pii.account")),
                        "Transfer 900 EUR from account [ACCOUNT] to the usual payee.",
                        Identities.none()),
                HELD);
    }

    static List<String> failedIds(SQSBatchResponse r) {
        return r.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    List<EvidenceRecord> records(String event) {
        return evidence.records().stream()
                .filter(r -> event.equals(r.extra().get("event")))
                .toList();
    }

    static SQSEvent decisions() {
        return EventLoader.loadSQSEvent("events/sqs-review-decisions.json");
    }

    @Test
    void appliesDecisionsAndDeadLettersOnlyWhatCanNeverApply() {
        open(APPROVE, Severity.HIGH);
        open(MODIFY, Severity.STANDARD);
        open(DENY, Severity.STANDARD);
        var handler = new DecisionConsumerHandler(oversightAt(T0.plusSeconds(60)), DecisionConsumerConfig.defaults());

        SQSBatchResponse r = handler.handleRequest(decisions(), null);

        // 3: a different decision on a final ticket; 4: not JSON; 5: unknown ticket; 8: bad decision.
        assertThat(failedIds(r))
                .containsExactly(
                        "0c0f7f43-1b7a-4b44-9a0b-000000000003",
                        "0c0f7f43-1b7a-4b44-9a0b-000000000004",
                        "0c0f7f43-1b7a-4b44-9a0b-000000000005",
                        "0c0f7f43-1b7a-4b44-9a0b-000000000008");
        assertThat(store.get(APPROVE).orElseThrow().status()).isEqualTo(EscalationStatus.APPROVED);
        assertThat(store.get(APPROVE).orElseThrow().reviewer()).isEqualTo("alice@example.com");
        assertThat(store.heldContent(APPROVE)).contains(HELD);
        assertThat(store.get(MODIFY).orElseThrow().outcomeContent()).isEqualTo("Your balance is [redacted].");
        assertThat(store.get(DENY).orElseThrow().status()).isEqualTo(EscalationStatus.DENIED);
        assertThat(store.heldContent(DENY)).isEmpty();
        // One evidence record per applied decision: the duplicate approval recorded nothing.
        assertThat(records("review_decision")).hasSize(3);
        assertThat(records("review_decision"))
                .allSatisfy(rec -> assertThat(rec.toString()).doesNotContain("12345678"));
    }

    @Test
    void aRedeliveredBatchChangesNothing() {
        open(APPROVE, Severity.HIGH);
        open(MODIFY, Severity.STANDARD);
        open(DENY, Severity.STANDARD);
        var handler = new DecisionConsumerHandler(oversightAt(T0.plusSeconds(60)), DecisionConsumerConfig.defaults());
        handler.handleRequest(decisions(), null);
        var before = List.of(store.get(APPROVE), store.get(MODIFY), store.get(DENY));
        long recorded = evidence.appendedCount();

        var later = new DecisionConsumerHandler(oversightAt(T0.plusSeconds(600)), DecisionConsumerConfig.defaults());
        SQSBatchResponse again = later.handleRequest(decisions(), null);

        assertThat(List.of(store.get(APPROVE), store.get(MODIFY), store.get(DENY)))
                .isEqualTo(before);
        assertThat(evidence.appendedCount()).isEqualTo(recorded);
        assertThat(failedIds(again)).hasSize(4);
    }

    @Test
    void dropsRejectedMessagesWhenConfiguredTo() {
        open(APPROVE, Severity.HIGH);
        open(MODIFY, Severity.STANDARD);
        open(DENY, Severity.STANDARD);
        var handler = new DecisionConsumerHandler(
                oversightAt(T0.plusSeconds(60)),
                new DecisionConsumerConfig(DecisionConsumerConfig.Rejected.DROP, 65_536));
        assertThat(failedIds(handler.handleRequest(decisions(), null))).isEmpty();
    }

    @Test
    void retriesEveryDecisionWhenTheTableIsUnreachable() {
        DynamoSqsEscalationConfig missing =
                new DynamoSqsEscalationConfig("no-such-table", "status-deadline", config.queueUrls());
        Oversight broken = Oversight.builder(
                        new DynamoSqsEscalationStore(dynamo, sqs, missing, OversightConfig.defaults()), evidence)
                .clock(Clock.fixed(T0, ZoneOffset.UTC))
                .build();
        var handler = new DecisionConsumerHandler(
                broken, new DecisionConsumerConfig(DecisionConsumerConfig.Rejected.DROP, 65_536));
        assertThat(failedIds(handler.handleRequest(decisions(), null)))
                .containsExactly(
                        "0c0f7f43-1b7a-4b44-9a0b-000000000001",
                        "0c0f7f43-1b7a-4b44-9a0b-000000000002",
                        "0c0f7f43-1b7a-4b44-9a0b-000000000003",
                        "0c0f7f43-1b7a-4b44-9a0b-000000000005",
                        "0c0f7f43-1b7a-4b44-9a0b-000000000006",
                        "0c0f7f43-1b7a-4b44-9a0b-000000000007");
    }

    @Test
    void aDecisionArrivingAfterTheDeadlineIsRefusedAndTheTicketExpires() {
        open(APPROVE, Severity.CRITICAL);
        var handler = new DecisionConsumerHandler(
                oversightAt(T0.plus(Duration.ofHours(2))), DecisionConsumerConfig.defaults());
        SQSBatchResponse r = handler.handleRequest(decisions(), null);
        assertThat(failedIds(r)).contains("0c0f7f43-1b7a-4b44-9a0b-000000000001");
        assertThat(store.get(APPROVE).orElseThrow().status()).isEqualTo(EscalationStatus.EXPIRED);
        assertThat(records("escalation_expired")).hasSize(1);
        assertThat(records("review_decision")).isEmpty();
    }

    @Test
    void sweeperExpiresOnlyTicketsPastTheirDeadline() {
        open(APPROVE, Severity.CRITICAL); // 1 h
        open(MODIFY, Severity.HIGH); // 4 h
        open(DENY, Severity.STANDARD); // 24 h
        Instant now = T0.plus(Duration.ofHours(3));
        ScheduledEvent tick = EventLoader.loadScheduledEvent("events/scheduled-sla-sweep.json");
        var sweeper = new SlaSweeperHandler(oversightAt(now), store, Clock.fixed(now, ZoneOffset.UTC));

        assertThat(sweeper.handleRequest(tick, null)).isEqualTo(1);
        assertThat(sweeper.handleRequest(tick, null)).isZero();

        assertThat(store.get(APPROVE).orElseThrow().status()).isEqualTo(EscalationStatus.EXPIRED);
        assertThat(store.get(MODIFY).orElseThrow().status()).isEqualTo(EscalationStatus.PENDING);
        assertThat(store.get(DENY).orElseThrow().status()).isEqualTo(EscalationStatus.PENDING);
        List<EvidenceRecord> expired = records("escalation_expired");
        assertThat(expired).hasSize(1);
        assertThat(expired.getFirst().extra()).containsEntry("ticket", APPROVE);
    }

    @Test
    void sweeperSendsReviewersWhatAnOutageHeldBackBeforeExpiring() {
        try (SqsClient down = DynamoSqsEscalationStoreTest.unreachableSqs()) {
            store = new DynamoSqsEscalationStore(dynamo, down, config, OversightConfig.defaults());
            open(APPROVE, Severity.CRITICAL); // 1 h
            open(MODIFY, Severity.HIGH); // 4 h
        }
        store = new DynamoSqsEscalationStore(dynamo, sqs, config, OversightConfig.defaults());
        Instant now = T0.plus(Duration.ofHours(2));
        ScheduledEvent tick = EventLoader.loadScheduledEvent("events/scheduled-sla-sweep.json");
        var sweeper = new SlaSweeperHandler(oversightAt(now), store, Clock.fixed(now, ZoneOffset.UTC));

        assertThat(sweeper.handleRequest(tick, null)).isEqualTo(1);

        // Both were owed a message; the one still open is now in front of reviewers, once.
        assertThat(received(Severity.HIGH)).containsExactly(MODIFY);
        assertThat(received(Severity.CRITICAL)).containsExactly(APPROVE);
        assertThat(store.get(APPROVE).orElseThrow().status()).isEqualTo(EscalationStatus.EXPIRED);
        assertThat(store.get(MODIFY).orElseThrow().status()).isEqualTo(EscalationStatus.PENDING);
        assertThat(sweeper.handleRequest(tick, null)).isZero();
        assertThat(received(Severity.HIGH)).isEmpty();
        assertThat(received(Severity.CRITICAL)).isEmpty();
    }

    @Test
    void sweeperStillExpiresWhenRedeliveryCannotReadTheTable() {
        open(APPROVE, Severity.CRITICAL);
        DynamoSqsEscalationConfig noOutboxIndex = new DynamoSqsEscalationConfig(
                config.table(),
                config.statusIndex(),
                "no-such-index",
                config.queueUrls(),
                config.sendTimeout(),
                config.redeliveryGrace());
        Instant now = T0.plus(Duration.ofHours(2));
        var sweeper = new SlaSweeperHandler(
                oversightAt(now),
                new DynamoSqsEscalationStore(dynamo, sqs, noOutboxIndex, OversightConfig.defaults()),
                Clock.fixed(now, ZoneOffset.UTC));
        assertThat(sweeper.handleRequest(EventLoader.loadScheduledEvent("events/scheduled-sla-sweep.json"), null))
                .isEqualTo(1);
        assertThat(store.get(APPROVE).orElseThrow().status()).isEqualTo(EscalationStatus.EXPIRED);
    }

    List<String> received(Severity queue) {
        return sqs
                .receiveMessage(b -> b.queueUrl(config.queueUrl(queue))
                        .maxNumberOfMessages(10)
                        .messageAttributeNames("All")
                        .waitTimeSeconds(0))
                .messages()
                .stream()
                .map(m -> m.messageAttributes().get("ticket").stringValue())
                .toList();
    }

    @Test
    void theEntryPointIsConfiguredFromItsEnvironment() {
        DynamoSqsEscalationConfig c = OversightFunctions.storeConfig(
                Map.of("AIRS_QUEUE_BASE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012"));
        assertThat(c.table()).isEqualTo("airs-escalations");
        assertThat(c.queueUrl(Severity.CRITICAL))
                .isEqualTo("https://sqs.us-east-1.amazonaws.com/123456789012/airs-escalations-critical");
    }
}

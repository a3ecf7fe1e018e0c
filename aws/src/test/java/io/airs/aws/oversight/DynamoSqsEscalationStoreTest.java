package io.airs.aws.oversight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airs.aws.testing.Dynalite;
import io.airs.aws.testing.ElasticMq;
import io.airs.core.oversight.Escalation;
import io.airs.core.oversight.EscalationStatus;
import io.airs.core.oversight.EscalationStore;
import io.airs.core.oversight.NewEscalation;
import io.airs.core.oversight.OversightConfig;
import io.airs.core.oversight.ReviewDecision;
import io.airs.core.oversight.Severity;
import io.airs.testkit.oversight.EscalationStoreContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** The store on dynalite and ElasticMQ: the shared contract, plus what only this store does. */
class DynamoSqsEscalationStoreTest extends EscalationStoreContract {

    static Dynalite dynalite;
    static ElasticMq elasticMq;
    static DynamoDbClient dynamo;
    static SqsClient sqs;
    static final AtomicInteger TABLES = new AtomicInteger();
    static final ObjectMapper JSON = new ObjectMapper();

    DynamoSqsEscalationConfig config;

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

    /** A fresh table and four fresh queues, named after a counter so tests never share state. */
    static DynamoSqsEscalationConfig freshConfig() {
        int n = TABLES.incrementAndGet();
        Map<Severity, String> urls = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            String name = DynamoSqsEscalationConfig.defaultQueueName(s) + "-" + n;
            urls.put(s, sqs.createQueue(b -> b.queueName(name)).queueUrl());
        }
        DynamoSqsEscalationConfig cfg = new DynamoSqsEscalationConfig(
                "airs-escalations-" + n, DynamoSqsEscalationConfig.DEFAULT_STATUS_INDEX, urls);
        Dynalite.createTable(dynamo, EscalationTable.createTableRequest(cfg));
        awaitActive(cfg.table());
        return cfg;
    }

    static void awaitActive(String table) {
        for (int i = 0; i < 500; i++) {
            if (dynamo.describeTable(b -> b.tableName(table)).table().tableStatus() == TableStatus.ACTIVE) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new IllegalStateException("table " + table + " never became active");
    }

    @Override
    protected EscalationStore newStore(OversightConfig oversight) {
        config = freshConfig();
        return new DynamoSqsEscalationStore(dynamo, sqs, config, oversight);
    }

    List<Message> drain(Severity queue) {
        return sqs.receiveMessage(b -> b.queueUrl(config.queueUrl(queue))
                        .maxNumberOfMessages(10)
                        .messageAttributeNames("All")
                        .waitTimeSeconds(0))
                .messages();
    }

    @Test
    void sendsEachOpenedTicketToTheQueueOfItsSeverity() throws Exception {
        EscalationStore store = newStore();
        NewEscalation n = ticket(Severity.HIGH, T0);
        store.open(n, HELD);

        List<Message> high = drain(Severity.HIGH);
        assertThat(high).hasSize(1);
        Message m = high.getFirst();
        assertThat(m.messageAttributes().get("queue").stringValue()).isEqualTo("high");
        assertThat(m.messageAttributes().get("ticket").stringValue()).isEqualTo(n.ticket());
        assertThat(m.messageAttributes().get("status").stringValue()).isEqualTo("pending");
        JsonNode body = JSON.readTree(m.body());
        assertThat(body.get("ticket").asText()).isEqualTo(n.ticket());
        assertThat(body.get("queue").asText()).isEqualTo("high");
        assertThat(body.get("redacted_excerpt").asText()).isEqualTo(n.redactedExcerpt());
        assertThat(body.has("held_content")).isFalse();
        assertThat(m.body()).doesNotContain("DE89");
        for (Severity other : List.of(Severity.CRITICAL, Severity.STANDARD, Severity.SAMPLING)) {
            assertThat(drain(other)).isEmpty();
        }
    }

    @Test
    void messagesCarryHeldContentOnlyWhenReviewersMaySeeIt() throws Exception {
        EscalationStore store = newStore(OversightConfig.defaults().withShowRawContent(true));
        NewEscalation n = ticket(Severity.SAMPLING, T0);
        store.open(n, HELD);
        Message m = drain(Severity.SAMPLING).getFirst();
        assertThat(JSON.readTree(m.body()).get("held_content").asText()).isEqualTo(HELD);
        // The store itself still never returns it from get.
        assertThat(store.get(n.ticket()).orElseThrow().heldContent()).isNull();
    }

    @Test
    void anEscalatedTicketIsSentToItsNewQueue() {
        EscalationStore store = newStore();
        NewEscalation n = ticket(Severity.STANDARD, T0);
        store.open(n, HELD);
        drain(Severity.STANDARD);
        store.decide(n.ticket(), ReviewDecision.escalate("dave", null), T0.plusSeconds(1));
        List<Message> high = drain(Severity.HIGH);
        assertThat(high).hasSize(1);
        assertThat(high.getFirst().messageAttributes().get("status").stringValue())
                .isEqualTo("escalated");
    }

    @Test
    void theHeldContentIsItsOwnAttributeAndLeavesTheTableWhenDenied() {
        EscalationStore store = newStore();
        NewEscalation n = ticket(Severity.STANDARD, T0);
        store.open(n, HELD);
        Map<String, AttributeValue> item = rawItem(n.ticket());
        assertThat(item.get("held_content").s()).isEqualTo(HELD);
        assertThat(item.get("status").s()).isEqualTo("PENDING");
        store.decide(n.ticket(), ReviewDecision.deny("bob", null), T0);
        assertThat(rawItem(n.ticket())).doesNotContainKey("held_content");
    }

    /**
     * An SQS client whose endpoint is a loopback port nobody listens on: every send is refused, as
     * when the queue service is unreachable.
     */
    static SqsClient unreachableSqs() {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SqsClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Test
    void aFailedSendKeepsTheTicketAndRedeliverySendsItOnceTheQueueIsBack() {
        DynamoSqsEscalationStore store = (DynamoSqsEscalationStore) newStore();
        NewEscalation n = ticket(Severity.HIGH, T0);
        Escalation opened;
        try (SqsClient down = unreachableSqs()) {
            DynamoSqsEscalationStore duringOutage =
                    new DynamoSqsEscalationStore(dynamo, down, config, OversightConfig.defaults());
            opened = duringOutage.open(n, HELD);
            assertThat(opened.status()).isEqualTo(EscalationStatus.PENDING);
            assertThat(duringOutage.failedSends()).isEqualTo(1);
            assertThat(store.get(n.ticket())).contains(opened);
            assertThat(store.heldContent(n.ticket())).contains(HELD);
            // Still down at the next sweep: nothing sent, the ticket stays owed.
            assertThat(duringOutage.redeliver(T0.plusSeconds(60))).isZero();
            assertThat(duringOutage.failedSends()).isEqualTo(2);
        }
        assertThat(drain(Severity.HIGH)).isEmpty();
        assertThat(rawItem(n.ticket()).get("notified").bool()).isFalse();

        assertThat(store.redeliver(T0.plusSeconds(120))).isEqualTo(1);

        List<Message> high = drain(Severity.HIGH);
        assertThat(high).hasSize(1);
        assertThat(high.getFirst().messageAttributes().get("ticket").stringValue())
                .isEqualTo(n.ticket());
        assertThat(high.getFirst().messageAttributes().get("status").stringValue())
                .isEqualTo("pending");
        assertThat(high.getFirst().body()).doesNotContain("DE89");
        assertThat(store.redeliver(T0.plusSeconds(180))).isZero();
        for (Severity queue : Severity.values()) {
            assertThat(drain(queue)).isEmpty();
        }
        Map<String, AttributeValue> item = rawItem(n.ticket());
        assertThat(item.get("notified").bool()).isTrue();
        assertThat(item).doesNotContainKeys("notify_pending", "notify_since");
        assertThat(store.get(n.ticket())).contains(opened);
    }

    @Test
    void aTicketSentWhenOpenedIsMarkedNotifiedAndNeverRedelivered() {
        DynamoSqsEscalationStore store = (DynamoSqsEscalationStore) newStore();
        NewEscalation n = ticket(Severity.CRITICAL, T0);
        store.open(n, HELD);
        assertThat(drain(Severity.CRITICAL)).hasSize(1);
        Map<String, AttributeValue> item = rawItem(n.ticket());
        assertThat(item.get("notified").bool()).isTrue();
        assertThat(item).doesNotContainKeys("notify_pending", "notify_since");
        assertThat(store.redeliver(T0.plusSeconds(60))).isZero();
        assertThat(drain(Severity.CRITICAL)).isEmpty();
        assertThat(store.failedSends()).isZero();
    }

    @Test
    void redeliveryWaitsOutTheGraceSoItDoesNotDuplicateASendStillInFlight() {
        DynamoSqsEscalationStore store = (DynamoSqsEscalationStore) newStore();
        NewEscalation n = ticket(Severity.STANDARD, T0);
        try (SqsClient down = unreachableSqs()) {
            new DynamoSqsEscalationStore(dynamo, down, config, OversightConfig.defaults()).open(n, HELD);
        }
        Duration grace = config.redeliveryGrace();
        assertThat(store.redeliver(T0.plus(grace).minusNanos(1))).isZero();
        assertThat(drain(Severity.STANDARD)).isEmpty();
        assertThat(store.redeliver(T0.plus(grace))).isEqualTo(1);
        assertThat(drain(Severity.STANDARD)).hasSize(1);
    }

    @Test
    void anEscalationWhoseSendFailsIsAppliedAndRedeliveredToItsNewQueue() {
        DynamoSqsEscalationStore store = (DynamoSqsEscalationStore) newStore();
        NewEscalation n = ticket(Severity.STANDARD, T0);
        store.open(n, HELD);
        drain(Severity.STANDARD);
        Instant decidedAt = T0.plusSeconds(30);
        Escalation escalated;
        try (SqsClient down = unreachableSqs()) {
            escalated = new DynamoSqsEscalationStore(dynamo, down, config, OversightConfig.defaults())
                    .decide(n.ticket(), ReviewDecision.escalate("dave", null), decidedAt);
        }
        assertThat(escalated.status()).isEqualTo(EscalationStatus.ESCALATED);
        assertThat(store.get(n.ticket())).contains(escalated);
        assertThat(rawItem(n.ticket()).get("notify_pending").s()).isEqualTo("HIGH");

        assertThat(store.redeliver(decidedAt.plusSeconds(60))).isEqualTo(1);

        List<Message> high = drain(Severity.HIGH);
        assertThat(high).hasSize(1);
        assertThat(high.getFirst().messageAttributes().get("status").stringValue())
                .isEqualTo("escalated");
        assertThat(drain(Severity.STANDARD)).isEmpty();
        assertThat(store.redeliver(decidedAt.plusSeconds(120))).isZero();
    }

    @Test
    void aTicketDecidedBeforeItsMessageWentOutIsNotSentAnyMore() {
        DynamoSqsEscalationStore store = (DynamoSqsEscalationStore) newStore();
        NewEscalation denied = ticket(Severity.HIGH, T0);
        NewEscalation expired = ticket(Severity.CRITICAL, T0);
        try (SqsClient down = unreachableSqs()) {
            DynamoSqsEscalationStore duringOutage =
                    new DynamoSqsEscalationStore(dynamo, down, config, OversightConfig.defaults());
            duringOutage.open(denied, HELD);
            duringOutage.open(expired, HELD);
        }
        store.decide(denied.ticket(), ReviewDecision.deny("bob", null), T0.plusSeconds(1));
        Instant late =
                T0.plus(OversightConfig.defaults().sla(Severity.CRITICAL)).plusSeconds(1);
        assertThat(store.expire(late)).extracting(Escalation::ticket).containsExactly(expired.ticket());

        assertThat(store.redeliver(late)).isZero();
        assertThat(drain(Severity.HIGH)).isEmpty();
        assertThat(drain(Severity.CRITICAL)).isEmpty();
        assertThat(rawItem(denied.ticket())).doesNotContainKeys("notify_pending", "notify_since");
        assertThat(rawItem(expired.ticket())).doesNotContainKeys("notify_pending", "notify_since");
    }

    @Test
    void redeliveredMessagesCarryHeldContentOnlyWhenReviewersMaySeeIt() throws Exception {
        OversightConfig showRaw = OversightConfig.defaults().withShowRawContent(true);
        DynamoSqsEscalationStore store = (DynamoSqsEscalationStore) newStore(showRaw);
        NewEscalation n = ticket(Severity.SAMPLING, T0);
        try (SqsClient down = unreachableSqs()) {
            new DynamoSqsEscalationStore(dynamo, down, config, showRaw).open(n, HELD);
        }
        assertThat(store.redeliver(T0.plusSeconds(60))).isEqualTo(1);
        Message m = drain(Severity.SAMPLING).getFirst();
        assertThat(JSON.readTree(m.body()).get("held_content").asText()).isEqualTo(HELD);
    }

    @Test
    void theTableHasASparseKeysOnlyOutboxIndex() {
        DynamoSqsEscalationConfig cfg = DynamoSqsEscalationConfig.defaults("https://sqs.us-east-1.amazonaws.com/1/");
        CreateTableRequest t = EscalationTable.createTableRequest(cfg);
        GlobalSecondaryIndex outbox = t.globalSecondaryIndexes().stream()
                .filter(i -> i.indexName().equals("notify-pending"))
                .findFirst()
                .orElseThrow();
        assertThat(outbox.keySchema())
                .extracting(KeySchemaElement::attributeName)
                .containsExactly("notify_pending", "notify_since");
        assertThat(outbox.projection().projectionType()).isEqualTo(ProjectionType.KEYS_ONLY);
        assertThat(t.attributeDefinitions())
                .extracting(AttributeDefinition::attributeName)
                .contains("notify_pending", "notify_since");
    }

    @Test
    void theOutboxSettingsAreValidatedAndReadFromTheEnvironment() {
        DynamoSqsEscalationConfig c = DynamoSqsEscalationConfig.fromEnvironment(Map.of(
                "AIRS_QUEUE_BASE_URL", "https://sqs.us-east-1.amazonaws.com/1",
                "AIRS_ESCALATION_NOTIFY_INDEX", "tickets-unsent"));
        assertThat(c.notifyIndex()).isEqualTo("tickets-unsent");
        assertThat(c.sendTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.redeliveryGrace()).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> c.withRedeliveryGrace(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DynamoSqsEscalationConfig(
                        c.table(), c.statusIndex(), c.notifyIndex(), c.queueUrls(), Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDecisionThatLostARaceIsAnsweredFromTheWinnersState() {
        EscalationStore a = newStore();
        EscalationStore b = new DynamoSqsEscalationStore(dynamo, sqs, config, OversightConfig.defaults());
        NewEscalation n = ticket(Severity.HIGH, T0);
        a.open(n, HELD);
        Escalation won = a.decide(n.ticket(), ReviewDecision.approve("alice", "ok"), T0);
        // A second instance (another Lambda) sees the same table and answers idempotently.
        assertThat(b.decide(n.ticket(), ReviewDecision.approve("alice", "ok"), T0.plusSeconds(3)))
                .isEqualTo(won);
    }

    private Map<String, AttributeValue> rawItem(String ticket) {
        return dynamo.getItem(b -> b.tableName(config.table())
                        .key(Map.of("ticket", AttributeValue.fromS(ticket)))
                        .consistentRead(true))
                .item();
    }
}

package io.airs.aws.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airs.aws.testing.Dynalite;
import io.airs.aws.testing.ElasticMq;
import io.airs.core.oversight.Escalation;
import io.airs.core.oversight.EscalationStore;
import io.airs.core.oversight.NewEscalation;
import io.airs.core.oversight.OversightConfig;
import io.airs.core.oversight.ReviewDecision;
import io.airs.core.oversight.Severity;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
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
        dynamo.createTable(EscalationTable.createTableRequest(cfg));
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
    EscalationStore newStore(OversightConfig oversight) {
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

    @Test
    void aFailedSendLeavesNoTicketBehind() {
        Map<Severity, String> urls = new EnumMap<>(Severity.class);
        DynamoSqsEscalationConfig good = freshConfig();
        for (Severity s : Severity.values()) {
            urls.put(s, good.queueUrl(s) + "-missing");
        }
        DynamoSqsEscalationConfig broken = new DynamoSqsEscalationConfig(good.table(), good.statusIndex(), urls);
        EscalationStore store = new DynamoSqsEscalationStore(dynamo, sqs, broken, OversightConfig.defaults());
        NewEscalation n = ticket(Severity.HIGH, T0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.open(n, HELD))
                .isInstanceOf(RuntimeException.class);
        assertThat(store.get(n.ticket())).isEmpty();
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

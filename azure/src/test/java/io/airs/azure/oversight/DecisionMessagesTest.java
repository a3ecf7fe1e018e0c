package io.airs.azure.oversight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.models.QueueMessageItem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airs.azure.oversight.DecisionResult.Reason;
import io.airs.azure.oversight.DecisionResult.Status;
import io.airs.azure.storage.StorageConnection;
import io.airs.azure.testing.Azurite;
import io.airs.core.Category;
import io.airs.core.Finding;
import io.airs.core.RiskTier;
import io.airs.core.Stage;
import io.airs.core.evidence.ChainHead;
import io.airs.core.evidence.EvidenceDraft;
import io.airs.core.evidence.EvidenceRecord;
import io.airs.core.evidence.EvidenceSink;
import io.airs.core.evidence.Identities;
import io.airs.core.evidence.InMemoryEvidenceSink;
import io.airs.core.oversight.Escalation;
import io.airs.core.oversight.EscalationStatus;
import io.airs.core.oversight.NewEscalation;
import io.airs.core.oversight.Oversight;
import io.airs.core.oversight.OversightConfig;
import io.airs.core.oversight.Severity;
import io.airs.testkit.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reviewers' decision messages applied to tickets on Azurite, as the queue-triggered function hands them over. */
class DecisionMessagesTest {

    static final Instant T0 = Instant.parse("2030-01-02T03:04:05Z");
    static final String HELD = "Please wire 5000 EUR to IBAN DE89 3704 0044 0532 0130 00 today.";
    static final AtomicInteger NAMES = new AtomicInteger();
    static final ObjectMapper JSON = new ObjectMapper();

    static Azurite storage;
    static StorageConnection connection;

    TableQueueEscalationConfig config;
    TableQueueEscalationStore store;
    MutableClock clock;
    InMemoryEvidenceSink evidence;
    Oversight oversight;
    DecisionMessages decisions;

    @BeforeAll
    static void up() {
        storage = Azurite.start();
        connection = StorageConnection.ofConnectionString(storage.connectionString());
    }

    @AfterAll
    static void down() {
        storage.close();
    }

    @BeforeEach
    void freshStore() {
        int n = NAMES.incrementAndGet();
        config = TableQueueEscalationConfig.defaults(connection)
                .withTable("decisions" + n)
                .withQueuePrefix("dq" + n)
                .withDecisionQueue("decisions" + n)
                .withCreateIfMissing(true);
        store = TableQueueEscalationStore.create(config, OversightConfig.defaults());
        clock = new MutableClock(T0.plusSeconds(60));
        evidence = new InMemoryEvidenceSink(64);
        oversight = Oversight.builder(store, evidence).clock(clock).build();
        decisions = DecisionMessages.create(oversight, config);
    }

    NewEscalation open(Severity queue) {
        String id = "esc_dm" + NAMES.incrementAndGet();
        NewEscalation n = new NewEscalation(
                id,
                queue,
                T0,
                T0.plus(OversightConfig.defaults().sla(queue)),
                Stage.OUTPUT,
                "dec_" + id,
                "req_" + id,
                "pii",
                "rev-1",
                RiskTier.HIGH,
                List.of(new Finding(Category.PII, "iban", 29, 56, 0.97, "pii.iban")),
                "Please wire 5000 EUR to IBAN [IBAN] today.",
                Identities.none());
        store.open(n, HELD);
        return n;
    }

    static String message(String ticket, String decision, String reviewer) {
        return "{\"ticket\":\"" + ticket + "\",\"decision\":\"" + decision + "\",\"reviewer\":\"" + reviewer
                + "\",\"note\":\"checked\"}";
    }

    List<JsonNode> poisoned() throws IOException {
        QueueClient q = connection.queueServiceClient().getQueueClient(config.poisonQueue());
        List<JsonNode> out = new ArrayList<>();
        for (QueueMessageItem m : q.receiveMessages(32)) {
            out.add(JSON.readTree(m.getBody().toString()));
        }
        return out;
    }

    @Test
    void anApprovalIsAppliedAndLeavesAnEvidenceRecord() throws Exception {
        NewEscalation n = open(Severity.HIGH);

        DecisionResult r = decisions.apply("m-1", message(n.ticket(), "approve", "alice"));

        assertThat(r.status()).isEqualTo(Status.APPLIED);
        assertThat(r.accepted()).isTrue();
        assertThat(r.ticket()).isEqualTo(n.ticket());
        assertThat(r.escalation().status()).isEqualTo(EscalationStatus.APPROVED);
        assertThat(r.escalation().heldContent()).isNull();
        assertThat(store.get(n.ticket()).orElseThrow().status()).isEqualTo(EscalationStatus.APPROVED);
        assertThat(store.get(n.ticket()).orElseThrow().note()).isEqualTo("checked");
        assertThat(evidence.records()).hasSize(1);
        assertThat(evidence.records().getFirst().draft().extra())
                .containsEntry("event", "review_decision")
                .containsEntry("reviewer", "alice");
        assertThat(r.logLine()).startsWith("decision applied: message=m-1 ticket=" + n.ticket());
        assertThat(poisoned()).isEmpty();
    }

    @Test
    void theSameMessageDeliveredTwiceIsADuplicateThatChangesNothing() throws Exception {
        NewEscalation n = open(Severity.STANDARD);
        String body = message(n.ticket(), "deny", "bob");
        Escalation first = decisions.apply("m-1", body).escalation();
        clock.advance(Duration.ofMinutes(5));

        DecisionResult again = decisions.apply("m-1", body);

        assertThat(again.status()).isEqualTo(Status.DUPLICATE);
        assertThat(again.accepted()).isTrue();
        assertThat(again.escalation()).isEqualTo(first);
        assertThat(store.get(n.ticket())).contains(first);
        assertThat(evidence.records()).hasSize(1);
        assertThat(poisoned()).isEmpty();
    }

    @Test
    void aDifferentDecisionOnAFinalTicketIsRejectedForGood() throws Exception {
        NewEscalation n = open(Severity.STANDARD);
        decisions.apply("m-1", message(n.ticket(), "approve", "alice"));

        DecisionResult r = decisions.apply("m-2", message(n.ticket(), "deny", "bob"));

        assertThat(r.status()).isEqualTo(Status.REJECTED);
        assertThat(r.reason()).isEqualTo(Reason.ALREADY_DECIDED);
        assertThat(r.detail()).contains("approved");
        assertThat(store.get(n.ticket()).orElseThrow().status()).isEqualTo(EscalationStatus.APPROVED);
        assertThat(evidence.records()).hasSize(1);
        List<JsonNode> poison = poisoned();
        assertThat(poison).hasSize(1);
        assertThat(poison.getFirst().get("reason").asText()).isEqualTo("already_decided");
        assertThat(poison.getFirst().get("ticket").asText()).isEqualTo(n.ticket());
        assertThat(poison.getFirst().get("message_id").asText()).isEqualTo("m-2");
        assertThat(poison.getFirst().get("message").asText()).isEqualTo(message(n.ticket(), "deny", "bob"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON                | approve it please                                                   | MALFORMED     | body is not JSON
            not an object           | ["esc_1"]                                                           | MALFORMED     | body is not a JSON object
            no ticket               | {"decision":"approve","reviewer":"alice"}                           | MALFORMED     | ticket: required
            ticket with a space     | {"ticket":"esc 1","decision":"approve","reviewer":"alice"}          | MALFORMED     | ticket: required
            unknown decision        | {"ticket":"esc_1","decision":"maybe","reviewer":"alice"}            | INVALID_FIELD | invalid field decision
            no reviewer             | {"ticket":"esc_1","decision":"deny"}                                | INVALID_FIELD | invalid field reviewer
            modify without content  | {"ticket":"esc_1","decision":"modify","reviewer":"alice"}           | INVALID_FIELD | invalid field content
            unknown field           | {"ticket":"esc_1","decision":"deny","reviewer":"a","why":"x"}       | INVALID_FIELD | invalid field why
            unknown queue           | {"ticket":"esc_1","decision":"escalate","reviewer":"a","queue":"x"} | INVALID_FIELD | invalid field queue
            unknown ticket          | {"ticket":"esc_1","decision":"deny","reviewer":"alice"}             | UNKNOWN_TICKET | no such ticket
            """)
    void messagesThatCanNeverApplyAreRejectedWithTheirReason(String name, String body, Reason reason, String detail)
            throws Exception {
        DecisionResult r = decisions.apply("m-bad", body);

        assertThat(r.status()).isEqualTo(Status.REJECTED);
        assertThat(r.accepted()).isFalse();
        assertThat(r.reason()).isEqualTo(reason);
        assertThat(r.detail()).startsWith(detail);
        assertThat(r.logLine()).contains("reason=" + reason.wireName()).doesNotContain("alice");
        assertThat(evidence.records()).isEmpty();
        List<JsonNode> poison = poisoned();
        assertThat(poison).hasSize(1);
        assertThat(poison.getFirst().get("reason").asText()).isEqualTo(reason.wireName());
        assertThat(poison.getFirst().get("message").asText()).isEqualTo(body);
    }

    @Test
    void aDecisionOnAnExpiredTicketIsRejectedAsExpiredAndTheTicketDenied() {
        NewEscalation n = open(Severity.CRITICAL);
        clock.set(n.deadline().plusSeconds(1));

        DecisionResult r = decisions.apply("m-late", message(n.ticket(), "approve", "alice"));

        assertThat(r.status()).isEqualTo(Status.REJECTED);
        assertThat(r.reason()).isEqualTo(Reason.EXPIRED);
        assertThat(store.get(n.ticket()).orElseThrow().status()).isEqualTo(EscalationStatus.EXPIRED);
        assertThat(store.heldContent(n.ticket())).isEmpty();
        assertThat(evidence.records()).hasSize(1);
        assertThat(evidence.records().getFirst().draft().extra()).containsEntry("event", "escalation_expired");

        DecisionResult again = decisions.apply("m-late", message(n.ticket(), "approve", "alice"));
        assertThat(again.reason()).isEqualTo(Reason.EXPIRED);
        assertThat(evidence.records()).hasSize(1);
    }

    @Test
    void anEscalationNamingItsQueueIsAppliedOnceAndThenADuplicate() throws Exception {
        NewEscalation n = open(Severity.STANDARD);
        String body = "{\"ticket\":\"" + n.ticket()
                + "\",\"decision\":\"escalate\",\"reviewer\":\"dave\",\"queue\":\"standard\"}";

        DecisionResult first = decisions.apply("m-1", body);
        DecisionResult again = decisions.apply("m-1", body);

        assertThat(first.status()).isEqualTo(Status.APPLIED);
        assertThat(first.escalation().queue()).isEqualTo(Severity.HIGH);
        assertThat(again.status()).isEqualTo(Status.DUPLICATE);
        assertThat(again.detail()).contains("from standard to high");
        assertThat(store.get(n.ticket()).orElseThrow().queue()).isEqualTo(Severity.HIGH);
        assertThat(evidence.records()).hasSize(1);
        assertThat(poisoned()).isEmpty();
    }

    @Test
    void escalatingACriticalTicketIsRejectedNamingTheDecision() {
        NewEscalation n = open(Severity.CRITICAL);
        DecisionResult r = decisions.apply("m-1", message(n.ticket(), "escalate", "dave"));
        assertThat(r.reason()).isEqualTo(Reason.INVALID_FIELD);
        assertThat(r.detail()).isEqualTo("invalid field decision");
        assertThat(store.get(n.ticket()).orElseThrow().status()).isEqualTo(EscalationStatus.PENDING);
    }

    @Test
    void withoutAPoisonQueueARejectionIsOnlyReported() throws Exception {
        DecisionResult r = new DecisionMessages(oversight).apply(null, "{}");
        assertThat(r.reason()).isEqualTo(Reason.MALFORMED);
        assertThat(r.logLine()).startsWith("decision rejected: message=-");
        assertThat(poisoned()).isEmpty();
    }

    @Test
    void aFailureAfterTheTicketChangedIsThrownForARetryThatThenFindsADuplicate() {
        NewEscalation n = open(Severity.HIGH);
        EvidenceSink broken = new EvidenceSink() {
            @Override
            public EvidenceRecord append(EvidenceDraft draft) {
                throw new UncheckedIOException(new IOException("evidence store unreachable"));
            }

            @Override
            public ChainHead head() {
                return evidence.head();
            }
        };
        DecisionMessages failing = new DecisionMessages(
                Oversight.builder(store, broken).clock(clock).build());
        String body = message(n.ticket(), "approve", "alice");

        assertThatThrownBy(() -> failing.apply("m-1", body)).isInstanceOf(UncheckedIOException.class);

        DecisionResult retried = decisions.apply("m-1", body);
        assertThat(retried.status()).isEqualTo(Status.DUPLICATE);
        assertThat(retried.escalation().status()).isEqualTo(EscalationStatus.APPROVED);
    }

    @Test
    void anUnreachableTableIsThrownForTheHostToRetry() {
        NewEscalation n = open(Severity.HIGH);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TableServiceClient down = new TableServiceClientBuilder()
                .connectionString("DefaultEndpointsProtocol=http;AccountName=" + Azurite.ACCOUNT + ";AccountKey="
                        + Azurite.KEY + ";TableEndpoint=http://127.0.0.1:" + port + "/" + Azurite.ACCOUNT + ";")
                .httpClient(new JdkHttpClientBuilder().build())
                .retryOptions(new RetryOptions(new FixedDelayOptions(0, Duration.ofMillis(1))))
                .buildClient();
        TableQueueEscalationStore unreachable = new TableQueueEscalationStore(
                down, connection.queueServiceClient(), config.withCreateIfMissing(false), OversightConfig.defaults());
        DecisionMessages d = new DecisionMessages(
                Oversight.builder(unreachable, evidence).clock(clock).build());

        assertThatThrownBy(() -> d.apply("m-1", message(n.ticket(), "approve", "alice")))
                .isInstanceOf(RuntimeException.class);
        assertThat(store.get(n.ticket()).orElseThrow().status()).isEqualTo(EscalationStatus.PENDING);
    }
}

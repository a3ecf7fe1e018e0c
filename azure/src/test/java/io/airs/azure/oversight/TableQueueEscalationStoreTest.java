package io.airs.azure.oversight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import com.azure.storage.queue.QueueMessageEncoding;
import com.azure.storage.queue.QueueServiceClient;
import com.azure.storage.queue.QueueServiceClientBuilder;
import com.azure.storage.queue.models.QueueMessageItem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airs.azure.storage.StorageConnection;
import io.airs.azure.testing.Azurite;
import io.airs.core.evidence.InMemoryEvidenceSink;
import io.airs.core.oversight.AlreadyDecidedException;
import io.airs.core.oversight.Escalation;
import io.airs.core.oversight.EscalationStatus;
import io.airs.core.oversight.EscalationStore;
import io.airs.core.oversight.InvalidReviewException;
import io.airs.core.oversight.NewEscalation;
import io.airs.core.oversight.Oversight;
import io.airs.core.oversight.OversightConfig;
import io.airs.core.oversight.ReviewDecision;
import io.airs.core.oversight.Severity;
import io.airs.testkit.oversight.EscalationStoreContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store on Azurite: the shared contract, plus what only this store does. */
class TableQueueEscalationStoreTest extends EscalationStoreContract {

    static Azurite storage;
    static StorageConnection connection;
    static final AtomicInteger NAMES = new AtomicInteger();
    static final ObjectMapper JSON = new ObjectMapper();

    TableQueueEscalationConfig config;

    @BeforeAll
    static void up() {
        storage = Azurite.start();
        connection = StorageConnection.ofConnectionString(storage.connectionString());
    }

    @AfterAll
    static void down() {
        storage.close();
    }

    /** A fresh table, four fresh queues and a fresh decision queue, so tests never share state. */
    static TableQueueEscalationConfig freshConfig() {
        int n = NAMES.incrementAndGet();
        return TableQueueEscalationConfig.defaults(connection)
                .withTable("tickets" + n)
                .withQueuePrefix("esc" + n)
                .withDecisionQueue("decisions" + n)
                .withCreateIfMissing(true);
    }

    @Override
    protected EscalationStore newStore(OversightConfig oversight) {
        config = freshConfig();
        return TableQueueEscalationStore.create(config, oversight);
    }

    TableQueueEscalationStore store() {
        return (TableQueueEscalationStore) newStore();
    }

    /** Receives and deletes every message in the queue of {@code s}, decoded as the host decodes them. */
    List<String> drain(Severity s) {
        var q = connection.queueServiceClient().getQueueClient(config.queueName(s));
        List<String> out = new ArrayList<>();
        for (QueueMessageItem m : q.receiveMessages(32)) {
            out.add(m.getBody().toString());
            q.deleteMessage(m.getMessageId(), m.getPopReceipt());
        }
        return out;
    }

    TableClient rawTable() {
        return connection.tableServiceClient().getTableClient(config.table());
    }

    List<TableEntity> partition(String ticket) {
        List<TableEntity> rows = new ArrayList<>();
        rawTable()
                .listEntities(new ListEntitiesOptions().setFilter("PartitionKey eq '" + ticket + "'"), null, null)
                .forEach(rows::add);
        return rows;
    }

    TableEntity ticketRow(String ticket) {
        return rawTable().getEntity(ticket, "ticket");
    }

    /** A queue service whose endpoint is a loopback port nobody listens on, as when queues are unreachable. */
    static QueueServiceClient unreachableQueues() {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new QueueServiceClientBuilder()
                .connectionString("DefaultEndpointsProtocol=http;AccountName=" + Azurite.ACCOUNT + ";AccountKey="
                        + Azurite.KEY + ";QueueEndpoint=http://127.0.0.1:" + port + "/" + Azurite.ACCOUNT + ";")
                .httpClient(new JdkHttpClientBuilder().build())
                .retryOptions(new RequestRetryOptions(RetryPolicyType.FIXED, 1, (Integer) null, null, null, null))
                .messageEncoding(QueueMessageEncoding.BASE64)
                .buildClient();
    }

    /** The same table and queue names as {@link #config} over other clients: a second function instance. */
    TableQueueEscalationStore secondInstance(QueueServiceClient queues, OversightConfig oversight) {
        TableServiceClient tables = new TableServiceClientBuilder()
                .connectionString(storage.connectionString())
                .httpClient(new JdkHttpClientBuilder().build())
                .buildClient();
        return new TableQueueEscalationStore(tables, queues, config.withCreateIfMissing(false), oversight);
    }

    @Test
    void sendsEachOpenedTicketToTheQueueOfItsSeverityAsBase64Json() throws Exception {
        TableQueueEscalationStore store = store();
        NewEscalation n = ticket(Severity.HIGH, T0);
        store.open(n, HELD);

        QueueServiceClient raw = new QueueServiceClientBuilder()
                .connectionString(storage.connectionString())
                .httpClient(new JdkHttpClientBuilder().build())
                .buildClient();
        QueueMessageItem m = raw.getQueueClient(config.queueName(Severity.HIGH)).receiveMessage();
        String body = new String(Base64.getDecoder().decode(m.getBody().toString()), StandardCharsets.UTF_8);
        JsonNode json = JSON.readTree(body);
        assertThat(json.get("ticket").asText()).isEqualTo(n.ticket());
        assertThat(json.get("queue").asText()).isEqualTo("high");
        assertThat(json.get("status").asText()).isEqualTo("pending");
        assertThat(json.get("deadline").asText()).isEqualTo(n.deadline().toString());
        assertThat(json.get("reason").asText()).isEqualTo("pii");
        assertThat(json.get("redacted_excerpt").asText()).isEqualTo(n.redactedExcerpt());
        assertThat(json.get("findings").get(0).get("type").asText()).isEqualTo("iban");
        assertThat(json.has("held_content")).isFalse();
        assertThat(body).doesNotContain("DE89");
        for (Severity other : List.of(Severity.CRITICAL, Severity.STANDARD, Severity.SAMPLING)) {
            assertThat(drain(other)).isEmpty();
        }
        assertThat(store.failedSends()).isZero();
    }

    @Test
    void messagesCarryHeldContentOnlyWhenReviewersMaySeeIt() throws Exception {
        TableQueueEscalationStore store =
                (TableQueueEscalationStore) newStore(OversightConfig.defaults().withShowRawContent(true));
        NewEscalation n = ticket(Severity.SAMPLING, T0);
        store.open(n, HELD);
        assertThat(JSON.readTree(drain(Severity.SAMPLING).getFirst())
                        .get("held_content")
                        .asText())
                .isEqualTo(HELD);
        assertThat(store.get(n.ticket()).orElseThrow().heldContent()).isNull();
    }

    @Test
    void heldContentTooLargeForOneMessageIsLeftOutOfIt() throws Exception {
        TableQueueEscalationStore store =
                (TableQueueEscalationStore) newStore(OversightConfig.defaults().withShowRawContent(true));
        NewEscalation n = ticket(Severity.STANDARD, T0);
        String big = "x".repeat(100_000);
        store.open(n, big);
        JsonNode m = JSON.readTree(drain(Severity.STANDARD).getFirst());
        assertThat(m.has("held_content")).isFalse();
        assertThat(m.get("held_content_omitted").asBoolean()).isTrue();
        assertThat(m.get("findings")).hasSize(1);
        assertThat(store.heldContent(n.ticket())).contains(big);
    }

    @Test
    void anEscalatedTicketIsSentToItsNextQueue() throws Exception {
        TableQueueEscalationStore store = store();
        NewEscalation n = ticket(Severity.STANDARD, T0);
        store.open(n, HELD);
        assertThat(drain(Severity.STANDARD)).hasSize(1);

        Instant at = T0.plusSeconds(1);
        Escalation moved = store.decide(n.ticket(), ReviewDecision.escalate("dave", "needs a lead"), at);

        List<String> high = drain(Severity.HIGH);
        assertThat(high).hasSize(1);
        JsonNode m = JSON.readTree(high.getFirst());
        assertThat(m.get("ticket").asText()).isEqualTo(n.ticket());
        assertThat(m.get("queue").asText()).isEqualTo("high");
        assertThat(m.get("status").asText()).isEqualTo("escalated");
        assertThat(m.get("deadline").asText()).isEqualTo(moved.deadline().toString());
        assertThat(drain(Severity.STANDARD)).isEmpty();
        assertThat(drain(Severity.CRITICAL)).isEmpty();

        store.decide(n.ticket(), ReviewDecision.escalate("erin", null), at.plusSeconds(1));
        assertThat(JSON.readTree(drain(Severity.CRITICAL).getFirst())
                        .get("queue")
                        .asText())
                .isEqualTo("critical");
    }

    @Test
    void theHeldContentLivesInRowsOfItsOwnThatLeaveTheTableWhenDenied() {
        TableQueueEscalationStore store = store();
        NewEscalation n = ticket(Severity.STANDARD, T0);
        store.open(n, HELD);
        TableEntity row = ticketRow(n.ticket());
        assertThat(row.getProperties().values())
                .noneMatch(v -> String.valueOf(v).contains("DE89"));
        assertThat(row.getProperty("Status")).isEqualTo("PENDING");
        assertThat(row.getProperty("HeldChunks")).isEqualTo(1);
        assertThat(partition(n.ticket()))
                .extracting(TableEntity::getRowKey)
                .containsExactlyInAnyOrder("ticket", "held-0000");

        store.decide(n.ticket(), ReviewDecision.deny("bob", null), T0);

        assertThat(partition(n.ticket())).extracting(TableEntity::getRowKey).containsExactly("ticket");
        assertThat(ticketRow(n.ticket()).getProperty("HeldChunks")).isEqualTo(0);
    }

    @Test
    void heldContentLongerThanOneTablePropertyIsChunkedAndComesBackWhole() {
        TableQueueEscalationStore store = store();
        NewEscalation n = ticket(Severity.STANDARD, T0);
        // Surrogate pairs straddle every possible cut, and the text is far beyond 64 KiB.
        String held = "a\uD83D\uDE00".repeat(70_000);
        store.open(n, held);
        assertThat(partition(n.ticket())).hasSize(1 + (held.length() + 29_999) / 30_000);
        assertThat(store.heldContent(n.ticket())).contains(held);
        store.decide(n.ticket(), ReviewDecision.approve("alice", null), T0.plusSeconds(1));
        assertThat(store.heldContent(n.ticket())).contains(held);
        assertThatThrownBy(() -> store.open(
                        ticket(Severity.STANDARD, T0),
                        "x".repeat(TableQueueEscalationStore.MAX_HELD_CONTENT_CHARS + 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most " + TableQueueEscalationStore.MAX_HELD_CONTENT_CHARS);
    }

    @Test
    void aLongModificationAndManyFindingsRoundTrip() {
        TableQueueEscalationStore store = store();
        NewEscalation base = ticket(Severity.STANDARD, T0);
        List<io.airs.core.Finding> many = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            many.add(new io.airs.core.Finding(io.airs.core.Category.PII, "email", i, i + 1, 0.5, "pii.email"));
        }
        NewEscalation n = new NewEscalation(
                base.ticket(),
                base.queue(),
                base.createdAt(),
                base.deadline(),
                base.stage(),
                base.decisionId(),
                base.requestId(),
                base.reason(),
                base.policyRevision(),
                base.riskTier(),
                many,
                base.redactedExcerpt(),
                base.identities());
        store.open(n, HELD);
        assertThat(store.get(n.ticket()).orElseThrow().findings()).isEqualTo(many);
        String replacement = "y".repeat(100_000);
        Escalation modified =
                store.decide(n.ticket(), ReviewDecision.modify("carol", null, replacement), T0.plusSeconds(2));
        assertThat(store.get(n.ticket())).contains(modified);
        assertThat(store.get(n.ticket()).orElseThrow().outcomeContent()).isEqualTo(replacement);

        NewEscalation other = ticket(Severity.STANDARD, T0);
        store.open(other, HELD);
        String tooLong = "z".repeat(TableQueueEscalationStore.MAX_OUTCOME_CONTENT_CHARS + 1);
        assertThatThrownBy(() -> store.decide(other.ticket(), ReviewDecision.modify("carol", null, tooLong), T0))
                .isInstanceOfSatisfying(
                        InvalidReviewException.class, x -> assertThat(x.field()).isEqualTo("content"));
        assertThat(store.get(other.ticket()).orElseThrow().status()).isEqualTo(EscalationStatus.PENDING);
    }

    @Test
    void ticketIdsATableKeyCannotHoldAreRefusedOrUnknown() {
        TableQueueEscalationStore store = store();
        NewEscalation base = ticket(Severity.STANDARD, T0);
        NewEscalation slash = new NewEscalation(
                "esc_a/b",
                base.queue(),
                base.createdAt(),
                base.deadline(),
                base.stage(),
                base.decisionId(),
                base.requestId(),
                base.reason(),
                base.policyRevision(),
                base.riskTier(),
                base.findings(),
                base.redactedExcerpt(),
                base.identities());
        assertThatThrownBy(() -> store.open(slash, HELD)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.get("esc_a/b")).isEmpty();
        assertThat(store.get("esc_it's")).isEmpty();
        assertThat(store.heldContent("esc_it's")).isEmpty();
        assertThatThrownBy(() -> store.decide("a#b", ReviewDecision.approve("alice", null), T0))
                .isInstanceOf(io.airs.core.oversight.UnknownTicketException.class);
    }

    @Test
    void queueClientsMustEncodeMessagesAsTheFunctionsHostDoes() {
        config = freshConfig();
        QueueServiceClient plain = new QueueServiceClientBuilder()
                .connectionString(storage.connectionString())
                .httpClient(new JdkHttpClientBuilder().build())
                .buildClient();
        assertThatThrownBy(() -> new TableQueueEscalationStore(
                        connection.tableServiceClient(), plain, config, OversightConfig.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BASE64");
    }

    @Test
    void aFailedSendKeepsTheTicketAndTheResendDeliversItExactlyOnce() throws Exception {
        TableQueueEscalationStore store = store();
        NewEscalation n = ticket(Severity.HIGH, T0);
        TableQueueEscalationStore duringOutage = secondInstance(unreachableQueues(), OversightConfig.defaults());

        Escalation opened = duringOutage.open(n, HELD);

        assertThat(opened.status()).isEqualTo(EscalationStatus.PENDING);
        assertThat(duringOutage.failedSends()).isEqualTo(1);
        assertThat(store.get(n.ticket())).contains(opened);
        assertThat(store.heldContent(n.ticket())).contains(HELD);
        assertThat(ticketRow(n.ticket()).getProperty("MessageOwed")).isEqualTo(true);
        assertThat(ticketRow(n.ticket()).getProperty("OwedQueue")).isEqualTo("HIGH");
        // Still down at the next sweep: nothing sent, the ticket stays owed.
        assertThat(duringOutage.resendUnsent(T0.plusSeconds(60))).isZero();
        assertThat(drain(Severity.HIGH)).isEmpty();

        assertThat(store.resendUnsent(T0.plusSeconds(120))).isEqualTo(1);

        List<String> high = drain(Severity.HIGH);
        assertThat(high).hasSize(1);
        assertThat(JSON.readTree(high.getFirst()).get("ticket").asText()).isEqualTo(n.ticket());
        assertThat(high.getFirst()).doesNotContain("DE89");
        assertThat(store.resendUnsent(T0.plusSeconds(180))).isZero();
        for (Severity queue : Severity.values()) {
            assertThat(drain(queue)).isEmpty();
        }
        TableEntity row = ticketRow(n.ticket());
        assertThat(row.getProperty("MessageOwed")).isEqualTo(false);
        assertThat(row.getProperties()).doesNotContainKeys("OwedQueue", "OwedSince");
        assertThat(store.get(n.ticket())).contains(opened);
    }

    @Test
    void aTicketSentWhenOpenedIsNeverResent() {
        TableQueueEscalationStore store = store();
        NewEscalation n = ticket(Severity.CRITICAL, T0);
        store.open(n, HELD);
        assertThat(drain(Severity.CRITICAL)).hasSize(1);
        assertThat(ticketRow(n.ticket()).getProperty("MessageOwed")).isEqualTo(false);
        assertThat(store.resendUnsent(T0.plusSeconds(60))).isZero();
        assertThat(drain(Severity.CRITICAL)).isEmpty();
    }

    @Test
    void theResendWaitsOutTheGraceSoItDoesNotDuplicateASendStillInFlight() {
        TableQueueEscalationStore store = store();
        NewEscalation n = ticket(Severity.STANDARD, T0);
        secondInstance(unreachableQueues(), OversightConfig.defaults()).open(n, HELD);
        Duration grace = config.resendGrace();
        assertThat(store.resendUnsent(T0.plus(grace).minusNanos(1))).isZero();
        assertThat(drain(Severity.STANDARD)).isEmpty();
        assertThat(store.resendUnsent(T0.plus(grace))).isEqualTo(1);
        assertThat(drain(Severity.STANDARD)).hasSize(1);
    }

    @Test
    void anEscalationWhoseSendFailsIsAppliedAndResentToItsNewQueue() throws Exception {
        TableQueueEscalationStore store = store();
        NewEscalation n = ticket(Severity.STANDARD, T0);
        store.open(n, HELD);
        drain(Severity.STANDARD);
        Instant at = T0.plusSeconds(30);

        Escalation escalated = secondInstance(unreachableQueues(), OversightConfig.defaults())
                .decide(n.ticket(), ReviewDecision.escalate("dave", null), at);

        assertThat(escalated.status()).isEqualTo(EscalationStatus.ESCALATED);
        assertThat(store.get(n.ticket())).contains(escalated);
        assertThat(ticketRow(n.ticket()).getProperty("OwedQueue")).isEqualTo("HIGH");
        assertThat(store.resendUnsent(at.plusSeconds(60))).isEqualTo(1);
        List<String> high = drain(Severity.HIGH);
        assertThat(high).hasSize(1);
        assertThat(JSON.readTree(high.getFirst()).get("status").asText()).isEqualTo("escalated");
        assertThat(drain(Severity.STANDARD)).isEmpty();
        assertThat(store.resendUnsent(at.plusSeconds(120))).isZero();
    }

    @Test
    void aTicketDecidedBeforeItsMessageWentOutIsNotSentAnyMore() {
        TableQueueEscalationStore store = store();
        NewEscalation denied = ticket(Severity.HIGH, T0);
        NewEscalation expired = ticket(Severity.CRITICAL, T0);
        TableQueueEscalationStore duringOutage = secondInstance(unreachableQueues(), OversightConfig.defaults());
        duringOutage.open(denied, HELD);
        duringOutage.open(expired, HELD);
        store.decide(denied.ticket(), ReviewDecision.deny("bob", null), T0.plusSeconds(1));
        Instant late = expired.deadline().plusSeconds(1);
        assertThat(store.expire(late)).extracting(Escalation::ticket).containsExactly(expired.ticket());

        assertThat(store.resendUnsent(late)).isZero();
        assertThat(drain(Severity.HIGH)).isEmpty();
        assertThat(drain(Severity.CRITICAL)).isEmpty();
        assertThat(ticketRow(denied.ticket()).getProperty("MessageOwed")).isEqualTo(false);
        assertThat(ticketRow(expired.ticket()).getProperty("MessageOwed")).isEqualTo(false);
    }

    @Test
    void resentMessagesCarryHeldContentOnlyWhenReviewersMaySeeIt() throws Exception {
        OversightConfig showRaw = OversightConfig.defaults().withShowRawContent(true);
        TableQueueEscalationStore store = (TableQueueEscalationStore) newStore(showRaw);
        NewEscalation n = ticket(Severity.SAMPLING, T0);
        secondInstance(unreachableQueues(), showRaw).open(n, HELD);
        assertThat(store.resendUnsent(T0.plusSeconds(60))).isEqualTo(1);
        assertThat(JSON.readTree(drain(Severity.SAMPLING).getFirst())
                        .get("held_content")
                        .asText())
                .isEqualTo(HELD);
    }

    @Test
    void twoInstancesDecidingTheSameTicketAtOnceHaveExactlyOneWinner() throws Exception {
        TableQueueEscalationStore a = store();
        TableQueueEscalationStore b = secondInstance(connection.queueServiceClient(), OversightConfig.defaults());
        for (int round = 0; round < 5; round++) {
            NewEscalation n = ticket(Severity.HIGH, T0);
            a.open(n, HELD);
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Callable<Escalation> approve = () -> {
                    go.await();
                    return a.decide(n.ticket(), ReviewDecision.approve("alice", null), T0.plusSeconds(1));
                };
                Callable<Escalation> deny = () -> {
                    go.await();
                    return b.decide(n.ticket(), ReviewDecision.deny("bob", null), T0.plusSeconds(1));
                };
                Future<Escalation> fa = pool.submit(approve);
                Future<Escalation> fb = pool.submit(deny);
                go.countDown();
                List<Escalation> wins = new ArrayList<>();
                int conflicts = 0;
                for (Future<Escalation> f : List.of(fa, fb)) {
                    try {
                        wins.add(f.get(30, TimeUnit.SECONDS));
                    } catch (ExecutionException x) {
                        assertThat(x.getCause()).isInstanceOf(AlreadyDecidedException.class);
                        conflicts++;
                    }
                }
                assertThat(wins).hasSize(1);
                assertThat(conflicts).isEqualTo(1);
                Escalation stored = a.get(n.ticket()).orElseThrow();
                assertThat(stored).isEqualTo(wins.getFirst());
                assertThat(a.heldContent(n.ticket()).isPresent())
                        .isEqualTo(stored.status() == EscalationStatus.APPROVED);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void twoInstancesApplyingTheSameDecisionBothSeeTheSameFinalTicket() throws Exception {
        TableQueueEscalationStore a = store();
        TableQueueEscalationStore b = secondInstance(connection.queueServiceClient(), OversightConfig.defaults());
        NewEscalation n = ticket(Severity.HIGH, T0);
        a.open(n, HELD);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Escalation>> results = new ArrayList<>();
            for (TableQueueEscalationStore s : List.of(a, b)) {
                results.add(pool.submit(() -> {
                    go.await();
                    return s.decide(n.ticket(), ReviewDecision.approve("alice", "ok"), T0.plusSeconds(1));
                }));
            }
            go.countDown();
            Escalation first = results.get(0).get(30, TimeUnit.SECONDS);
            Escalation second = results.get(1).get(30, TimeUnit.SECONDS);
            assertThat(first).isEqualTo(second);
            assertThat(first.status()).isEqualTo(EscalationStatus.APPROVED);
            assertThat(b.get(n.ticket())).contains(first);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theSlaSweepResendsWhatIsOwedAndExpiresWhatIsOverdue() {
        TableQueueEscalationStore store = store();
        NewEscalation owed = ticket(Severity.STANDARD, T0);
        NewEscalation overdue = ticket(Severity.CRITICAL, T0);
        TableQueueEscalationStore duringOutage = secondInstance(unreachableQueues(), OversightConfig.defaults());
        duringOutage.open(owed, HELD);
        store.open(overdue, HELD);
        drain(Severity.CRITICAL);
        InMemoryEvidenceSink evidence = new InMemoryEvidenceSink(16);
        Instant at = overdue.deadline().plusSeconds(1);
        Clock clock = Clock.fixed(at, ZoneOffset.UTC);

        SlaSweep.Report failing = new SlaSweep(
                        Oversight.builder(duringOutage, evidence).clock(clock).build(), duringOutage, clock)
                .run();
        assertThat(failing.resent()).isZero();
        assertThat(failing.expired()).extracting(Escalation::ticket).containsExactly(overdue.ticket());
        assertThat(evidence.records()).hasSize(1);

        SlaSweep.Report ok =
                new SlaSweep(Oversight.builder(store, evidence).clock(clock).build(), store, clock).run();
        assertThat(ok.resent()).isEqualTo(1);
        assertThat(ok.expired()).isEmpty();
        assertThat(ok.logLine()).contains("resent=1", "expired=0");
        assertThat(drain(Severity.STANDARD)).hasSize(1);
    }
}

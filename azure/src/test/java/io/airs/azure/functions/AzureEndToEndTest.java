package io.airs.azure.functions;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueServiceClient;
import com.azure.storage.queue.models.QueueMessageItem;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.HttpResponseMessage;
import io.airs.azure.AzureSettings;
import io.airs.azure.runtime.AzureEnvironment;
import io.airs.azure.runtime.AzureRuntime;
import io.airs.azure.storage.StorageConnection;
import io.airs.azure.testing.AppConfigurationStub;
import io.airs.azure.testing.AzureOpenAiStub;
import io.airs.azure.testing.Azurite;
import io.airs.azure.testing.FakeContext;
import io.airs.azure.testing.FakeHttpRequest;
import io.airs.azure.testing.LoopbackTls;
import io.airs.azure.testing.TcpGate;
import io.airs.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The function app end to end on the emulators: tickets in Azurite's tables, escalations on its
 * queues (behind a gate the test can cut), Azure OpenAI and App Configuration on HTTPS WireMock, every
 * function invoked as the worker invokes it, composed from application settings as in production.
 */
class AzureEndToEndTest {

    private static final String CHAT = "/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21";
    private static final String POLICY = """
            version: 1
            name: reviewed
            risk_tier: MEDIUM
            judge:
              modes: {output: inline}
              llm: {endpoint: "https://replaced-by-the-azure-settings", retries: 0, timeout: 2s}
            oversight:
              sla: {standard: 2h, high: 1h}
            stages:
              input:
                - detector: injection
                  action: block
              output:
                - detector: pii
                  action: redact
            """;

    private static Azurite storage;
    private static AzureOpenAiStub azure;
    private static AppConfigurationStub appConfig;

    private TcpGate gate;
    private AzureRuntime runtime;
    private EnforcerFunctions functions;
    private QueueServiceClient queues;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
    private String prefix;

    @BeforeAll
    static void start() {
        storage = Azurite.start();
        azure = new AzureOpenAiStub();
        appConfig = AppConfigurationStub.start();
    }

    @AfterAll
    static void stop() {
        storage.close();
        azure.close();
        appConfig.close();
    }

    @BeforeEach
    void setUp() {
        azure.reset();
        appConfig.wire().resetAll();
        flags();
        gate = new TcpGate(storage.queuePort());
        // Fresh names per test: the emulator lives for the class.
        prefix = "t" + UUID.randomUUID().toString().substring(0, 8);
        StorageConnection admin = StorageConnection.ofConnectionString(storage.connectionString());
        queues = admin.queueServiceClient();
        for (String q : List.of("critical", "high", "standard", "sampling")) {
            queues.createQueue(prefix + "-" + q);
        }
        queues.createQueue(prefix + "-decisions");
        queues.createQueue(prefix + "-decisions-poison");
        queues.createQueue(prefix + "-judge");
        admin.tableServiceClient().createTable(prefix + "tickets");
        admin.tableServiceClient().createTable(prefix + "trips");
        Map<String, String> env = new HashMap<>();
        env.put(AzureSettings.POLICY, POLICY);
        env.put(AzureSettings.OPENAI_ENDPOINT, azure.endpoint().toString());
        env.put(AzureSettings.JUDGE_DEPLOYMENT, AzureOpenAiStub.JUDGE_DEPLOYMENT);
        env.put(AzureSettings.APPCONFIG_ENDPOINT, appConfig.endpoint().toString());
        env.put(AzureSettings.FLAG_CACHE_SECONDS, "1");
        env.put(AzureSettings.STORAGE_CONNECTION, storage.connectionString(gate.port()));
        env.put(AzureSettings.ESCALATION_QUEUE_PREFIX, prefix);
        env.put(AzureSettings.DECISION_QUEUE, prefix + "-decisions");
        env.put(AzureSettings.JUDGE_QUEUE, prefix + "-judge");
        env.put(AzureSettings.TICKET_TABLE, prefix + "tickets");
        env.put(AzureSettings.TRIP_TABLE, prefix + "trips");
        runtime = new AzureEnvironment(
                        env,
                        LoopbackTls.trustingJdkClient(),
                        LoopbackTls.trustingHttpClient(),
                        LoopbackTls.credential(),
                        clock)
                .runtime();
        functions = new EnforcerFunctions(runtime);
    }

    @AfterEach
    void tearDown() {
        runtime.close();
        gate.close();
    }

    /** App Configuration lists these kill-switch flags (none: an empty list). */
    private void flags(com.fasterxml.jackson.databind.node.ObjectNode... flags) {
        appConfig
                .wire()
                .stubFor(get(urlPathEqualTo("/kv"))
                        .willReturn(aResponse()
                                .withHeader("Content-Type", AppConfigurationStub.KV_SET)
                                .withBody(AppConfigurationStub.page(null, flags))));
    }

    private HttpResponseMessage chat(String text) {
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":" + AzureOpenAiStub.JSON.valueToTree(text) + "}]}";
        return functions.openAiFilter(FakeHttpRequest.post(CHAT, body), "gpt-4o", new FakeContext("chat"));
    }

    private static JsonNode json(HttpResponseMessage r) throws Exception {
        return AzureOpenAiStub.JSON.readTree(FakeHttpRequest.Response.text(r));
    }

    private HttpResponseMessage status(String ticket) {
        return functions.escalationStatus(
                FakeHttpRequest.get("/v1/escalations/" + ticket), ticket, new FakeContext("status"));
    }

    private List<JsonNode> drain(String queue) throws Exception {
        QueueClient q = StorageConnection.ofConnectionString(storage.connectionString())
                .queueServiceClient()
                .getQueueClient(queue);
        List<JsonNode> out = new ArrayList<>();
        for (QueueMessageItem m : q.receiveMessages(32)) {
            out.add(AzureOpenAiStub.JSON.readTree(m.getBody().toString()));
            q.deleteMessage(m.getMessageId(), m.getPopReceipt());
        }
        return out;
    }

    private String heldAnswer() throws Exception {
        azure.judgeAnswers("ESCALATE", 200);
        azure.answers("Please write to jane.doe@example.com about the refund.");
        HttpResponseMessage held = chat("Who handles refunds?");
        assertThat(held.getStatusCode()).as(FakeHttpRequest.Response.text(held)).isEqualTo(202);
        assertThat(FakeHttpRequest.Response.text(held)).doesNotContain("jane.doe@example.com");
        return json(held).path("ticket").asText();
    }

    private FakeContext decide(String ticket, String decision, String reviewer, String messageId) {
        FakeContext ctx = new FakeContext(AzureSettings.FN_DECISION_CONSUMER);
        String message = "{\"ticket\":\"" + ticket + "\",\"decision\":\"" + decision + "\",\"reviewer\":\"" + reviewer
                + "\",\"note\":\"checked with the customer\"}";
        functions.decisionConsumer(message, messageId, ctx);
        return ctx;
    }

    @Test
    void aFlaggedAnswerIsFiledOnItsQueueDecidedByAQueueMessageAndReleasedOnce() throws Exception {
        String ticket = heldAnswer();
        List<JsonNode> filed = drain(prefix + "-standard");
        assertThat(filed).hasSize(1);
        assertThat(filed.get(0).toString()).contains(ticket).doesNotContain("jane.doe@example.com");
        assertThat(status(ticket).getStatusCode()).isEqualTo(202);

        FakeContext first = decide(ticket, "approve", "alice@contoso.com", "m-1");
        assertThat(first.lines()).anyMatch(l -> l.contains("applied"));
        // The host delivers the same message again: nothing changes.
        FakeContext again = decide(ticket, "approve", "alice@contoso.com", "m-1");
        assertThat(again.lines()).anyMatch(l -> l.contains("duplicate"));

        HttpResponseMessage released = status(ticket);
        assertThat(released.getStatusCode()).isEqualTo(200);
        JsonNode out = json(released);
        assertThat(out.path("status").asText()).isEqualTo("approved");
        assertThat(out.path("completion")
                        .path("choices")
                        .get(0)
                        .path("message")
                        .path("content")
                        .asText())
                .contains("<EMAIL_ADDRESS_1>")
                .doesNotContain("jane.doe@example.com");

        // A different decision on the decided ticket can never apply: it goes to the poison queue.
        FakeContext late = decide(ticket, "deny", "bob@contoso.com", "m-2");
        assertThat(late.lines()).anyMatch(l -> l.contains("rejected"));
        List<JsonNode> poisoned = drain(prefix + "-decisions-poison");
        assertThat(poisoned).hasSize(1);
        assertThat(poisoned.get(0).path("reason").asText()).isEqualTo("already_decided");
    }

    @Test
    void theSlaSweepDeniesATicketPastItsDeadline() throws Exception {
        String ticket = heldAnswer();
        clock.advance(Duration.ofMinutes(119));
        functions.slaSweeper("{}", new FakeContext(AzureSettings.FN_SLA_SWEEPER));
        assertThat(status(ticket).getStatusCode()).isEqualTo(202);
        clock.advance(Duration.ofMinutes(2));
        FakeContext sweep = new FakeContext(AzureSettings.FN_SLA_SWEEPER);
        functions.slaSweeper("{}", sweep);
        JsonNode out = json(status(ticket));
        assertThat(out.path("status").asText()).isEqualTo("denied");
        assertThat(out.path("reason").asText()).isEqualTo("sla_expired");
        assertThat(sweep.lines()).anyMatch(l -> l.contains(ticket) || l.contains("expired"));
    }

    @Test
    void anEscalationFiledWhileTheQueuesAreUnreachableIsSentOnceTheyAreBack() throws Exception {
        gate.cut();
        String ticket = heldAnswer();
        // The ticket is durable in its table: the caller can poll it during the outage.
        assertThat(status(ticket).getStatusCode()).isEqualTo(202);
        assertThat(drain(prefix + "-standard")).isEmpty();
        clock.advance(Duration.ofSeconds(30));
        functions.slaSweeper("{}", new FakeContext(AzureSettings.FN_SLA_SWEEPER));
        assertThat(drain(prefix + "-standard")).isEmpty();

        gate.restore();
        clock.advance(Duration.ofSeconds(30));
        functions.slaSweeper("{}", new FakeContext(AzureSettings.FN_SLA_SWEEPER));
        List<JsonNode> filed = drain(prefix + "-standard");
        assertThat(filed).hasSize(1);
        assertThat(filed.get(0).toString()).contains(ticket);
        clock.advance(Duration.ofSeconds(30));
        functions.slaSweeper("{}", new FakeContext(AzureSettings.FN_SLA_SWEEPER));
        assertThat(drain(prefix + "-standard")).isEmpty();
    }

    @Test
    void anAppConfigurationKillSwitchClosesTheEndpointWithoutCallingTheModel() throws Exception {
        azure.answers("The release ships on Friday.");
        assertThat(chat("When does the release ship?").getStatusCode()).isEqualTo(200);
        flags(AppConfigurationStub.featureFlag(
                "kill-endpoint-chat", true, "incident 42", null, "2026-03-01T09:00:00+00:00"));
        clock.advance(Duration.ofSeconds(2));
        HttpResponseMessage cut = chat("When does the release ship?");
        assertThat(cut.getStatusCode()).isEqualTo(200);
        JsonNode n = json(cut);
        assertThat(n.path("airs").path("reason").asText()).isEqualTo("circuit_open");
        assertThat(n.path("airs").path("breaker_scope").asText()).isEqualTo("endpoint:chat");
        assertThat(n.path("choices").get(0).path("message").path("content").asText())
                .isEqualTo(runtime.gateway().policy().breakers().fallback());
        assertThat(azure.server()
                        .findAll(postRequestedFor(urlPathEqualTo(AzureOpenAiStub.path("gpt-4o"))))
                        .size())
                .isEqualTo(1);

        flags(AppConfigurationStub.featureFlag(
                "kill-endpoint-chat", false, "resolved", null, "2026-03-01T09:05:00+00:00"));
        clock.advance(Duration.ofSeconds(2));
        assertThat(json(chat("When does the release ship?"))
                        .path("airs")
                        .path("reason")
                        .isMissingNode())
                .isTrue();
    }
}

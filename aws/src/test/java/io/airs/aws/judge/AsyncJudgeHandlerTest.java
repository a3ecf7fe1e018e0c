package io.airs.aws.judge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.airs.core.RiskTier;
import io.airs.core.evidence.InMemoryEvidenceSink;
import io.airs.core.judge.JudgeJob;
import io.airs.core.oversight.EscalationFilter;
import io.airs.core.oversight.InMemoryEscalationStore;
import io.airs.core.oversight.Oversight;
import io.airs.core.oversight.Severity;
import java.net.URI;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/** The async judge consumer on a real SQS event, with Bedrock Converse on WireMock in its wire format. */
class AsyncJudgeHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private WireMockServer bedrock;
    private BedrockRuntimeClient client;
    private Oversight oversight;
    private InMemoryEscalationStore store;

    @BeforeEach
    void start() {
        bedrock = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        bedrock.start();
        client = BedrockRuntimeClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .endpointOverride(URI.create(bedrock.baseUrl()))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .build();
        store = new InMemoryEscalationStore();
        oversight = Oversight.builder(store, new InMemoryEvidenceSink(64)).build();
    }

    @AfterEach
    void stop() {
        client.close();
        bedrock.stop();
    }

    private void bedrockAnswers(String verdict) {
        double s = "PASS".equals(verdict) ? 0.95 : 0.1;
        String text =
                "{\"verdict\": \"%s\", \"scores\": {\"policy\": %s, \"grounding\": %s, \"safety\": %s, \"appropriateness\": %s}, \"reasons\": [\"unverified payment instruction\"]}"
                        .formatted(verdict, s, s, s, s);
        ObjectNode body = JSON.createObjectNode();
        ObjectNode message = body.putObject("output").putObject("message");
        message.put("role", "assistant");
        message.putArray("content").addObject().put("text", text);
        body.put("stopReason", "end_turn");
        body.putObject("usage").put("inputTokens", 420).put("outputTokens", 60).put("totalTokens", 480);
        body.putObject("metrics").put("latencyMs", 812);
        bedrock.stubFor(post(urlPathMatching("/model/.*/converse"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(body.toString())));
    }

    private AsyncJudgeHandler handler() {
        return new AsyncJudgeHandler(
                new BedrockJudge(client, "judge.model-v1:0", new SplittableRandom(7)),
                oversight,
                RiskTier.HIGH,
                "rev1");
    }

    @Test
    void aFailingVerdictOpensASamplingReviewAndBadMessagesAreDropped() {
        bedrockAnswers("ESCALATE");
        SQSEvent event = EventLoader.loadSQSEvent("events/sqs-async-judge.json");
        SQSBatchResponse r = handler().handleRequest(event, null);
        assertThat(r.getBatchItemFailures()).isEmpty();
        var reviews = store.list(EscalationFilter.open(), 10);
        assertThat(reviews).singleElement().satisfies(e -> {
            assertThat(e.queue()).isEqualTo(Severity.SAMPLING);
            assertThat(e.decisionId()).isEqualTo("d-100");
            assertThat(e.identities().agent()).isEqualTo("payments-bot");
        });
        bedrock.verify(postRequestedFor(urlPathMatching("/model/judge.model-v1(:|%3A)0/converse"))
                .withRequestBody(containing("<<<CONTENT "))
                .withRequestBody(containing("\"temperature\":0.0")));
    }

    @Test
    void aPassingVerdictOpensNothing() {
        bedrockAnswers("PASS");
        handler().handleRequest(EventLoader.loadSQSEvent("events/sqs-async-judge.json"), null);
        assertThat(store.list(EscalationFilter.all(), 10)).isEmpty();
    }

    @Test
    void aFailingJudgeReportsTheMessageForRetry() {
        bedrock.stubFor(post(urlPathMatching("/model/.*/converse"))
                .willReturn(aResponse()
                        .withStatus(503)
                        .withHeader("x-amzn-ErrorType", "ServiceUnavailableException")
                        .withBody("{\"message\": \"Bedrock is unable to process your request.\"}")));
        SQSBatchResponse r = handler().handleRequest(EventLoader.loadSQSEvent("events/sqs-async-judge.json"), null);
        assertThat(r.getBatchItemFailures())
                .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("059f36b4-87a3-44ab-83d2-661975830a7d");
    }

    @Test
    void aJobRoundTripsThroughItsQueueMessage() {
        var job = JudgeJob.read(
                JSON, "{\"decision_id\":\"d\",\"stage\":\"input\",\"content\":\"hi\",\"context\":{\"user\":\"u\"}}");
        assertThat(JudgeJob.read(JSON, job.write(JSON))).isEqualTo(job);
    }
}

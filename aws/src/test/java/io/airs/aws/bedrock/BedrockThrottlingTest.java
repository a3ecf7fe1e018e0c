package io.airs.aws.bedrock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airs.aws.judge.BedrockJudge;
import io.airs.aws.lambda.AwsRuntime;
import io.airs.core.evidence.InMemoryEvidenceSink;
import io.airs.core.pace.Layer;
import io.airs.core.pace.PaceState;
import io.airs.core.policy.PolicyLoader;
import io.airs.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bedrock throttling, end to end through the hook: a throttled model trips the endpoint's breaker and
 * the fallback is served without calling Bedrock; a throttled judge model moves the judge's PACE state
 * and the HIGH tier fails closed.
 */
class BedrockThrottlingTest {

    private static final String JUDGE = "judge.model-v1:0";
    private BedrockStub bedrock;
    private AwsRuntime runtime;

    @BeforeEach
    void start() {
        bedrock = new BedrockStub();
    }

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
        bedrock.close();
    }

    private static APIGatewayV2HTTPEvent converse(String userText) {
        APIGatewayV2HTTPEvent e = EventLoader.loadApiGatewayHttpEvent("events/function-url-converse.json");
        ObjectNode body = BedrockStub.JSON.createObjectNode();
        body.putArray("messages")
                .addObject()
                .put("role", "user")
                .putArray("content")
                .addObject()
                .put("text", userText);
        e.setBody(body.toString());
        e.setIsBase64Encoded(false);
        return e;
    }

    private static APIGatewayV2HTTPEvent evaluate(String stage, String content) {
        APIGatewayV2HTTPEvent e = EventLoader.loadApiGatewayHttpEvent("events/function-url-evaluate.json");
        ObjectNode body = BedrockStub.JSON.createObjectNode();
        body.put("stage", stage).put("content", content);
        e.setBody(body.toString());
        e.setIsBase64Encoded(false);
        return e;
    }

    @Test
    void aThrottledModelTripsTheEndpointBreakerAndTheFallbackIsServedWithoutCallingBedrock() throws Exception {
        var policy = new PolicyLoader().parse("""
                        version: 1
                        name: throttled
                        judge: {enabled: false}
                        breakers: {min_volume: 5, error_rate: 0.5, fallback: "Try again shortly."}
                        stages:
                          input:
                            - detector: injection
                        """, "p.yaml");
        runtime = AwsRuntime.builder(policy)
                .evidence(new InMemoryEvidenceSink(256))
                .hook(bedrock.config())
                .bedrock(bedrock.client(bedrock.config()))
                .build();
        GuardrailHookHandler handler = new GuardrailHookHandler(runtime);
        bedrock.fails(429, "ThrottlingException", "Too many requests, please wait before trying again.");
        int throttled = 0;
        APIGatewayV2HTTPResponse r = handler.handleRequest(converse("Summarise the release notes."), null);
        while (r.getStatusCode() == 503 && throttled < 20) {
            assertThat(r.getHeaders()).containsKey("x-amzn-ErrorType");
            throttled++;
            r = handler.handleRequest(converse("Summarise the release notes."), null);
        }
        // The breaker opened once the window held enough calls at the policy's error rate.
        assertThat(throttled).isBetween(3, 10);
        int calls = bedrock.server
                .findAll(postRequestedFor(urlPathMatching("/model/.+/converse")))
                .size();
        assertThat(calls).isEqualTo(throttled);
        assertThat(r.getStatusCode()).isEqualTo(200);
        JsonNode n = BedrockStub.JSON.readTree(r.getBody());
        assertThat(n.path("output")
                        .path("message")
                        .path("content")
                        .get(0)
                        .path("text")
                        .asText())
                .isEqualTo("Try again shortly.");
        assertThat(bedrock.server.findAll(postRequestedFor(urlPathMatching("/model/.+/converse"))))
                .hasSize(calls);
    }

    @Test
    void aThrottledJudgeModelMovesPaceAndTheHighTierFailsClosed() throws Exception {
        var policy = new PolicyLoader().parse("""
                        version: 1
                        name: judged
                        risk_tier: HIGH
                        judge: {modes: {output: inline}}
                        breakers: {judge_failures: 100000}
                        stages:
                          output:
                            - detector: pii
                              action: redact
                        """, "p.yaml");
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
        var client = bedrock.client(bedrock.config());
        runtime = AwsRuntime.builder(policy)
                .evidence(new InMemoryEvidenceSink(4096))
                .hook(bedrock.config())
                .bedrock(client)
                .llmJudge(new BedrockJudge(client, JUDGE, new SplittableRandom(1)))
                .clock(clock)
                .build();
        GuardrailHookHandler handler = new GuardrailHookHandler(runtime);
        bedrock.server.stubFor(post(urlPathMatching("/model/judge.*/converse"))
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("x-amzn-ErrorType", "ThrottlingException")
                        .withBody("{\"message\":\"Too many requests, please wait before trying again.\"}")));
        JsonNode last = null;
        for (int i = 0; i < 20 && runtime.gateway().pace().state(Layer.JUDGE) == PaceState.PRIMARY; i++) {
            clock.advance(Duration.ofSeconds(5));
            handler.handleRequest(evaluate("output", "Mail the desk at desk@example.com"), null);
        }
        assertThat(runtime.gateway().pace().state(Layer.JUDGE)).isNotEqualTo(PaceState.PRIMARY);
        // The judge's posture at HIGH is to fail closed: a flagged answer is never let through unjudged
        // (this second's probe, if there is one, escalates to a person instead).
        JsonNode probe = BedrockStub.JSON.readTree(
                handler.handleRequest(evaluate("output", "Mail the desk at desk@example.com"), null)
                        .getBody());
        assertThat(probe.path("decision").asText()).isIn("ESCALATE", "BLOCK");
        // Every other flagged answer meets the degraded judge: HIGH fails closed.
        last = BedrockStub.JSON.readTree(
                handler.handleRequest(evaluate("output", "Mail the desk at desk@example.com"), null)
                        .getBody());
        assertThat(last.path("decision").asText()).isEqualTo("BLOCK");
        assertThat(last.path("reason").asText()).isEqualTo("judge_unavailable");
    }
}

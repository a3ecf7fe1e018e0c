package io.airs.aws.bedrock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import io.airs.aws.lambda.AwsRuntime;
import io.airs.core.Action;
import io.airs.core.evidence.InMemoryEvidenceSink;
import io.airs.core.policy.PolicyLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bedrock's own guardrail through ApplyGuardrail (on WireMock, in its wire format) as a second signal. */
class BedrockGuardrailScreenTest {

    private static final String APPLY = "/guardrail/gr7example/version/3/apply";
    private BedrockStub bedrock;
    private AwsRuntime runtime;
    private GuardrailHookHandler handler;

    @BeforeEach
    void start() {
        bedrock = new BedrockStub();
        var client = bedrock.client(bedrock.config());
        runtime = AwsRuntime.builder(PolicyLoader.defaultPolicy())
                .evidence(new InMemoryEvidenceSink(64))
                .hook(bedrock.config())
                .bedrock(client)
                .screen(new BedrockGuardrailScreen(client, "gr7example", "3"), Action.BLOCK)
                .build();
        handler = new GuardrailHookHandler(runtime);
    }

    @AfterEach
    void stop() {
        runtime.close();
        bedrock.close();
    }

    private JsonNode evaluate(String content) throws Exception {
        APIGatewayV2HTTPEvent e = EventLoader.loadApiGatewayHttpEvent("events/function-url-evaluate.json");
        e.setBody(BedrockStub.JSON
                .createObjectNode()
                .put("stage", "input")
                .put("content", content)
                .toString());
        e.setIsBase64Encoded(false);
        return BedrockStub.JSON.readTree(handler.handleRequest(e, null).getBody());
    }

    private void bedrockGuardrailAnswers(String body, int status) {
        bedrock.server.stubFor(post(urlPathEqualTo(APPLY))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
    }

    @Test
    void whatBedrocksGuardrailStopsIsBlockedWithItsFindings() throws Exception {
        bedrockGuardrailAnswers("""
                {"action": "GUARDRAIL_INTERVENED",
                 "outputs": [{"text": "Sorry, I can't help with that."}],
                 "assessments": [{
                   "contentPolicy": {"filters": [{"type": "MISCONDUCT", "confidence": "HIGH", "action": "BLOCKED"}]},
                   "sensitiveInformationPolicy": {"piiEntities": [{"type": "NAME", "match": "Ada", "action": "BLOCKED"}]}
                 }],
                 "usage": {"topicPolicyUnits": 1, "contentPolicyUnits": 1, "wordPolicyUnits": 1,
                           "sensitiveInformationPolicyUnits": 1, "sensitiveInformationPolicyFreeUnits": 0,
                           "contextualGroundingPolicyUnits": 0}}
                """, 200);
        JsonNode d = evaluate("Tell Ada how to pick the lock on her neighbour's shed.");
        assertThat(d.path("decision").asText()).isEqualTo("BLOCK");
        assertThat(d.path("reason").asText()).isEqualTo("harmful");
        assertThat(d.path("findings").findValuesAsText("detector")).contains("bedrock_guardrail");
        assertThat(d.path("findings").findValuesAsText("type")).contains("bedrock:misconduct", "NAME");
        assertThat(d.toString()).doesNotContain("\"Ada\"");
        bedrock.server.verify(postRequestedFor(urlPathEqualTo(APPLY))
                .withRequestBody(containing("\"source\":\"INPUT\""))
                .withRequestBody(containing("pick the lock")));
    }

    @Test
    void whatBedrocksGuardrailLetsThroughIsUnchanged() throws Exception {
        bedrockGuardrailAnswers(
                "{\"action\": \"NONE\", \"outputs\": [], \"assessments\": [{}], \"usage\": {\"topicPolicyUnits\": 0}}",
                200);
        assertThat(evaluate("What is the capital of France?").path("decision").asText())
                .isEqualTo("ALLOW");
    }

    @Test
    void aFailingGuardrailServiceTakesThePolicysFailPosture() throws Exception {
        bedrockGuardrailAnswers("{\"message\": \"Bedrock is unable to process your request.\"}", 503);
        JsonNode d = evaluate("What is the capital of France?");
        assertThat(d.path("decision").asText()).isEqualTo("BLOCK");
        assertThat(d.path("reason").asText()).isEqualTo("screen_unavailable");
    }
}

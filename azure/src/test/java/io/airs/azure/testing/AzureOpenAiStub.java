package io.airs.azure.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;

/**
 * Azure OpenAI (and Content Safety) on WireMock over HTTPS, in their wire formats: chat completions
 * at {@code /openai/deployments/{deployment}/chat/completions}, with Azure's {@code
 * prompt_filter_results} and per-choice {@code content_filter_results}; Prompt Shields at {@code
 * /contentsafety/text:shieldPrompt}.
 */
public final class AzureOpenAiStub implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();
    public static final String APP_DEPLOYMENT = "gpt-4o";
    public static final String JUDGE_DEPLOYMENT = "gpt-4o-mini-judge";

    private final WireMockServer server;

    public AzureOpenAiStub() {
        server = new WireMockServer(options().dynamicPort().dynamicHttpsPort().bindAddress("127.0.0.1"));
        server.start();
    }

    public WireMockServer server() {
        return server;
    }

    /** The resource endpoint, {@code https://localhost:PORT}. */
    public URI endpoint() {
        return URI.create("https://localhost:" + server.httpsPort());
    }

    public static String path(String deployment) {
        return "/openai/deployments/" + deployment + "/chat/completions";
    }

    /** The application's deployment answers {@code content}. */
    public void answers(String content) {
        server.stubFor(post(urlPathEqualTo(path(APP_DEPLOYMENT)))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(completion(content, APP_DEPLOYMENT).toString())));
    }

    /** The application's deployment fails with {@code status} and Azure's error body. */
    public void fails(int status) {
        server.stubFor(post(urlPathEqualTo(path(APP_DEPLOYMENT)))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":\"" + (status == 429 ? "429" : "InternalServerError")
                                + "\",\"message\":\"stub failure\"}}")));
    }

    /** The judge deployment gives {@code verdict} (PASS, REVIEW, ESCALATE), or fails with {@code status}. */
    public void judgeAnswers(String verdict, int status) {
        double score = "PASS".equals(verdict) ? 0.95 : 0.1;
        String content = """
                {"verdict": "%s", "scores": {"policy": %s, "grounding": %s, "safety": %s, "appropriateness": %s},
                 "reasons": ["%s"]}""".formatted(verdict, score, score, score, score, verdict.toLowerCase() + " by rubric");
        server.stubFor(post(urlPathEqualTo(path(JUDGE_DEPLOYMENT)))
                .willReturn(
                        status == 200
                                ? aResponse()
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(completion(content, JUDGE_DEPLOYMENT)
                                                .toString())
                                : aResponse().withStatus(status)));
    }

    /** Prompt Shields reports an attack on the user prompt, or not. */
    public void shields(boolean attack) {
        server.stubFor(post(urlPathEqualTo("/contentsafety/text:shieldPrompt"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"userPromptAnalysis\":{\"attackDetected\":" + attack
                                + "},\"documentsAnalysis\":[{\"attackDetected\":" + attack + "}]}")));
    }

    /** An Azure OpenAI chat completion with Azure's filter results, as the service returns it. */
    public static ObjectNode completion(String content, String model) {
        ObjectNode c = JSON.createObjectNode();
        c.put("id", "chatcmpl-AZ1");
        c.put("object", "chat.completion");
        c.put("created", 1_790_000_000);
        c.put("model", model);
        ObjectNode pf = c.putArray("prompt_filter_results").addObject();
        pf.put("prompt_index", 0);
        safe(pf.putObject("content_filter_results"));
        ObjectNode choice = c.putArray("choices").addObject();
        choice.put("index", 0);
        choice.put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        safe(choice.putObject("content_filter_results"));
        c.putObject("usage")
                .put("prompt_tokens", 12)
                .put("completion_tokens", 7)
                .put("total_tokens", 19);
        return c;
    }

    private static void safe(ObjectNode r) {
        for (String k : new String[] {"hate", "self_harm", "sexual", "violence"}) {
            r.putObject(k).put("filtered", false).put("severity", "safe");
        }
    }

    public void reset() {
        server.resetAll();
    }

    @Override
    public void close() {
        server.stop();
    }
}

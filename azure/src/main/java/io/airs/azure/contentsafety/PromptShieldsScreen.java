package io.airs.azure.contentsafety;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airs.core.Category;
import io.airs.core.Finding;
import io.airs.core.Stage;
import io.airs.core.gateway.ExternalScreen;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Azure AI Content Safety Prompt Shields as one more signal after the core's guardrails: {@code POST
 * {endpoint}/contentsafety/text:shieldPrompt?api-version=2024-09-01} with the content as the {@code
 * userPrompt} (input stage) or as one of the {@code documents} (context stage), authenticated with
 * the managed identity. An attack detected becomes a {@code prompt_injection} (input) or {@code
 * indirect_injection} (context) finding over the whole content; answers are not screened (Prompt
 * Shields looks at prompts and documents only). A failed call throws, and the gateway applies the
 * policy's fail posture.
 */
public final class PromptShieldsScreen implements ExternalScreen {

    /** The API version this client speaks. */
    public static final String API_VERSION = "2024-09-01";

    /** The detector named in findings and evidence. */
    public static final String ID = "azure_prompt_shields";

    /** Prompt Shields' input limit for a user prompt, in characters. */
    static final int MAX_PROMPT_CHARS = 10_000;

    private final HttpClient http;
    private final URI uri;
    private final Supplier<String> tokens;
    private final Duration timeout;
    private final ObjectMapper mapper;

    /**
     * @param endpoint the Content Safety resource, {@code https://NAME.cognitiveservices.azure.com}
     * @param tokens bearer tokens of the managed identity
     */
    public PromptShieldsScreen(
            HttpClient http, URI endpoint, Supplier<String> tokens, Duration timeout, ObjectMapper mapper) {
        this.http = Objects.requireNonNull(http, "http");
        this.uri = Objects.requireNonNull(endpoint, "endpoint")
                .resolve("/contentsafety/text:shieldPrompt?api-version=" + API_VERSION);
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> screen(Stage stage, String content) {
        if (stage == Stage.OUTPUT || content.isEmpty()) {
            return List.of();
        }
        ObjectNode body = mapper.createObjectNode();
        if (stage == Stage.INPUT) {
            // Longer prompts are screened on their head: the service refuses them whole.
            body.put(
                    "userPrompt",
                    content.length() > MAX_PROMPT_CHARS ? content.substring(0, MAX_PROMPT_CHARS) : content);
        } else {
            body.put("userPrompt", "");
            body.putArray("documents").add(content);
        }
        HttpResponse<byte[]> resp;
        try {
            HttpRequest req = HttpRequest.newBuilder(uri)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + tokens.get())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)))
                    .build();
            resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Prompt Shields could not be reached (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
        if (resp.statusCode() != 200) {
            throw new IllegalStateException("Prompt Shields answered HTTP " + resp.statusCode());
        }
        JsonNode answer;
        try {
            answer = mapper.readTree(resp.body());
        } catch (IOException e) {
            throw new IllegalStateException("Prompt Shields' answer is not JSON");
        }
        boolean attack = stage == Stage.INPUT
                ? answer.path("userPromptAnalysis").path("attackDetected").asBoolean(false)
                : answer.path("documentsAnalysis")
                        .path(0)
                        .path("attackDetected")
                        .asBoolean(false);
        if (!attack) {
            return List.of();
        }
        Category category = stage == Stage.INPUT ? Category.PROMPT_INJECTION : Category.INDIRECT_INJECTION;
        return List.of(new Finding(
                category,
                stage == Stage.INPUT ? "user_prompt_attack" : "document_attack",
                0,
                content.length(),
                1.0,
                ID));
    }
}

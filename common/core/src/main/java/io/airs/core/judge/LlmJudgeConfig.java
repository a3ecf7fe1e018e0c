package io.airs.core.judge;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Connection and retry settings of {@link OpenAiCompatibleJudge}.
 *
 * <p>Endpoints: OpenAI {@code https://api.openai.com/v1}; Azure OpenAI {@code
 * https://NAME.openai.azure.com/openai/deployments/DEPLOYMENT} with {@code queryParameters} {@code
 * api-version} and {@link AuthScheme#API_KEY}; Databricks {@code
 * https://HOST/serving-endpoints}; vLLM {@code http://HOST:8000/v1}; Ollama {@code
 * http://127.0.0.1:11434/v1} with {@link AuthScheme#NONE}. The judge posts to {@code
 * baseUrl + "/chat/completions"}.
 *
 * <pre>{@code
 * LlmJudgeConfig azure = LlmJudgeConfig.defaults()
 *         .withEndpoint(URI.create("https://acme.openai.azure.com/openai/deployments/judge"), "gpt-4o-mini")
 *         .withAuth(AuthScheme.API_KEY, key)
 *         .withQueryParameters(Map.of("api-version", "2024-10-21"));
 * }</pre>
 *
 * @param baseUrl the API base, without {@code /chat/completions}; default {@code
 *     https://api.openai.com/v1}
 * @param model the model or deployment name sent as {@code model}; default {@code gpt-4o-mini}
 * @param auth how the key is sent; default {@link AuthScheme#BEARER}
 * @param apiKey the key, or empty with {@link AuthScheme#NONE}; never printed by {@link #toString()}
 * @param queryParameters added to the URL, such as Azure's {@code api-version}; default none
 * @param timeout per HTTP call, connect included; (0, 5 min]; default 10 s
 * @param maxRetries retries after the first attempt, on 429, 5xx and timeouts only; [0, 10];
 *     default 2
 * @param initialBackoff back-off before the first retry, doubled each retry, with jitter; [0, 1
 *     min]; default 200 ms
 * @param maxBackoff the largest back-off; [initialBackoff, 5 min]; default 2 s
 * @param retryAfterCap the longest {@code Retry-After} honoured; a longer one waits this long; [0, 5
 *     min]; default 5 s
 * @param jitter fraction of each back-off that is randomised; [0, 1]; default 0.5
 * @param temperature sampling temperature sent to the model; [0, 2]; default 0
 * @param maxTokens {@code max_tokens} sent to the model, 0 to omit; [0, 32768]; default 400
 */
public record LlmJudgeConfig(
        URI baseUrl,
        String model,
        AuthScheme auth,
        String apiKey,
        Map<String, String> queryParameters,
        Duration timeout,
        int maxRetries,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration retryAfterCap,
        double jitter,
        double temperature,
        int maxTokens) {

    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    /** How the API key is sent. */
    public enum AuthScheme {
        /** {@code Authorization: Bearer KEY} (OpenAI, Databricks, vLLM). */
        BEARER,
        /** {@code api-key: KEY} (Azure OpenAI key authentication). */
        API_KEY,
        /** No credential (a local Ollama or vLLM). */
        NONE
    }

    public LlmJudgeConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(auth, "auth");
        apiKey = apiKey == null ? "" : apiKey;
        queryParameters = queryParameters == null ? Map.of() : Map.copyOf(queryParameters);
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(retryAfterCap, "retryAfterCap");
        String scheme = baseUrl.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("judge baseUrl must be http or https, got " + baseUrl);
        }
        if (model.isBlank()) {
            throw new IllegalArgumentException("judge model must not be blank");
        }
        if (auth != AuthScheme.NONE && apiKey.isEmpty()) {
            throw new IllegalArgumentException("judge auth " + auth + " needs an apiKey (or use NONE)");
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(FIVE_MINUTES) > 0) {
            throw new IllegalArgumentException("judge timeout must be within (0, 5m], got " + timeout);
        }
        if (maxRetries < 0 || maxRetries > 10) {
            throw new IllegalArgumentException("judge maxRetries must be within [0, 10], got " + maxRetries);
        }
        if (initialBackoff.isNegative() || initialBackoff.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("judge initialBackoff must be within [0, 1m], got " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0 || maxBackoff.compareTo(FIVE_MINUTES) > 0) {
            throw new IllegalArgumentException(
                    "judge maxBackoff must be within [initialBackoff, 5m], got " + maxBackoff);
        }
        if (retryAfterCap.isNegative() || retryAfterCap.compareTo(FIVE_MINUTES) > 0) {
            throw new IllegalArgumentException("judge retryAfterCap must be within [0, 5m], got " + retryAfterCap);
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("judge jitter must be within [0, 1], got " + jitter);
        }
        if (!(temperature >= 0.0 && temperature <= 2.0)) {
            throw new IllegalArgumentException("judge temperature must be within [0, 2], got " + temperature);
        }
        if (maxTokens < 0 || maxTokens > 32_768) {
            throw new IllegalArgumentException("judge maxTokens must be within [0, 32768], got " + maxTokens);
        }
    }

    /** OpenAI with {@code gpt-4o-mini}, no key yet ({@link AuthScheme#NONE}), and the documented defaults. */
    public static LlmJudgeConfig defaults() {
        return new LlmJudgeConfig(
                URI.create("https://api.openai.com/v1"),
                "gpt-4o-mini",
                AuthScheme.NONE,
                "",
                Map.of(),
                Duration.ofSeconds(10),
                2,
                Duration.ofMillis(200),
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                0.5,
                0.0,
                400);
    }

    /** This config against another endpoint and model. */
    public LlmJudgeConfig withEndpoint(URI newBaseUrl, String newModel) {
        return new LlmJudgeConfig(
                newBaseUrl,
                newModel,
                auth,
                apiKey,
                queryParameters,
                timeout,
                maxRetries,
                initialBackoff,
                maxBackoff,
                retryAfterCap,
                jitter,
                temperature,
                maxTokens);
    }

    /** This config with another credential. */
    public LlmJudgeConfig withAuth(AuthScheme newAuth, String newApiKey) {
        return new LlmJudgeConfig(
                baseUrl,
                model,
                newAuth,
                newApiKey,
                queryParameters,
                timeout,
                maxRetries,
                initialBackoff,
                maxBackoff,
                retryAfterCap,
                jitter,
                temperature,
                maxTokens);
    }

    /** This config with other URL query parameters. */
    public LlmJudgeConfig withQueryParameters(Map<String, String> newQueryParameters) {
        return new LlmJudgeConfig(
                baseUrl,
                model,
                auth,
                apiKey,
                newQueryParameters,
                timeout,
                maxRetries,
                initialBackoff,
                maxBackoff,
                retryAfterCap,
                jitter,
                temperature,
                maxTokens);
    }

    /** This config with another per-call timeout and retry budget. */
    public LlmJudgeConfig withRetries(
            Duration newTimeout,
            int newMaxRetries,
            Duration newInitialBackoff,
            Duration newMaxBackoff,
            Duration newRetryAfterCap) {
        return new LlmJudgeConfig(
                baseUrl,
                model,
                auth,
                apiKey,
                queryParameters,
                newTimeout,
                newMaxRetries,
                newInitialBackoff,
                newMaxBackoff,
                newRetryAfterCap,
                jitter,
                temperature,
                maxTokens);
    }

    /** The chat completions URL, query parameters included, in a stable order. */
    public URI chatCompletionsUri() {
        String base = baseUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        StringBuilder sb = new StringBuilder(base).append("/chat/completions");
        char sep = '?';
        for (var e : new java.util.TreeMap<>(queryParameters).entrySet()) {
            sb.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
            sep = '&';
        }
        return URI.create(sb.toString());
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("baseUrl", baseUrl);
        shown.put("model", model);
        shown.put("auth", auth);
        shown.put("apiKey", apiKey.isEmpty() ? "" : "***");
        shown.put("queryParameters", queryParameters);
        shown.put("timeout", timeout);
        shown.put("maxRetries", maxRetries);
        shown.put("initialBackoff", initialBackoff);
        shown.put("maxBackoff", maxBackoff);
        shown.put("retryAfterCap", retryAfterCap);
        shown.put("jitter", jitter);
        shown.put("temperature", temperature);
        shown.put("maxTokens", maxTokens);
        return "LlmJudgeConfig" + shown;
    }
}

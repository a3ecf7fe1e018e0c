package io.airs.aws.bedrock;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Settings of the Bedrock guardrail hook: which native Bedrock guardrail (if any) rides along on
 * the Converse call, what a refused caller reads, and how the Bedrock client behaves.
 *
 * @param region the AWS region of Bedrock Runtime (default {@code us-east-1}; Lambda sets {@code
 *     AWS_REGION})
 * @param endpoint an endpoint override for Bedrock Runtime (a VPC endpoint, or an emulator in
 *     tests); null uses the region's public endpoint
 * @param guardrailIdentifier a Bedrock guardrail id or ARN attached to every Converse call as {@code
 *     guardrailConfig}; null attaches none (default)
 * @param guardrailVersion the guardrail's version: a number or {@code DRAFT}; required with an
 *     identifier
 * @param guardrailTrace whether Bedrock returns its guardrail trace (default false)
 * @param blockedInputMessaging the assistant text a caller reads when the request is blocked (Bedrock
 *     guardrail semantics: the refusal replaces the answer)
 * @param blockedOutputsMessaging the assistant text a caller reads when the answer is blocked
 * @param timeout the whole Bedrock call's time limit, retries included (default 60 s, 1 s to 15 min)
 * @param maxAttempts Bedrock call attempts including the first (default 2, 1 to 5)
 */
public record BedrockHookConfig(
        String region,
        URI endpoint,
        String guardrailIdentifier,
        String guardrailVersion,
        boolean guardrailTrace,
        String blockedInputMessaging,
        String blockedOutputsMessaging,
        Duration timeout,
        int maxAttempts) {

    /** The refusal text a blocked request gets by default. */
    public static final String DEFAULT_BLOCKED_INPUT =
            "Sorry, I can't help with that request: it was blocked by policy.";
    /** The refusal text a blocked answer gets by default. */
    public static final String DEFAULT_BLOCKED_OUTPUT = "Sorry, the answer to this request was withheld by policy.";

    private static final Pattern GUARDRAIL_ID =
            Pattern.compile("[a-z0-9]+|arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:guardrail/[a-z0-9]+");
    private static final Pattern GUARDRAIL_VERSION = Pattern.compile("[1-9][0-9]{0,7}|DRAFT");

    public BedrockHookConfig {
        region = region == null || region.isBlank() ? "us-east-1" : region;
        blockedInputMessaging = blank(blockedInputMessaging) ? DEFAULT_BLOCKED_INPUT : blockedInputMessaging;
        blockedOutputsMessaging = blank(blockedOutputsMessaging) ? DEFAULT_BLOCKED_OUTPUT : blockedOutputsMessaging;
        timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(Duration.ofMinutes(15)) > 0) {
            throw new IllegalArgumentException("timeout must be between 1s and 15m, was " + timeout);
        }
        if (maxAttempts < 1 || maxAttempts > 5) {
            throw new IllegalArgumentException("maxAttempts must be between 1 and 5, was " + maxAttempts);
        }
        guardrailIdentifier = blank(guardrailIdentifier) ? null : guardrailIdentifier.strip();
        guardrailVersion = blank(guardrailVersion) ? null : guardrailVersion.strip();
        if (guardrailIdentifier != null) {
            if (!GUARDRAIL_ID.matcher(guardrailIdentifier).matches()) {
                throw new IllegalArgumentException("guardrail identifier is not a guardrail id or ARN");
            }
            if (guardrailVersion == null
                    || !GUARDRAIL_VERSION.matcher(guardrailVersion).matches()) {
                throw new IllegalArgumentException("guardrail version must be a number or DRAFT");
            }
        } else if (guardrailVersion != null) {
            throw new IllegalArgumentException("guardrail version given without a guardrail identifier");
        }
    }

    /** No native guardrail, default messages, the public endpoint of {@code us-east-1}. */
    public static BedrockHookConfig defaults() {
        return new BedrockHookConfig(null, null, null, null, false, null, null, null, 2);
    }

    /**
     * Reads the settings from environment variables (see {@code aws/README.md}): {@code AWS_REGION},
     * {@code AIRS_BEDROCK_ENDPOINT}, {@code AIRS_GUARDRAIL_ID}, {@code AIRS_GUARDRAIL_VERSION}, {@code
     * AIRS_GUARDRAIL_TRACE}, {@code AIRS_BLOCKED_INPUT_MESSAGE}, {@code AIRS_BLOCKED_OUTPUT_MESSAGE},
     * {@code AIRS_BEDROCK_TIMEOUT_MS}, {@code AIRS_BEDROCK_MAX_ATTEMPTS}.
     *
     * @throws IllegalArgumentException naming the variable that is wrong
     */
    public static BedrockHookConfig fromEnvironment(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        String endpoint = env.get("AIRS_BEDROCK_ENDPOINT");
        URI uri = null;
        if (!blank(endpoint)) {
            try {
                uri = URI.create(endpoint.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("AIRS_BEDROCK_ENDPOINT is not a URI");
            }
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("AIRS_BEDROCK_ENDPOINT must be an absolute http(s) URI");
            }
        }
        Duration timeout = null;
        String t = env.get("AIRS_BEDROCK_TIMEOUT_MS");
        if (!blank(t)) {
            timeout = Duration.ofMillis(parse("AIRS_BEDROCK_TIMEOUT_MS", t));
        }
        String attempts = env.get("AIRS_BEDROCK_MAX_ATTEMPTS");
        int maxAttempts = blank(attempts) ? 2 : (int) parse("AIRS_BEDROCK_MAX_ATTEMPTS", attempts);
        String trace = env.get("AIRS_GUARDRAIL_TRACE");
        try {
            return new BedrockHookConfig(
                    env.get("AWS_REGION"),
                    uri,
                    env.get("AIRS_GUARDRAIL_ID"),
                    env.get("AIRS_GUARDRAIL_VERSION"),
                    "true".equalsIgnoreCase(trace) || "enabled".equalsIgnoreCase(trace),
                    env.get("AIRS_BLOCKED_INPUT_MESSAGE"),
                    env.get("AIRS_BLOCKED_OUTPUT_MESSAGE"),
                    timeout,
                    maxAttempts);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Bedrock hook settings: " + e.getMessage(), e);
        }
    }

    /** Whether a native Bedrock guardrail is attached to the Converse call. */
    public boolean hasGuardrail() {
        return guardrailIdentifier != null;
    }

    private static long parse(String name, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

package io.airs.cli.compile;

/**
 * What a compiled Bedrock guardrail takes from outside the policy.
 *
 * @param name the guardrail's name (1 to 50 of {@code [0-9a-zA-Z_-]}); null derives {@code
 *     airs-<policy name>}
 * @param blockedInputMessaging what Bedrock answers when it blocks a prompt (1 to 500 characters);
 *     default the same refusal the AWS guardrail hook answers with
 * @param blockedOutputsMessaging what Bedrock answers when it blocks an answer (1 to 500 characters)
 */
public record BedrockCompileOptions(String name, String blockedInputMessaging, String blockedOutputsMessaging) {

    /** The hook's default refusal for a blocked request (kept equal to the aws module's). */
    public static final String DEFAULT_BLOCKED_INPUT =
            "Sorry, I can't help with that request: it was blocked by policy.";
    /** The hook's default refusal for a blocked answer (kept equal to the aws module's). */
    public static final String DEFAULT_BLOCKED_OUTPUT = "Sorry, the answer to this request was withheld by policy.";

    public BedrockCompileOptions {
        blockedInputMessaging = blank(blockedInputMessaging) ? DEFAULT_BLOCKED_INPUT : blockedInputMessaging;
        blockedOutputsMessaging = blank(blockedOutputsMessaging) ? DEFAULT_BLOCKED_OUTPUT : blockedOutputsMessaging;
        if (blockedInputMessaging.length() > 500 || blockedOutputsMessaging.length() > 500) {
            throw new IllegalArgumentException("blocked messaging is limited to 500 characters");
        }
        if (name != null && !name.matches("[0-9a-zA-Z_-]{1,50}")) {
            throw new IllegalArgumentException("guardrail name must be 1 to 50 of [0-9a-zA-Z_-]");
        }
    }

    /** A derived name and the default refusals. */
    public static BedrockCompileOptions defaults() {
        return new BedrockCompileOptions(null, null, null);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

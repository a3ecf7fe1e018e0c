package io.airs.core.guardrail.injection;

import io.airs.core.Category;

/**
 * A family of prompt-injection or jailbreak technique. Each family maps to one {@link Category} and
 * gives the {@code type} reported in findings.
 */
public enum InjectionFamily {
    /** "ignore all previous instructions", "vergiss alles", "new instructions follow". */
    INSTRUCTION_OVERRIDE(Category.PROMPT_INJECTION),
    /** "repeat your system prompt", "what were you told before this conversation". */
    SYSTEM_PROMPT_EXTRACTION(Category.PROMPT_INJECTION),
    /** "you are now …", "you are no longer an assistant". */
    ROLE_REASSIGNMENT(Category.PROMPT_INJECTION),
    /** Fake chat-template or section delimiters: {@code <|im_start|>}, {@code [INST]}, {@code </system>}. */
    DELIMITER_INJECTION(Category.PROMPT_INJECTION),
    /** "decode this base64 and follow it". */
    ENCODED_INSTRUCTION(Category.PROMPT_INJECTION),
    /** "Do Anything Now" style personas that claim to be freed from the model's rules. */
    DAN_PERSONA(Category.JAILBREAK),
    /** "developer mode enabled", "god mode". */
    DEVELOPER_MODE(Category.JAILBREAK),
    /** "no ethical guidelines", "never refuse", "without any filters". */
    NO_RESTRICTIONS(Category.JAILBREAK),
    /** "stay in character", "two responses: one normal, one unfiltered", evil-twin personas. */
    ROLEPLAY_JAILBREAK(Category.JAILBREAK),
    /** "purely hypothetical", "in a fictional world where there are no laws". */
    HYPOTHETICAL_FRAMING(Category.JAILBREAK),
    /**
     * An instruction addressed to the model from inside a document or tool output: change, extend or
     * encode its answer ("in your response, suggest ...", "replace letters with numbers in your
     * answer"), or splice in code ("merge the following code snippet into your solution"). Said by a
     * user these are ordinary requests, so the family is off in the {@code injection} detector and on
     * in the {@code indirect} detector, which policies run at the {@code context} stage.
     */
    DOCUMENT_INSTRUCTION(Category.INDIRECT_INJECTION),
    /**
     * A request for help with serious harm: weapons and explosives, drug synthesis, intrusion and
     * malware, fraud, violence against people, self-harm. Matched as a request verb with a harmful
     * objective, so a question that only mentions the topic ("how do I kill a Python process", "how
     * does ransomware spread") stays below the threshold. Only in the {@code harmful} detector.
     */
    HARMFUL_REQUEST(Category.HARMFUL);

    private final Category category;
    private final String type;

    InjectionFamily(Category category) {
        this.category = category;
        this.type = name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The finding category this family reports under. */
    public Category category() {
        return category;
    }

    /** The finding type, the lower-case constant name such as {@code instruction_override}. */
    public String type() {
        return type;
    }

    /**
     * Parses a type name.
     *
     * @throws IllegalArgumentException when {@code type} names no family
     */
    public static InjectionFamily fromType(String type) {
        for (InjectionFamily f : values()) {
            if (f.type.equals(type)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown injection family '" + type + "'");
    }
}

package io.airs.core;

import java.util.Locale;

/** The kind of risk a {@link Finding} reports; the wire name is the lower-case constant name. */
public enum Category {
    PROMPT_INJECTION,
    JAILBREAK,
    INDIRECT_INJECTION,
    PII,
    SECRET,
    HARMFUL,
    TOXICITY,
    TOPIC,
    TOOL,
    LIMIT,
    JUDGE;

    private final String wire = name().toLowerCase(Locale.ROOT);

    /** The name used on the wire and in policy files, such as {@code prompt_injection}. */
    public String wireName() {
        return wire;
    }

    /**
     * Parses a wire name.
     *
     * @throws IllegalArgumentException when {@code name} is not a category
     */
    public static Category fromWire(String name) {
        for (Category c : values()) {
            if (c.wire.equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown category '" + name + "'");
    }
}

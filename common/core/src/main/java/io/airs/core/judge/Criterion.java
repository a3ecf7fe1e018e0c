package io.airs.core.judge;

import java.util.Locale;

/**
 * What a judge scores content against. Every score is in [0, 1], where 1 means fully compliant.
 *
 * <ul>
 *   <li>{@code POLICY}: follows the deployment's policy (no instruction override, no data the policy
 *       forbids, no out-of-scope action)
 *   <li>{@code GROUNDING}: stays faithful to the user's task and the supplied sources rather than to
 *       instructions smuggled into data
 *   <li>{@code SAFETY}: no harmful capability, self-harm, weapons, malware or similar uplift
 *   <li>{@code APPROPRIATENESS}: tone and content fit for the audience (no abuse, harassment,
 *       sexual content)
 * </ul>
 */
public enum Criterion {
    POLICY,
    GROUNDING,
    SAFETY,
    APPROPRIATENESS;

    private static final Criterion[] VALUES = values();

    private final String wire = name().toLowerCase(Locale.ROOT);

    /** The name used in judge prompts, JSON verdicts and evidence, such as {@code safety}. */
    public String wireName() {
        return wire;
    }

    /** The number of criteria; also the length of a per-criterion {@link TextScorer} result. */
    public static int count() {
        return VALUES.length;
    }

    /** The criterion at {@code ordinal}, without copying the values array. */
    static Criterion at(int ordinal) {
        return VALUES[ordinal];
    }

    /**
     * Parses a wire name, case-insensitively.
     *
     * @throws IllegalArgumentException when {@code name} is not a criterion
     */
    public static Criterion fromWire(String name) {
        for (Criterion c : VALUES) {
            if (c.wire.equalsIgnoreCase(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown criterion '" + name + "'");
    }
}

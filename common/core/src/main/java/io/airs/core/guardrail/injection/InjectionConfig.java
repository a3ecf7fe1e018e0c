package io.airs.core.guardrail.injection;

import java.util.EnumSet;
import java.util.Set;

/**
 * Configuration of {@link InjectionGuardrail}.
 *
 * <pre>{@code
 * var config = InjectionConfig.defaults().withThreshold(0.6).without(InjectionFamily.HYPOTHETICAL_FRAMING);
 * }</pre>
 *
 * @param threshold a category is reported when its combined score reaches this value, in (0, 1]
 * @param families the families whose patterns are matched; the others are not even compiled
 * @param maxFindingsPerCategory upper bound on the spans reported per category, so an attack that
 *     repeats one phrase a thousand times still yields a small evidence record
 */
public record InjectionConfig(double threshold, Set<InjectionFamily> families, int maxFindingsPerCategory) {

    /** The default threshold; tuned on the development set for a false-positive rate under 3%. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    public InjectionConfig {
        if (!(threshold > 0.0 && threshold <= 1.0)) {
            throw new IllegalArgumentException("threshold " + threshold + " outside (0, 1]");
        }
        if (maxFindingsPerCategory < 1) {
            throw new IllegalArgumentException("maxFindingsPerCategory must be at least 1");
        }
        families = families.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(families));
    }

    /**
     * The {@code injection} detector: every family but {@link InjectionFamily#DOCUMENT_INSTRUCTION} and
     * {@link InjectionFamily#HARMFUL_REQUEST},
     * threshold {@value #DEFAULT_THRESHOLD}, at most 8 spans per category.
     */
    public static InjectionConfig defaults() {
        return new InjectionConfig(
                DEFAULT_THRESHOLD,
                EnumSet.complementOf(EnumSet.of(InjectionFamily.DOCUMENT_INSTRUCTION, InjectionFamily.HARMFUL_REQUEST)),
                8);
    }

    /**
     * The {@code indirect} detector, for retrieved documents and tool output: instructions addressed
     * to the model from inside the data ({@link InjectionFamily#DOCUMENT_INSTRUCTION}).
     */
    public static InjectionConfig documents() {
        return new InjectionConfig(DEFAULT_THRESHOLD, EnumSet.of(InjectionFamily.DOCUMENT_INSTRUCTION), 8);
    }

    /** The {@code harmful} detector: requests for help with serious harm ({@link InjectionFamily#HARMFUL_REQUEST}). */
    public static InjectionConfig harmful() {
        return new InjectionConfig(DEFAULT_THRESHOLD, EnumSet.of(InjectionFamily.HARMFUL_REQUEST), 8);
    }

    /** This configuration with another threshold. */
    public InjectionConfig withThreshold(double newThreshold) {
        return new InjectionConfig(newThreshold, families, maxFindingsPerCategory);
    }

    /** This configuration with exactly these families on. */
    public InjectionConfig withFamilies(Set<InjectionFamily> newFamilies) {
        return new InjectionConfig(threshold, newFamilies, maxFindingsPerCategory);
    }

    /** This configuration with one family switched off. */
    public InjectionConfig without(InjectionFamily family) {
        EnumSet<InjectionFamily> rest = EnumSet.noneOf(InjectionFamily.class);
        rest.addAll(families);
        rest.remove(family);
        return withFamilies(rest);
    }

    /** Whether the family's patterns are matched. */
    public boolean enabled(InjectionFamily family) {
        return families.contains(family);
    }
}

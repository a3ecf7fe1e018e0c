package io.airs.core.guardrail.secret;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Configuration of {@link SecretGuardrail}.
 *
 * <pre>{@code
 * SecretConfig cfg = SecretConfig.defaults().withMinScore(0.7).withoutFamily(RuleFamily.ASSIGNMENT);
 * }</pre>
 *
 * @param minEntropy minimum Shannon entropy (bits per character) of a value found only by key
 *     context ({@code api_key = ...}); provider rules carry their own thresholds
 * @param families the rule families that run
 * @param minScore findings scoring below this are not reported
 */
public record SecretConfig(double minEntropy, Set<RuleFamily> families, double minScore) {

    public SecretConfig {
        Objects.requireNonNull(families, "families");
        if (!(minEntropy >= 0.0 && minEntropy <= 8.0)) {
            throw new IllegalArgumentException("minEntropy " + minEntropy + " outside [0, 8]");
        }
        if (!(minScore >= 0.0 && minScore <= 1.0)) {
            throw new IllegalArgumentException("minScore " + minScore + " outside [0, 1]");
        }
        families = families.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(families));
    }

    /** All families on, entropy 3.0 bits per character for generic values, minimum score 0.5. */
    public static SecretConfig defaults() {
        return new SecretConfig(3.0, EnumSet.allOf(RuleFamily.class), 0.5);
    }

    /** A copy with another generic-value entropy threshold. */
    public SecretConfig withMinEntropy(double value) {
        return new SecretConfig(value, families, minScore);
    }

    /** A copy with another minimum score. */
    public SecretConfig withMinScore(double value) {
        return new SecretConfig(minEntropy, families, value);
    }

    /** A copy with exactly these families on. */
    public SecretConfig withFamilies(Set<RuleFamily> value) {
        return new SecretConfig(minEntropy, value, minScore);
    }

    /** A copy with one family switched off. */
    public SecretConfig withoutFamily(RuleFamily family) {
        EnumSet<RuleFamily> copy = families.isEmpty() ? EnumSet.noneOf(RuleFamily.class) : EnumSet.copyOf(families);
        copy.remove(family);
        return new SecretConfig(minEntropy, copy, minScore);
    }

    /** Whether {@code family} runs. */
    public boolean enabled(RuleFamily family) {
        return families.contains(family);
    }
}

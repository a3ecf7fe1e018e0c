package io.airs.core.guardrail.pii;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Configuration of {@link PiiGuardrail}.
 *
 * <pre>{@code
 * PiiConfig cfg = PiiConfig.builder().disable(PiiEntityType.URL).minScore(0.7).build();
 * }</pre>
 *
 * @param enabled the entity types reported
 * @param minScore findings whose type score is below this are not reported
 */
public record PiiConfig(Set<PiiEntityType> enabled, double minScore) {

    public PiiConfig {
        Objects.requireNonNull(enabled, "enabled");
        enabled = enabled.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(enabled));
        if (!(minScore >= 0.0 && minScore <= 1.0)) {
            throw new IllegalArgumentException("minScore " + minScore + " outside [0, 1]");
        }
    }

    /** Every type on, minimum score 0.5. */
    public static PiiConfig defaults() {
        return new PiiConfig(EnumSet.allOf(PiiEntityType.class), 0.5);
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether findings of {@code type} are reported under this configuration. */
    public boolean reports(PiiEntityType type) {
        return enabled.contains(type) && type.score() >= minScore;
    }

    /** Builds a {@link PiiConfig}. */
    public static final class Builder {
        private final EnumSet<PiiEntityType> enabled = EnumSet.allOf(PiiEntityType.class);
        private double minScore = 0.5;

        private Builder() {}

        /** Reports only the given types. */
        public Builder only(Set<PiiEntityType> types) {
            enabled.clear();
            enabled.addAll(types);
            return this;
        }

        public Builder enable(PiiEntityType type) {
            enabled.add(type);
            return this;
        }

        public Builder disable(PiiEntityType type) {
            enabled.remove(type);
            return this;
        }

        public Builder minScore(double minScore) {
            this.minScore = minScore;
            return this;
        }

        public PiiConfig build() {
            return new PiiConfig(enabled, minScore);
        }
    }
}

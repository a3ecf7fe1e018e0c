package io.airs.core.breaker;

import java.util.Locale;

/** Who put a breaker, or a piece of traffic, into its current state. */
public enum BreakerSource {
    /** The breaker's own trip rules, or another control such as PACE. */
    AUTOMATIC,
    /** A person, through the breaker API ({@code openManually} / {@code closeManually}). */
    MANUAL,
    /** A human kill switch read from a {@link FlagSource}. */
    FLAG;

    /** The wire name, such as {@code automatic}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

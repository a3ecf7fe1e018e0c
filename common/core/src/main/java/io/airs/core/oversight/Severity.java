package io.airs.core.oversight;

import java.util.Locale;

/**
 * How urgent an escalation is, which is also the review queue it waits in. Declared most urgent
 * first; default SLAs are in {@link OversightConfig#defaults()} (1 h, 4 h, 24 h, 72 h).
 */
public enum Severity {
    /** Needs a reviewer within the hour by default. */
    CRITICAL,
    /** Injection, secrets and other attacks; 4 h by default. */
    HIGH,
    /** Ordinary policy escalations such as PII; 24 h by default. */
    STANDARD,
    /** Random samples for quality review (for example judge sampling); 72 h by default. */
    SAMPLING;

    /** The next more urgent queue; {@link #CRITICAL} has none and returns itself. */
    public Severity higher() {
        return this == CRITICAL ? CRITICAL : values()[ordinal() - 1];
    }

    /** Whether this queue is more urgent than {@code other}. */
    public boolean moreUrgentThan(Severity other) {
        return ordinal() < other.ordinal();
    }

    /** The name used on the wire and in policy files, such as {@code high}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a wire name, case-insensitively.
     *
     * @throws IllegalArgumentException naming the accepted values when {@code name} is not a queue
     */
    public static Severity fromWire(String name) {
        if (name != null) {
            for (Severity s : values()) {
                if (s.name().equalsIgnoreCase(name)) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException(
                "unknown queue '" + name + "' (expected critical, high, standard or sampling)");
    }
}

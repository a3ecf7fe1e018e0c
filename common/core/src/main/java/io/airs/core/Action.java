package io.airs.core;

import java.util.Locale;

/**
 * What a policy does when a check fires. Stronger actions win when findings are combined: {@code
 * BLOCK} beats {@code ESCALATE} beats {@code REDACT} beats {@code ALLOW}.
 */
public enum Action {
    ALLOW,
    REDACT,
    ESCALATE,
    BLOCK;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The stronger of two actions. */
    public Action max(Action other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}

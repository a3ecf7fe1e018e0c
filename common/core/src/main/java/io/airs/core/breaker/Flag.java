package io.airs.core.breaker;

import java.time.Instant;
import java.util.Objects;

/**
 * One human kill switch.
 *
 * @param open whether traffic in the flag's scope is cut off
 * @param reason the note the person left; empty when none
 * @param updatedAt when the flag was last set
 */
public record Flag(boolean open, String reason, Instant updatedAt) {

    public Flag {
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}

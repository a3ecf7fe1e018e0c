package io.airs.core.breaker;

import java.util.Objects;

/**
 * Whether a call may pass the breakers. When it may not, {@code scope}, {@code source} and {@code
 * reason} say which breaker or flag stopped it, so the caller can answer with the non-AI fallback
 * and a clear reason code.
 *
 * @param verdict {@link Verdict#ALLOW} or {@link Verdict#OPEN}
 * @param scope the scope whose flag or breaker is open; null when allowed
 * @param source {@link BreakerSource#FLAG} for a human kill switch, otherwise the breaker's source;
 *     null when allowed
 * @param reason the flag's note or the breaker's reason code; empty when allowed
 * @param probe whether an allowed call is a half-open probe (its outcome decides the breaker)
 */
public record Admission(Verdict verdict, Scope scope, BreakerSource source, String reason, boolean probe) {

    /** The two answers. */
    public enum Verdict {
        ALLOW,
        OPEN
    }

    private static final Admission ALLOWED = new Admission(Verdict.ALLOW, null, null, "", false);
    private static final Admission PROBE = new Admission(Verdict.ALLOW, null, null, "", true);

    public Admission {
        Objects.requireNonNull(verdict, "verdict");
        reason = reason == null ? "" : reason;
        if (verdict == Verdict.OPEN && (scope == null || source == null)) {
            throw new IllegalArgumentException("an OPEN admission names its scope and source");
        }
    }

    /** The call may pass. */
    public static Admission allow(boolean probe) {
        return probe ? PROBE : ALLOWED;
    }

    /** The call is stopped by {@code scope}'s flag or breaker. */
    public static Admission open(Scope scope, BreakerSource source, String reason) {
        return new Admission(Verdict.OPEN, scope, source, reason, false);
    }

    /** Whether the call may pass. */
    public boolean allowed() {
        return verdict == Verdict.ALLOW;
    }
}

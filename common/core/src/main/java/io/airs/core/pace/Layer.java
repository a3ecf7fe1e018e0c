package io.airs.core.pace;

import java.util.Locale;

/** The control layers that each run their own PACE state. */
public enum Layer {
    /** Deterministic guardrails on every stage. */
    GUARDRAILS,
    /** The model-as-judge (inline classifier or LLM judge). */
    JUDGE,
    /** Human oversight: writes to the escalation queues. */
    OVERSIGHT;

    /** The wire name, such as {@code judge}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

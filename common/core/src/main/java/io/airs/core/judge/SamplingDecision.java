package io.airs.core.judge;

import java.util.Objects;

/**
 * Whether to run the LLM judge on one piece of content, how, and why.
 *
 * @param judge whether the LLM judge should run
 * @param mode inline (the caller waits) or async; meaningful only when {@code judge}
 * @param trigger why it was chosen, {@link Trigger#NONE} when it was not
 */
public record SamplingDecision(boolean judge, Mode mode, Trigger trigger) {

    public SamplingDecision {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(trigger, "trigger");
        if (judge == (trigger == Trigger.NONE)) {
            throw new IllegalArgumentException("a judged decision needs a trigger, and only it");
        }
    }

    /** Not selected for the LLM judge. */
    public static SamplingDecision skip(Mode mode) {
        return new SamplingDecision(false, mode, Trigger.NONE);
    }
}

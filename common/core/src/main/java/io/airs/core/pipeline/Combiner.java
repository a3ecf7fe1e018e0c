package io.airs.core.pipeline;

import io.airs.core.Action;
import io.airs.core.Decision;

/** Combines actions and verdicts: block beats escalate beats modify (redact) beats allow. */
public final class Combiner {

    private Combiner() {}

    /** The verdict an action leads to. */
    public static Decision.Verdict verdictOf(Action action) {
        return switch (action) {
            case ALLOW -> Decision.Verdict.ALLOW;
            case REDACT -> Decision.Verdict.MODIFY;
            case ESCALATE -> Decision.Verdict.ESCALATE;
            case BLOCK -> Decision.Verdict.BLOCK;
        };
    }

    /** The stronger of two verdicts. */
    public static Decision.Verdict strongest(Decision.Verdict a, Decision.Verdict b) {
        return b.ordinal() > a.ordinal() ? b : a;
    }
}

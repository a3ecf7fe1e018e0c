package io.airs.core.judge;

import java.util.Locale;

/** Why {@link JudgeSampler} chose (or did not choose) to judge a piece of content. */
public enum Trigger {
    /** A tool call judged before it acts, as the policy requires. */
    TOOL_PRE_ACTION,
    /** The user or agent recently attacked; all of its traffic is judged for a while. */
    ADAPTIVE,
    /** The guardrails found something. */
    FLAGGED,
    /** Drawn at the risk tier's sampling rate. */
    SAMPLED,
    /** Not selected. */
    NONE;

    /** The lower-case name used in evidence, such as {@code tool_pre_action}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

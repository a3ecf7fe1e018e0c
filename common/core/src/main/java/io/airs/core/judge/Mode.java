package io.airs.core.judge;

import java.util.Locale;

/** Whether the LLM judge runs before the content goes on ({@code INLINE}) or after it ({@code ASYNC}). */
public enum Mode {
    /** The caller waits for the verdict; tool calls are always judged this way (pre-action). */
    INLINE,
    /** The content goes on; the verdict arrives later through {@link AsyncJudgeQueue}. */
    ASYNC;

    /** The lower-case name used in evidence. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

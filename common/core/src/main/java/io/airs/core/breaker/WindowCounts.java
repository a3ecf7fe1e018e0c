package io.airs.core.breaker;

/**
 * What a scope's sliding windows hold at one moment. All counts are zero or more.
 *
 * @param total calls recorded in the window
 * @param blocked calls a guardrail blocked
 * @param upstreamErrors calls the upstream failed
 * @param judgeFailures calls the judge failed
 * @param agentBlocks guardrail blocks in the (longer) per-agent window; 0 for other scope kinds
 */
public record WindowCounts(long total, long blocked, long upstreamErrors, long judgeFailures, long agentBlocks) {

    /** Nothing counted. */
    public static final WindowCounts ZERO = new WindowCounts(0, 0, 0, 0, 0);

    public WindowCounts {
        if (total < 0 || blocked < 0 || upstreamErrors < 0 || judgeFailures < 0 || agentBlocks < 0) {
            throw new IllegalArgumentException("window counts are never negative");
        }
    }
}

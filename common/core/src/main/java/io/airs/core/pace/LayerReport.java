package io.airs.core.pace;

import java.time.Duration;
import java.time.Instant;

/**
 * One layer as {@code GET /v1/status} reports it.
 *
 * @param layer the layer
 * @param state its PACE state
 * @param since when it entered that state
 * @param reason reason code of the last transition
 * @param verdict how it looks now
 * @param calls calls in the current window
 * @param errorRate failures / calls in the window
 * @param meanLatency mean latency in the window
 * @param baseline the effective latency baseline; zero until learnt
 * @param latencyRatio mean latency / baseline; 0 when either is unknown
 */
public record LayerReport(
        Layer layer,
        PaceState state,
        Instant since,
        String reason,
        PaceVerdict verdict,
        long calls,
        double errorRate,
        Duration meanLatency,
        Duration baseline,
        double latencyRatio) {}

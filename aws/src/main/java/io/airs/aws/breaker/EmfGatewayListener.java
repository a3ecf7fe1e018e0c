package io.airs.aws.breaker;

import io.airs.core.Decision;
import io.airs.core.RequestContext;
import io.airs.core.gateway.Gateway;
import io.airs.core.gateway.GatewayListener;
import java.util.Objects;

/**
 * Counts the gateway's decisions and upstream errors into CloudWatch embedded metrics, per endpoint
 * and agent: what the block-rate and error-rate alarms watch. The handler flushes once per
 * invocation.
 */
public final class EmfGatewayListener implements GatewayListener {

    private final EmfMetrics metrics;

    public EmfGatewayListener(EmfMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void decided(String endpoint, RequestContext context, Gateway.Result result) {
        metrics.record(endpoint, context.agent(), result.decision() instanceof Decision.Block, false);
    }

    @Override
    public void upstream(String endpoint, RequestContext context, boolean ok) {
        if (!ok) {
            metrics.upstreamError(endpoint, context.agent());
        }
    }

    /** Writes what was counted since the last flush. */
    public int flush() {
        return metrics.flush();
    }
}

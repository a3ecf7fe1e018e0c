package io.airs.core.gateway;

import io.airs.core.RequestContext;

/**
 * Learns of every decision the {@link Gateway} makes and every upstream call it is told of, for
 * metrics (a platform's metric format, say). Called on the request's thread after the evidence is
 * recorded; it must be quick and must not throw.
 */
public interface GatewayListener {

    /** A request was decided. */
    void decided(String endpoint, RequestContext context, Gateway.Result result);

    /** An upstream model call ended; {@code ok} is false for an error. */
    default void upstream(String endpoint, RequestContext context, boolean ok) {}
}

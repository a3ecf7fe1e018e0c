package io.airs.core;

/**
 * Who and what a piece of content belongs to. Every field may be null; the identities go into the
 * evidence record, and the session keys reversible pseudonyms.
 *
 * @param requestId the caller's request id (one is generated when absent)
 * @param user the end user
 * @param agent the calling agent, for multi-agent systems
 * @param session the conversation or session
 * @param tool the tool, for {@code tool_call} and tool output in {@code context}
 * @param tenant the tenant or application
 * @param model the model the content is going to or coming from
 */
public record RequestContext(
        String requestId, String user, String agent, String session, String tool, String tenant, String model) {

    private static final RequestContext EMPTY = new RequestContext(null, null, null, null, null, null, null);

    /** A context with no identities. */
    public static RequestContext empty() {
        return EMPTY;
    }

    /** The same context with {@code id} as its request id. */
    public RequestContext withRequestId(String id) {
        return new RequestContext(id, user, agent, session, tool, tenant, model);
    }

    /** The same context with {@code m} as its model. */
    public RequestContext withModel(String m) {
        return new RequestContext(requestId, user, agent, session, tool, tenant, m);
    }
}

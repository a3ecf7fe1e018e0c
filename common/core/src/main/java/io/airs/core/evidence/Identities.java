package io.airs.core.evidence;

/**
 * Who a decision was about. Every field is optional, since an anonymous request has none of them.
 *
 * @param user the end user on whose behalf the request was made
 * @param agent the agent identity that sent it (multi-agent systems)
 * @param session the conversation or session id
 * @param tenant the tenant or workspace
 */
public record Identities(String user, String agent, String session, String tenant) {

    private static final Identities NONE = new Identities(null, null, null, null);

    /** Identities with every field absent. */
    public static Identities none() {
        return NONE;
    }
}

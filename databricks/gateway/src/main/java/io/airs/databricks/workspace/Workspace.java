package io.airs.databricks.workspace;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.DatabricksException;
import com.databricks.sdk.core.oauth.OAuthM2MServicePrincipalCredentialsProvider;
import java.net.URI;
import java.util.Map;

/**
 * One Databricks workspace reached through the Databricks SDK, authenticated with a personal access
 * token or a service principal (OAuth machine-to-machine). Every Databricks edge of the product (the
 * gateway's upstream calls, the AI Gateway sync, the job's judge and breakers) goes through one of
 * these, so authentication is configured once.
 *
 * <pre>{@code
 * Workspace ws = Workspace.fromEnvironment(System.getenv());
 * ws.client().servingEndpoints().get("chat");
 * Map<String, String> headers = ws.authHeaders(); // Authorization: Bearer ...
 * }</pre>
 */
public final class Workspace {

    /** The workspace URL, such as {@code https://adb-123.4.azuredatabricks.net}. */
    public static final String HOST = "DATABRICKS_HOST";
    /** A personal access token (or a token issued to a service principal). */
    public static final String TOKEN = "DATABRICKS_TOKEN";
    /** The service principal's application ID, for OAuth machine-to-machine. */
    public static final String CLIENT_ID = "DATABRICKS_CLIENT_ID";
    /** The service principal's OAuth secret. */
    public static final String CLIENT_SECRET = "DATABRICKS_CLIENT_SECRET";

    /** One SDK call's timeout. */
    static final int HTTP_TIMEOUT_SECONDS = 30;

    private final DatabricksConfig config;
    private final URI host;
    private volatile WorkspaceClient client;

    private Workspace(DatabricksConfig config, URI host) {
        this.config = config;
        this.host = host;
    }

    /** How the workspace is authenticated. */
    public enum Auth {
        /** {@code Authorization: Bearer} with a personal access token. */
        PAT("pat"),
        /** OAuth client credentials of a service principal, tokens from the workspace's OIDC endpoint. */
        OAUTH_M2M("oauth-m2m");

        private final String sdkName;

        Auth(String sdkName) {
            this.sdkName = sdkName;
        }

        /** The SDK's name for the authentication type. */
        public String sdkName() {
            return sdkName;
        }
    }

    /**
     * A workspace with a personal access token.
     *
     * @throws IllegalArgumentException when the host is not an http(s) URL or the token is blank
     */
    public static Workspace withToken(String host, String token) {
        URI uri = hostUri(host, HOST);
        require(token, TOKEN);
        DatabricksConfig c =
                new DatabricksConfig().setHost(uri.toString()).setToken(token).setAuthType(Auth.PAT.sdkName());
        return new Workspace(c.resolve(), uri);
    }

    /**
     * A workspace with a service principal's OAuth client credentials (machine-to-machine).
     *
     * @throws IllegalArgumentException when the host is not an http(s) URL or a credential is blank
     */
    public static Workspace withServicePrincipal(String host, String clientId, String clientSecret) {
        URI uri = hostUri(host, HOST);
        require(clientId, CLIENT_ID);
        require(clientSecret, CLIENT_SECRET);
        DatabricksConfig c = new DatabricksConfig()
                .setHost(uri.toString())
                .setClientId(clientId)
                .setClientSecret(clientSecret)
                .setAuthType(Auth.OAUTH_M2M.sdkName())
                .setHttpTimeoutSeconds(HTTP_TIMEOUT_SECONDS)
                .setCredentialsProvider(new OAuthM2MServicePrincipalCredentialsProvider());
        return new Workspace(c.resolve(), uri);
    }

    /**
     * The workspace named by {@value #HOST}, with {@value #CLIENT_ID} and {@value #CLIENT_SECRET} when
     * both are set (a service principal), otherwise {@value #TOKEN}.
     *
     * @throws IllegalArgumentException naming the variable that is missing or malformed
     */
    public static Workspace fromEnvironment(Map<String, String> env) {
        String host = env.get(HOST);
        String clientId = env.get(CLIENT_ID);
        String clientSecret = env.get(CLIENT_SECRET);
        if (present(clientId) || present(clientSecret)) {
            return withServicePrincipal(host, clientId, clientSecret);
        }
        if (!present(env.get(TOKEN))) {
            hostUri(host, HOST);
            throw new IllegalArgumentException(
                    "no Databricks credentials: set " + TOKEN + ", or " + CLIENT_ID + " and " + CLIENT_SECRET);
        }
        return withToken(host, env.get(TOKEN));
    }

    /**
     * The SDK client for the workspace's REST API, made on first use: building one asks the workspace
     * for its OAuth endpoints (with the SDK's retries), which must not hold up a gateway that starts
     * while the workspace is unreachable.
     */
    public WorkspaceClient client() {
        WorkspaceClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = new WorkspaceClient(config);
                    client = c;
                }
            }
        }
        return c;
    }

    /** The workspace URL, without a trailing slash. */
    public URI host() {
        return host;
    }

    /** The authentication in use. */
    public Auth auth() {
        return Auth.OAUTH_M2M.sdkName().equals(config.getAuthType()) ? Auth.OAUTH_M2M : Auth.PAT;
    }

    /**
     * The headers that authenticate one request (an OAuth token is fetched or refreshed by the SDK as
     * needed).
     *
     * @throws DatabricksException when the workspace refuses the credentials
     */
    public Map<String, String> authHeaders() {
        return config.authenticate();
    }

    /** The URL of a path on the workspace, such as {@code /serving-endpoints/chat/invocations}. */
    public URI resolve(String path) {
        return URI.create(host + (path.startsWith("/") ? path : "/" + path));
    }

    private static URI hostUri(String host, String name) {
        if (!present(host)) {
            throw new IllegalArgumentException(
                    name + " is not set: the workspace URL, such as https://adb-1.2.azuredatabricks.net");
        }
        String trimmed = host.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not a URL: " + e.getMessage());
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())
                || uri.getHost() == null) {
            throw new IllegalArgumentException(name + " must be an https:// URL with a host, got '" + trimmed + "'");
        }
        return uri;
    }

    private static void require(String value, String name) {
        if (!present(value)) {
            throw new IllegalArgumentException(name + " is not set");
        }
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    @Override
    public String toString() {
        return "Workspace[" + host + ", " + auth().sdkName() + "]";
    }
}

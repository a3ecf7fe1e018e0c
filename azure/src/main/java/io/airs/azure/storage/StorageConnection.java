package io.airs.azure.storage;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import com.azure.storage.queue.QueueMessageEncoding;
import com.azure.storage.queue.QueueServiceClient;
import com.azure.storage.queue.QueueServiceClientBuilder;
import io.airs.azure.AzureSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The storage account the functions keep tickets and trips in, and send escalations through: either
 * a connection string ({@code AirsStorage}: Azurite in tests, key-based deployments) or the account's
 * queue and table service URIs reached with a {@link TokenCredential} ({@code
 * AirsStorage__queueServiceUri} and {@code AirsStorage__tableServiceUri}, the identity-based
 * connection the queue triggers share). Builds each SDK client once, on the JDK's HTTP client, and
 * hands out the same instances (they are thread-safe). Queue clients use Base64 message encoding,
 * the Functions host's default, so queue-triggered functions read what this sends.
 *
 * <pre>{@code
 * StorageConnection storage = StorageConnection.fromEnvironment(System.getenv());
 * TableClient tickets = storage.tableServiceClient().getTableClient("airstickets");
 * }</pre>
 *
 * Its {@link #toString()} names the endpoints only, never a key or signature.
 */
public final class StorageConnection {

    /** The client id of a user-assigned managed identity; absent for the system-assigned one. */
    public static final String CLIENT_ID = AzureSettings.STORAGE_CLIENT_ID;

    /** {@code managedidentity} when set (the host's convention); absent: any credential that works. */
    public static final String CREDENTIAL = AzureSettings.STORAGE_CREDENTIAL;

    private static final RequestRetryOptions QUEUE_RETRIES = new RequestRetryOptions(
            RetryPolicyType.EXPONENTIAL,
            3,
            Duration.ofSeconds(10),
            Duration.ofMillis(200),
            Duration.ofSeconds(2),
            null);

    private final String connectionString;
    private final URI queueServiceUri;
    private final URI tableServiceUri;
    private final TokenCredential credential;
    private final String description;
    private HttpClient http;
    private TableServiceClient tables;
    private QueueServiceClient queues;

    private StorageConnection(
            String connectionString,
            URI queueServiceUri,
            URI tableServiceUri,
            TokenCredential credential,
            String description) {
        this.connectionString = connectionString;
        this.queueServiceUri = queueServiceUri;
        this.tableServiceUri = tableServiceUri;
        this.credential = credential;
        this.description = description;
    }

    /**
     * A connection string with an account name and key or signature (or {@code
     * UseDevelopmentStorage=true}) and table and queue endpoints the SDK can derive.
     *
     * @throws IllegalArgumentException when it is not one; the message never quotes it
     */
    public static StorageConnection ofConnectionString(String connectionString) {
        return ofConnectionString(connectionString, "connectionString");
    }

    /**
     * The account's queue and table service URIs, such as {@code
     * https://NAME.queue.core.windows.net}, reached with {@code credential} (so HTTPS, as Storage
     * sends tokens over nothing else).
     *
     * @throws IllegalArgumentException when a URI is not absolute HTTPS
     */
    public static StorageConnection ofServiceUris(
            URI queueServiceUri, URI tableServiceUri, TokenCredential credential) {
        return ofServiceUris(queueServiceUri, tableServiceUri, credential, "queueServiceUri", "tableServiceUri");
    }

    /** Whether {@code env} names a storage connection at all (otherwise the functions keep state in memory). */
    public static boolean isConfigured(Map<String, String> env) {
        return present(env, AzureSettings.STORAGE_CONNECTION)
                || present(env, AzureSettings.STORAGE_QUEUE_URI)
                || present(env, AzureSettings.STORAGE_TABLE_URI);
    }

    /**
     * The connection {@code env} names: the service URIs with a managed identity ({@code
     * AirsStorage__clientId} for a user-assigned one) when either URI is set, otherwise the {@code
     * AirsStorage} connection string.
     *
     * @throws IllegalArgumentException naming the setting that is missing or wrong
     */
    public static StorageConnection fromEnvironment(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        if (present(env, AzureSettings.STORAGE_QUEUE_URI) || present(env, AzureSettings.STORAGE_TABLE_URI)) {
            URI queue = uri(env, AzureSettings.STORAGE_QUEUE_URI);
            URI table = uri(env, AzureSettings.STORAGE_TABLE_URI);
            return ofServiceUris(
                    queue, table, credential(env), AzureSettings.STORAGE_QUEUE_URI, AzureSettings.STORAGE_TABLE_URI);
        }
        if (!present(env, AzureSettings.STORAGE_CONNECTION)) {
            throw new IllegalArgumentException(
                    AzureSettings.STORAGE_CONNECTION + ": required (a connection string), or "
                            + AzureSettings.STORAGE_QUEUE_URI + " and " + AzureSettings.STORAGE_TABLE_URI);
        }
        return ofConnectionString(env.get(AzureSettings.STORAGE_CONNECTION), AzureSettings.STORAGE_CONNECTION);
    }

    /** The Table service client (built once). */
    public synchronized TableServiceClient tableServiceClient() {
        if (tables == null) {
            TableServiceClientBuilder b = new TableServiceClientBuilder().httpClient(http());
            if (connectionString != null) {
                b.connectionString(connectionString);
            } else {
                b.endpoint(tableServiceUri.toString()).credential(credential);
            }
            tables = b.buildClient();
        }
        return tables;
    }

    /** The Queue service client with Base64 message encoding (built once). */
    public synchronized QueueServiceClient queueServiceClient() {
        if (queues == null) {
            QueueServiceClientBuilder b = new QueueServiceClientBuilder()
                    .httpClient(http())
                    .retryOptions(QUEUE_RETRIES)
                    .messageEncoding(QueueMessageEncoding.BASE64);
            if (connectionString != null) {
                b.connectionString(connectionString);
            } else {
                b.endpoint(queueServiceUri.toString()).credential(credential);
            }
            queues = b.buildClient();
        }
        return queues;
    }

    /** Whether this connection authenticates with a token credential rather than a connection string. */
    public boolean usesTokenCredential() {
        return credential != null;
    }

    /** The endpoints (or account) only: never a key or signature. */
    @Override
    public String toString() {
        return description;
    }

    private HttpClient http() {
        if (http == null) {
            http = new JdkHttpClientBuilder().build();
        }
        return http;
    }

    private static StorageConnection ofConnectionString(String cs, String setting) {
        if (cs == null || cs.isBlank()) {
            throw new IllegalArgumentException(setting + ": required");
        }
        Map<String, String> parts = new HashMap<>();
        for (String part : cs.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(
                        setting + ": not a storage connection string (expected Key=Value;...)");
            }
            parts.put(
                    part.substring(0, eq).trim().toLowerCase(Locale.ROOT),
                    part.substring(eq + 1).trim());
        }
        String account;
        if ("true".equalsIgnoreCase(parts.get("usedevelopmentstorage"))) {
            account = "devstoreaccount1 (development storage)";
        } else {
            account = parts.get("accountname");
            if (account == null || account.isEmpty()) {
                throw new IllegalArgumentException(setting + ": the connection string has no AccountName");
            }
            if (isEmpty(parts.get("accountkey")) && isEmpty(parts.get("sharedaccesssignature"))) {
                throw new IllegalArgumentException(
                        setting + ": the connection string has neither AccountKey nor SharedAccessSignature");
            }
        }
        StorageConnection c = new StorageConnection(cs, null, null, null, "storage account " + account);
        try {
            c.tableServiceClient();
            c.queueServiceClient();
        } catch (RuntimeException refused) {
            // The SDK's message may quote the string, key included: name the setting and the kind only.
            throw new IllegalArgumentException(setting + ": the Storage SDK refused the connection string ("
                    + refused.getClass().getSimpleName() + "); it needs table and queue endpoints");
        }
        return c;
    }

    private static StorageConnection ofServiceUris(
            URI queue, URI table, TokenCredential credential, String queueSetting, String tableSetting) {
        requireServiceUri(queue, queueSetting);
        requireServiceUri(table, tableSetting);
        Objects.requireNonNull(credential, "credential");
        StorageConnection c =
                new StorageConnection(null, queue, table, credential, "queues " + queue + ", tables " + table);
        try {
            c.tableServiceClient();
            c.queueServiceClient();
        } catch (RuntimeException refused) {
            throw new IllegalArgumentException(
                    queueSetting + ", " + tableSetting + ": the Storage SDK refused the service URIs: "
                            + refused.getMessage(),
                    refused);
        }
        return c;
    }

    private static TokenCredential credential(Map<String, String> env) {
        String kind = env.get(CREDENTIAL);
        if (kind != null && !kind.isBlank() && !"managedidentity".equalsIgnoreCase(kind.trim())) {
            throw new IllegalArgumentException(
                    CREDENTIAL + ": '" + kind + "' is not supported (managedidentity or unset)");
        }
        String clientId = env.get(CLIENT_ID);
        if (clientId != null) {
            if (clientId.isBlank()) {
                throw new IllegalArgumentException(CLIENT_ID + ": must not be blank when set");
            }
            return new ManagedIdentityCredentialBuilder()
                    .clientId(clientId.trim())
                    .build();
        }
        if (kind != null && !kind.isBlank()) {
            return new ManagedIdentityCredentialBuilder().build();
        }
        // In Azure this resolves to the app's managed identity; on a developer's machine, their login.
        return new DefaultAzureCredentialBuilder().build();
    }

    private static URI uri(Map<String, String> env, String setting) {
        String v = env.get(setting);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(setting + ": required when either service URI is set");
        }
        try {
            return new URI(v.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(setting + ": '" + v + "' is not a URI");
        }
    }

    private static void requireServiceUri(URI u, String setting) {
        if (u == null) {
            throw new IllegalArgumentException(setting + ": required");
        }
        if (!u.isAbsolute() || u.getHost() == null) {
            throw new IllegalArgumentException(setting + ": '" + u + "' is not an absolute URI with a host");
        }
        // Storage sends a bearer token over HTTPS only.
        if (!u.getScheme().equalsIgnoreCase("https")) {
            throw new IllegalArgumentException(setting + ": '" + u + "' must use https");
        }
        if (u.getQuery() != null || u.getUserInfo() != null) {
            throw new IllegalArgumentException(
                    setting + ": must carry no query or user info (the identity signs requests)");
        }
    }

    private static boolean present(Map<String, String> env, String setting) {
        String v = env.get(setting);
        return v != null && !v.isBlank();
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }
}

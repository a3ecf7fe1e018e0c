package io.airs.azure.config;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.data.appconfiguration.ConfigurationClient;
import com.azure.data.appconfiguration.ConfigurationClientBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import io.airs.azure.AzureSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds the App Configuration client the kill switches and the policy source use from the
 * application settings (storage clients come from {@link io.airs.azure.storage.StorageConnection}), all on one JDK HTTP client (no Netty) with short timeouts and few retries: these clients
 * are called on the request path (a flag refresh, a trip write), where a slow answer costs more than
 * a missed one.
 *
 * <pre>{@code
 * HttpClient http = AzureClients.httpClient();
 * TokenCredential identity = AzureClients.managedIdentity(settings);
 * Optional<ConfigurationClient> appConfig = AzureClients.appConfiguration(settings, identity, http);
 * }</pre>
 */
public final class AzureClients {

    /**
     * Setting naming the client id of a user-assigned managed identity (Azure Identity's own
     * convention); absent: the system-assigned identity.
     */
    public static final String CLIENT_ID = "AZURE_CLIENT_ID";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(10);

    private AzureClients() {}

    /** The JDK HTTP client every SDK client here shares: 5 s to connect, 10 s to answer. */
    public static HttpClient httpClient() {
        return new JdkHttpClientBuilder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .responseTimeout(RESPONSE_TIMEOUT)
                .build();
    }

    /**
     * Two retries, 200 ms then 400 ms apart (at most 2 s): enough for a throttled or restarting
     * service, short enough for the request path.
     */
    public static RetryOptions retry() {
        return new RetryOptions(new ExponentialBackoffOptions()
                .setMaxRetries(2)
                .setBaseDelay(Duration.ofMillis(200))
                .setMaxDelay(Duration.ofSeconds(2)));
    }

    /**
     * The function app's managed identity: the user-assigned one whose client id is {@value
     * #CLIENT_ID} when that is set, else the system-assigned one. It needs the role App Configuration
     * Data Reader on the store and Storage Table Data Contributor on the account.
     */
    public static TokenCredential managedIdentity(Map<String, String> settings) {
        Objects.requireNonNull(settings, "settings");
        ManagedIdentityCredentialBuilder b = new ManagedIdentityCredentialBuilder();
        String clientId = settings.get(CLIENT_ID);
        if (clientId != null && !clientId.isBlank()) {
            b.clientId(clientId.strip());
        }
        return b.build();
    }

    /**
     * The App Configuration client of {@code AIRS_APPCONFIG_ENDPOINT}, or empty when it is not set.
     *
     * @throws IllegalArgumentException when the endpoint is not an https URL
     */
    public static Optional<ConfigurationClient> appConfiguration(
            Map<String, String> settings, TokenCredential credential, HttpClient http) {
        Objects.requireNonNull(settings, "settings");
        String endpoint = settings.get(AzureSettings.APPCONFIG_ENDPOINT);
        if (endpoint == null || endpoint.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(appConfiguration(
                httpsUrl(AzureSettings.APPCONFIG_ENDPOINT, endpoint, "https://NAME.azconfig.io"),
                credential,
                http,
                retry()));
    }

    /**
     * An App Configuration client of {@code endpoint} authenticated with {@code credential} (the
     * SDK picks the token audience from the endpoint's cloud).
     */
    public static ConfigurationClient appConfiguration(
            URI endpoint, TokenCredential credential, HttpClient http, RetryOptions retry) {
        return new ConfigurationClientBuilder()
                .endpoint(Objects.requireNonNull(endpoint, "endpoint").toString())
                .credential(Objects.requireNonNull(credential, "credential"))
                .httpClient(Objects.requireNonNull(http, "http"))
                .retryOptions(Objects.requireNonNull(retry, "retry"))
                .buildClient();
    }

    /**
     * {@code value} of {@code setting} as an absolute https URL with a host and no query: every
     * service endpoint setting is read through this.
     *
     * @throws IllegalArgumentException naming the setting and an example
     */
    public static URI httpsUrl(String setting, String value, String example) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null
                || uri.getScheme() == null
                || !uri.getScheme().toLowerCase(Locale.ROOT).equals("https")
                || uri.getHost() == null
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    setting + " must be an https URL such as " + example + ", was '" + value.strip() + "'");
        }
        return uri;
    }
}

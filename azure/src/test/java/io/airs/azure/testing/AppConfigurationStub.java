package io.airs.azure.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.data.appconfiguration.ConfigurationClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.airs.azure.config.AzureClients;
import java.net.URI;
import java.time.Duration;

/**
 * Azure App Configuration's data-plane REST API on WireMock's HTTPS port, answering in the service's
 * wire format (api-version 2023-11-01): key-value lists ({@code GET /kv}, media type {@code
 * application/vnd.microsoft.appconfig.kvset+json}) and single key-values ({@code GET /kv/KEY}, {@code
 * application/vnd.microsoft.appconfig.kv+json}). Feature flags are key-values under {@code
 * .appconfig.featureflag/} whose value is the flag's JSON, with content type {@value
 * #FEATURE_FLAG_CONTENT_TYPE}.
 */
public final class AppConfigurationStub implements AutoCloseable {

    public static final String FEATURE_FLAG_CONTENT_TYPE = "application/vnd.microsoft.appconfig.ff+json;charset=utf-8";
    public static final String KV_SET = "application/vnd.microsoft.appconfig.kvset+json; charset=utf-8";
    public static final String KV = "application/vnd.microsoft.appconfig.kv+json; charset=utf-8";
    public static final String API_VERSION = "2023-11-01";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer wire;

    private AppConfigurationStub(WireMockServer wire) {
        this.wire = wire;
    }

    /** Starts WireMock with an HTTPS port on loopback. */
    public static AppConfigurationStub start() {
        WireMockServer w =
                new WireMockServer(options().dynamicPort().dynamicHttpsPort().bindAddress("127.0.0.1"));
        w.start();
        return new AppConfigurationStub(w);
    }

    public WireMockServer wire() {
        return wire;
    }

    /** The store's endpoint, {@code https://127.0.0.1:PORT}. */
    public URI endpoint() {
        return URI.create("https://127.0.0.1:" + wire.httpsPort());
    }

    /** A client of this store built as production builds it, trusting WireMock, without retries. */
    public ConfigurationClient client() {
        return AzureClients.appConfiguration(
                endpoint(),
                LoopbackTls.credential(),
                LoopbackTls.trustingHttpClient(),
                new RetryOptions(new FixedDelayOptions(0, Duration.ZERO)));
    }

    /**
     * One key-value as the service lists it: {@code etag}, {@code key}, {@code label}, {@code
     * content_type}, {@code value}, {@code tags}, {@code locked}, {@code last_modified}.
     */
    public static ObjectNode keyValue(String key, String label, String contentType, String value, String lastModified) {
        ObjectNode kv = JSON.createObjectNode();
        kv.put("etag", Integer.toHexString((key + label + value).hashCode()));
        kv.put("key", key);
        kv.put("label", label);
        kv.put("content_type", contentType);
        kv.put("value", value);
        kv.putObject("tags");
        kv.put("locked", false);
        kv.put("last_modified", lastModified);
        return kv;
    }

    /**
     * A feature flag key-value as the portal's Feature manager writes it: {@code {"id",
     * "description", "enabled", "conditions": {"client_filters": []}}}.
     */
    public static ObjectNode featureFlag(
            String id, boolean enabled, String description, String label, String lastModified) {
        ObjectNode value = JSON.createObjectNode();
        value.put("id", id);
        value.put("description", description == null ? "" : description);
        value.put("enabled", enabled);
        value.putObject("conditions").putArray("client_filters");
        return keyValue(
                ".appconfig.featureflag/" + id, label, FEATURE_FLAG_CONTENT_TYPE, value.toString(), lastModified);
    }

    /** A list page: {@code {"items": [...]}} plus {@code "@nextLink"} when {@code nextLink} is not null. */
    public static String page(String nextLink, ObjectNode... items) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode array = body.putArray("items");
        for (ObjectNode item : items) {
            array.add(item);
        }
        if (nextLink != null) {
            body.put("@nextLink", nextLink);
        }
        return body.toString();
    }

    @Override
    public void close() {
        wire.stop();
    }
}

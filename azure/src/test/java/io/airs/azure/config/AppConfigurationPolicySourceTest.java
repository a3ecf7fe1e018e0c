package io.airs.azure.config;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.airs.azure.testing.AppConfigurationStub.FEATURE_FLAG_CONTENT_TYPE;
import static io.airs.azure.testing.AppConfigurationStub.KV;
import static io.airs.azure.testing.AppConfigurationStub.keyValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.data.appconfiguration.ConfigurationClient;
import io.airs.azure.testing.AppConfigurationStub;
import io.airs.core.policy.Policy;
import io.airs.core.policy.PolicyException;
import io.airs.core.policy.PolicyLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The policy read from one App Configuration key-value (on WireMock over HTTPS) and validated. */
class AppConfigurationPolicySourceTest {

    static final String KEY = "airs.policy";
    static final String MODIFIED = "2025-03-01T09:30:00+00:00";

    AppConfigurationStub store;
    ConfigurationClient client;

    @BeforeEach
    void start() {
        store = AppConfigurationStub.start();
        client = store.client();
    }

    @AfterEach
    void stop() {
        store.close();
    }

    static String defaultPolicyText() throws IOException {
        try (InputStream in = PolicyLoader.class.getResourceAsStream("/io/airs/core/policy/default.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** {@code GET /kv/KEY?label=LABEL} answering this value. */
    void policyAt(String label, String contentType, String value) {
        store.wire()
                .stubFor(get(urlPathEqualTo("/kv/" + KEY))
                        .withQueryParam("label", label == null ? absent() : equalTo(label))
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", KV)
                                .withHeader("ETag", "\"4f6dd610dd5e4deebc7fbaef685fb903\"")
                                .withHeader("Last-Modified", "Sat, 01 Mar 2025 09:30:00 GMT")
                                .withBody(keyValue(KEY, label, contentType, value, MODIFIED)
                                        .toString())));
    }

    @Test
    void loadsTheYamlPolicyOfTheKeyAndLabel() throws IOException {
        String yaml = defaultPolicyText();
        policyAt("prod", "application/x-yaml", yaml);

        Policy policy = new AppConfigurationPolicySource(client).load(KEY, "prod");

        assertThat(policy.revision())
                .isEqualTo(new PolicyLoader().parse(yaml, "local.yaml").revision());
        store.wire()
                .verify(getRequestedFor(urlPathEqualTo("/kv/" + KEY))
                        .withQueryParam("label", equalTo("prod"))
                        .withQueryParam("api-version", equalTo(AppConfigurationStub.API_VERSION)));
    }

    @Test
    void loadsAJsonPolicy() throws IOException {
        Policy local = PolicyLoader.defaultPolicy();
        String json = new PolicyLoader().toCanonicalJson(local);
        policyAt(null, "application/json", json);

        Policy policy = new AppConfigurationPolicySource(client).load(KEY, null);

        assertThat(policy.revision()).isEqualTo(local.revision());
    }

    @Test
    void anInvalidPolicyFailsWithTheKeyLineAndProblem() throws IOException {
        String bad = defaultPolicyText().replace("max_messages: 128", "max_messages: 128\n  max_turns: 9");
        policyAt("prod", null, bad);

        assertThatThrownBy(() -> new AppConfigurationPolicySource(client).load(KEY, "prod"))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("appconfig:airs.policy@prod:")
                .hasMessageContaining("unknown key 'max_turns'");
    }

    @Test
    void aMissingKeyFailsNamingTheKeyAndTheSettings() {
        store.wire()
                .stubFor(
                        get(urlPathEqualTo("/kv/" + KEY)).willReturn(aResponse().withStatus(404)));

        assertThatThrownBy(() -> new AppConfigurationPolicySource(client).load(KEY, "prod"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("airs.policy")
                .hasMessageContaining("label prod")
                .hasMessageContaining("does not exist")
                .hasMessageContaining("AIRS_APPCONFIG_POLICY_KEY");
    }

    @Test
    void anEmptyValueFails() {
        policyAt("prod", null, "  ");

        assertThatThrownBy(() -> new AppConfigurationPolicySource(client).load(KEY, "prod"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("appconfig:airs.policy@prod is empty");
    }

    @Test
    void aFeatureFlagIsNotAPolicy() {
        policyAt("prod", FEATURE_FLAG_CONTENT_TYPE, "{\"id\":\"x\",\"enabled\":true}");

        assertThatThrownBy(() -> new AppConfigurationPolicySource(client).load(KEY, "prod"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("feature flag");
    }

    @Test
    void fromSettingsReadsTheKeyWithTheLabel() throws IOException {
        policyAt("prod", null, defaultPolicyText());

        assertThat(AppConfigurationPolicySource.fromSettings(
                        Map.of("AIRS_APPCONFIG_POLICY_KEY", KEY, "AIRS_APPCONFIG_LABEL", "prod"), client))
                .get()
                .extracting(Policy::revision)
                .isEqualTo(PolicyLoader.defaultPolicy().revision());
    }

    @Test
    void fromSettingsWithoutAKeyReadsNothing() {
        assertThat(AppConfigurationPolicySource.fromSettings(Map.of("AIRS_APPCONFIG_LABEL", "prod"), client))
                .isEmpty();
        store.wire().verify(0, getRequestedFor(urlPathEqualTo("/kv/" + KEY)));
    }
}

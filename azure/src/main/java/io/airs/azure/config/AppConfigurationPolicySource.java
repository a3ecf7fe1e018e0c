package io.airs.azure.config;

import com.azure.core.exception.HttpResponseException;
import com.azure.data.appconfiguration.ConfigurationClient;
import com.azure.data.appconfiguration.models.ConfigurationSetting;
import com.azure.data.appconfiguration.models.FeatureFlagConfigurationSetting;
import com.azure.data.appconfiguration.models.SecretReferenceConfigurationSetting;
import io.airs.azure.AzureSettings;
import io.airs.core.policy.Policy;
import io.airs.core.policy.PolicyLoader;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the policy (the YAML or JSON text, as deployed) from one App Configuration key-value, once
 * per function host at start-up, and validates it with the core's {@link PolicyLoader}: a bad
 * policy fails the start with the key, line and reason, rather than running with half a policy.
 *
 * <p>Problems name the source {@code appconfig:KEY} (with {@code @LABEL} when a label is set), for
 * example {@code appconfig:airs/policy@prod:12: stages.input[0].threshold: must be between 0 and 1
 * (was 1.5)}. Text that starts with <code>{</code> is read as JSON, anything else as YAML, as the
 * loader does for inline policies.
 *
 * <pre>{@code
 * Policy policy = AppConfigurationPolicySource.fromSettings(settings, client).orElseGet(PolicyLoader::defaultPolicy);
 * }</pre>
 */
public final class AppConfigurationPolicySource {

    private final ConfigurationClient client;

    /** @param client an App Configuration client (see {@link AzureClients#appConfiguration}) */
    public AppConfigurationPolicySource(ConfigurationClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * The policy named by {@code AIRS_APPCONFIG_POLICY_KEY} with the label {@code
     * AIRS_APPCONFIG_LABEL}, or empty when no key is set.
     *
     * @throws io.airs.core.policy.PolicyException when it is not a valid policy
     * @throws IllegalStateException when the key holds no policy
     */
    public static Optional<Policy> fromSettings(Map<String, String> settings, ConfigurationClient client) {
        Objects.requireNonNull(settings, "settings");
        String key = settings.get(AzureSettings.APPCONFIG_POLICY_KEY);
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        String label = settings.get(AzureSettings.APPCONFIG_LABEL);
        return Optional.of(new AppConfigurationPolicySource(client)
                .load(key.strip(), label == null || label.isBlank() ? null : label));
    }

    /**
     * The deployed policy.
     *
     * @param key the key of the setting that holds the policy
     * @param label its label; null for no label
     * @throws io.airs.core.policy.PolicyException when it is not a valid policy
     * @throws IllegalStateException when the key does not exist, is empty or holds a feature flag or
     *     Key Vault reference
     */
    public Policy load(String key, String label) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException(AzureSettings.APPCONFIG_POLICY_KEY + " must not be blank");
        }
        String where = "appconfig:" + key + (label == null ? "" : "@" + label);
        ConfigurationSetting setting;
        try {
            setting = client.getConfigurationSetting(key, label);
        } catch (HttpResponseException e) {
            if (e.getResponse() == null || e.getResponse().getStatusCode() != 404) {
                throw e;
            }
            setting = null;
        }
        if (setting == null) {
            throw new IllegalStateException(
                    "the policy key " + key + (label == null ? " (no label)" : " with label " + label)
                            + " does not exist in App Configuration " + client.getEndpoint() + "; check "
                            + AzureSettings.APPCONFIG_POLICY_KEY + " and " + AzureSettings.APPCONFIG_LABEL);
        }
        if (setting instanceof FeatureFlagConfigurationSetting
                || setting instanceof SecretReferenceConfigurationSetting) {
            throw new IllegalStateException("the policy key " + where + " holds a "
                    + (setting instanceof FeatureFlagConfigurationSetting ? "feature flag" : "Key Vault reference")
                    + ", not the policy text");
        }
        String text = setting.getValue();
        if (text == null || text.isBlank()) {
            throw new IllegalStateException("the policy key " + where + " is empty");
        }
        return new PolicyLoader().parse(text, where);
    }
}

package io.airs.aws.lambda;

import io.airs.core.policy.Policy;
import io.airs.core.policy.PolicyLoader;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.appconfigdata.AppConfigDataClient;
import software.amazon.awssdk.services.appconfigdata.model.GetLatestConfigurationResponse;

/**
 * Reads the policy from an AppConfig freeform configuration profile (the YAML, as deployed) through
 * AppConfigData, once per container at start-up, and validates it: a bad policy fails the cold start
 * with the file, line, key and reason, rather than running with half a policy.
 */
public final class AppConfigPolicySource {

    private final AppConfigDataClient client;

    public AppConfigPolicySource(AppConfigDataClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * The deployed policy.
     *
     * @throws io.airs.core.policy.PolicyException when it is not a valid policy
     * @throws IllegalStateException when the profile holds nothing
     */
    public Policy load(String application, String environment, String profile) {
        String token = client.startConfigurationSession(b -> b.applicationIdentifier(application)
                        .environmentIdentifier(environment)
                        .configurationProfileIdentifier(profile))
                .initialConfigurationToken();
        GetLatestConfigurationResponse r = client.getLatestConfiguration(b -> b.configurationToken(token));
        SdkBytes body = r.configuration();
        if (body == null || body.asByteArrayUnsafe().length == 0) {
            throw new IllegalStateException("the AppConfig policy profile " + profile + " holds no configuration");
        }
        String name = "appconfig:" + application + "/" + environment + "/" + profile
                + (r.contentType() != null && r.contentType().contains("json") ? ".json" : ".yaml");
        return new PolicyLoader().parse(new String(body.asByteArrayUnsafe(), StandardCharsets.UTF_8), name);
    }
}

package io.airs.azure.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.airs.azure.AzureSettings;
import io.airs.testkit.terraform.HclTools;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Ties the application settings {@link AzureSettings} names to the ones {@code infra/azure} sets on
 * the function app: every setting the code reads is set, set when the deployment configures it, or
 * optional by design and listed here with the reason; every {@code AIRS_} and {@code AirsStorage}
 * setting in the Terraform is one the code names (no typos); the values come from the resources, the
 * defaults are the code's, and none is a secret.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TerraformAppSettingsTest {

    /** Read by the code, deliberately never set by the module. A name here the code drops fails the test. */
    private static final Map<String, String> OPTIONAL_BY_DESIGN = Map.of(
            AzureSettings.POLICY,
            "an inline policy; the deployment keeps the policy in App Configuration instead",
            AzureSettings.STORAGE_CONNECTION,
            "a storage connection string (Azurite, key-based deployments); the deployment uses the"
                    + " identity-based AirsStorage__ settings and the account refuses keys",
            AzureSettings.STORAGE_CLIENT_ID,
            "a user-assigned identity for storage; the deployment uses the app's system-assigned one",
            AzureSettings.SHOW_RAW_CONTENT,
            "reviewers see redacted excerpts unless an operator opts in; the policy's default applies",
            AzureSettings.PROMPT_SHIELDS_ACTION,
            "Prompt Shields findings block by default; set only to escalate or log instead");

    /** Set only when the deployment configures the piece behind them (local.airs_optional_settings). */
    private static final Map<String, String> SET_WHEN_CONFIGURED = Map.of(
            AzureSettings.APPCONFIG_LABEL, "no label unless app_configuration_label is set",
            AzureSettings.JUDGE_DEPLOYMENT, "no LLM judge unless judge_deployment_name is set",
            AzureSettings.CONTENT_SAFETY_ENDPOINT, "Prompt Shields only when content_safety_enabled");

    /** Part of the identity-based connection AirsStorage that the Functions host reads as well as the code. */
    private static final Set<String> READ_BY_THE_HOST = Set.of(AzureSettings.STORAGE_CREDENTIAL);

    /** Settings the Functions host reads itself, set next to the code's. */
    private static final Set<String> HOST_SETTINGS =
            Set.of("WEBSITE_RUN_FROM_PACKAGE", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING");

    /** Module variable whose default must be the code's default, by DEFAULT_ constant. */
    private static final Map<String, String> DEFAULTS = Map.of(
            "DEFAULT_FLAG_CACHE_SECONDS", "flag_cache_seconds",
            "DEFAULT_ESCALATION_QUEUE_PREFIX", "escalation_queue_prefix",
            "DEFAULT_DECISION_QUEUE", "decision_queue_name",
            "DEFAULT_JUDGE_QUEUE", "judge_queue_name",
            "DEFAULT_TICKET_TABLE", "ticket_table_name",
            "DEFAULT_TRIP_TABLE", "trip_table_name",
            "DEFAULT_OPENAI_TIMEOUT_MS", "openai_timeout_ms",
            "DEFAULT_OPENAI_API_VERSION", "judge_api_version",
            "DEFAULT_SWEEP_SCHEDULE", "sweep_schedule");

    private Set<String> namedByCode;
    private Map<String, String> always;
    private Map<String, String> optional;
    private Map<String, String> host;
    private HclTools hcl;

    @BeforeAll
    void collect() throws IOException, InterruptedException {
        namedByCode = new TreeSet<>(AzureStack.settings().values());
        hcl = HclTools.run(AzureStack.infra(), AzureStack.azureModule());
        Map<String, JsonNode> locals = hcl.locals(AzureStack.MODULE);
        always = settings(locals, "airs_settings");
        optional = settings(locals, "airs_optional_settings");
        host = settings(locals, "host_settings");
    }

    private static Map<String, String> settings(Map<String, JsonNode> locals, String name) {
        JsonNode map = locals.get(name);
        assertThat(map).as("local." + name).isNotNull();
        assertThat(map.isObject()).as("local." + name + " is a literal map").isTrue();
        Map<String, String> settings = new TreeMap<>();
        map.properties().forEach(e -> settings.put(e.getKey(), e.getValue().asText()));
        return settings;
    }

    @Test
    void theCodeNamesItsSettings() {
        assertThat(namedByCode)
                .contains(
                        "AIRS_APPCONFIG_ENDPOINT",
                        "AirsStorage__queueServiceUri",
                        "AIRS_DECISION_QUEUE",
                        "AIRS_OPENAI_ENDPOINT",
                        "AIRS_SWEEP_SCHEDULE")
                .hasSizeGreaterThan(15);
    }

    @Test
    void everySettingTheCodeReadsIsSetOrSetWhenConfiguredOrOptionalByDesign() {
        Set<String> missing = new TreeSet<>(namedByCode);
        missing.removeAll(always.keySet());
        missing.removeAll(optional.keySet());
        missing.removeAll(OPTIONAL_BY_DESIGN.keySet());
        assertThat(missing)
                .as("named in AzureSettings but set by no function app")
                .isEmpty();
        assertThat(optional.keySet()).as("local.airs_optional_settings").isEqualTo(SET_WHEN_CONFIGURED.keySet());
    }

    @Test
    void everyAirsSettingInTheTerraformIsOneTheCodeNames() {
        Set<String> unknown = new TreeSet<>();
        for (Map<String, String> map : List.of(always, optional, host)) {
            for (String name : map.keySet()) {
                boolean ours = name.startsWith("AIRS_") || name.startsWith(AzureSettings.STORAGE_CONNECTION);
                if (ours && !namedByCode.contains(name) && !READ_BY_THE_HOST.contains(name)) {
                    unknown.add(name);
                }
            }
        }
        assertThat(unknown)
                .as("set by infra/azure but named nowhere in AzureSettings")
                .isEmpty();
        assertThat(always.keySet()).containsAll(READ_BY_THE_HOST);
        assertThat(host.keySet()).isEqualTo(HOST_SETTINGS);
    }

    @Test
    void optionalSettingsAreStillNamedByTheCodeAndNotSet() {
        assertThat(namedByCode).containsAll(OPTIONAL_BY_DESIGN.keySet()).containsAll(SET_WHEN_CONFIGURED.keySet());
        assertThat(always.keySet()).doesNotContainAnyElementsOf(OPTIONAL_BY_DESIGN.keySet());
        assertThat(optional.keySet()).doesNotContainAnyElementsOf(OPTIONAL_BY_DESIGN.keySet());
        assertThat(host.keySet()).doesNotContainAnyElementsOf(namedByCode);
    }

    @Test
    void theFunctionAppGetsAllThreeMapsWithUnsetOptionalSettingsLeftOut() {
        String appSettings =
                hcl.locals(AzureStack.MODULE).get("app_settings").asText().replaceAll("\\s+", " ");
        assertThat(appSettings)
                .isEqualTo("${merge( local.host_settings, local.airs_settings, { for name, value in"
                        + " local.airs_optional_settings : name => value if value != null }, )}");
        JsonNode app = hcl.blocks(AzureStack.MODULE, "resource", "azurerm_linux_function_app")
                .get("airs");
        assertThat(app.path("app_settings").asText()).isEqualTo("${local.app_settings}");
        // Values of optional settings must be known at plan time: variables, or a condition on one.
        optional.forEach((name, value) -> assertThat(value).as(name).startsWith("${var."));
    }

    @Test
    void valuesComeFromTheResourcesTheyName() {
        assertThat(always)
                .containsEntry(AzureSettings.APPCONFIG_ENDPOINT, "${azurerm_app_configuration.airs.endpoint}")
                .containsEntry(AzureSettings.APPCONFIG_POLICY_KEY, "${azurerm_app_configuration_key.policy.key}")
                .containsEntry(
                        AzureSettings.STORAGE_QUEUE_URI, "${azurerm_storage_account.airs.primary_queue_endpoint}")
                .containsEntry(
                        AzureSettings.STORAGE_TABLE_URI, "${azurerm_storage_account.airs.primary_table_endpoint}")
                .containsEntry(AzureSettings.STORAGE_CONNECTION + "__credential", "managedidentity")
                .containsEntry(AzureSettings.ESCALATION_QUEUE_PREFIX, "${var.escalation_queue_prefix}")
                .containsEntry(AzureSettings.DECISION_QUEUE, "${azurerm_storage_queue.queue[\"decisions\"].name}")
                .containsEntry(AzureSettings.JUDGE_QUEUE, "${azurerm_storage_queue.queue[\"judge\"].name}")
                .containsEntry(AzureSettings.TICKET_TABLE, "${azurerm_storage_table.table[\"tickets\"].name}")
                .containsEntry(AzureSettings.TRIP_TABLE, "${azurerm_storage_table.table[\"trips\"].name}")
                .containsEntry(AzureSettings.OPENAI_ENDPOINT, "${local.openai_endpoint}")
                .containsEntry(AzureSettings.FLAG_CACHE_SECONDS, "${tostring(var.flag_cache_seconds)}")
                .containsEntry(AzureSettings.OPENAI_TIMEOUT_MS, "${tostring(var.openai_timeout_ms)}")
                .containsEntry(AzureSettings.JUDGE_API_VERSION, "${var.judge_api_version}")
                .containsEntry(AzureSettings.SWEEP_SCHEDULE, "${var.sweep_schedule}");
        assertThat(optional)
                .containsEntry(AzureSettings.APPCONFIG_LABEL, "${var.app_configuration_label}")
                .containsEntry(AzureSettings.JUDGE_DEPLOYMENT, "${var.judge_deployment_name}");
        assertThat(optional.get(AzureSettings.CONTENT_SAFETY_ENDPOINT))
                .startsWith("${var.content_safety_enabled ? ")
                .endsWith(" : null}");
        assertThat(host).containsEntry("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "Authorization=AAD");
    }

    @Test
    void defaultsAreTheCodesDefaults() {
        Map<String, JsonNode> variables = hcl.blocks(AzureStack.MODULE, "variable");
        DEFAULTS.forEach((constant, variable) -> {
            JsonNode body = variables.get(variable);
            assertThat(body).as("variable " + variable).isNotNull();
            assertThat(body.path("default").asText())
                    .as(variable + " defaults to AzureSettings." + constant)
                    .isEqualTo(String.valueOf(AzureStack.defaultValue(constant)));
        });
        assertThat(DEFAULTS.keySet()).as("every DEFAULT_ constant is checked").containsAll(AzureStack.defaultNames());
    }

    @Test
    void noSettingHoldsASecret() {
        for (Map<String, String> map : List.of(always, optional, host)) {
            map.forEach((name, value) -> assertThat(value)
                    .as(name)
                    .doesNotContainPattern(
                            "(?i)(access_key|connection_string|primary_key|secondary_key|instrumentation_key|secret|password|\\bsas\\b)")
                    .doesNotContainPattern("AccountKey|SharedAccessSignature"));
        }
    }
}

package io.airs.azure.infra;

import static io.airs.testkit.terraform.TerraformFiles.block;
import static io.airs.testkit.terraform.TerraformFiles.plain;
import static org.assertj.core.api.Assertions.assertThat;

import io.airs.testkit.terraform.TerraformFiles;
import io.airs.testkit.terraform.TerraformStackContract;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Azure stack in {@code infra/azure} read by hcl4j, without a terraform binary: every file parses
 * and is laid out as {@code terraform fmt} writes it; the module declares every piece of the
 * deployment; the function app is a Java 21 Linux app on Functions 4 with its own identity and no
 * secret; variables are typed, described and validated; outputs are described; the example calls the
 * module with what it requires.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TerraformAzureTest implements TerraformStackContract {

    /** Variables whose values are constrained by Azure or by the code, so they must be validated. */
    private static final Set<String> VALIDATED = Set.of(
            "name",
            "service_plan_sku",
            "storage_replication_type",
            "escalation_queue_prefix",
            "decision_queue_name",
            "judge_queue_name",
            "ticket_table_name",
            "trip_table_name",
            "app_configuration_sku",
            "app_configuration_label",
            "policy_file",
            "policy_key",
            "kill_switch_endpoints",
            "kill_switch_agents",
            "kill_switch_tools",
            "flag_cache_seconds",
            "openai_account_id",
            "openai_deployments",
            "rai_policy_file",
            "judge_deployment_name",
            "judge_api_version",
            "openai_timeout_ms",
            "content_safety_sku",
            "sweep_schedule",
            "log_retention_days");

    private TerraformFiles module;
    private TerraformFiles example;

    @BeforeAll
    void parseStack() throws IOException {
        module = TerraformFiles.load(AzureStack.infra().resolve(AzureStack.MODULE));
        example = TerraformFiles.load(AzureStack.infra().resolve(AzureStack.EXAMPLE));
    }

    @Override
    public Path infra() {
        return AzureStack.infra();
    }

    @Test
    void moduleDeclaresEveryPieceOfTheDeployment() {
        assertThat(module.resources().keySet())
                .containsExactlyInAnyOrder(
                        "azurerm_resource_group",
                        "azurerm_storage_account",
                        "azurerm_storage_queue",
                        "azurerm_storage_table",
                        "azurerm_app_configuration",
                        "azurerm_app_configuration_feature",
                        "azurerm_app_configuration_key",
                        "azurerm_cognitive_account",
                        "azurerm_cognitive_account_rai_policy",
                        "azurerm_cognitive_deployment",
                        "azurerm_log_analytics_workspace",
                        "azurerm_application_insights",
                        "azurerm_service_plan",
                        "azurerm_linux_function_app",
                        "azurerm_role_assignment");
        assertThat(module.resources("azurerm_storage_queue")).containsOnlyKeys("queue", "poison");
        assertThat(module.resources("azurerm_cognitive_account")).containsOnlyKeys("openai", "content_safety");
        assertThat(module.resources("azurerm_role_assignment"))
                .containsOnlyKeys("function", "deployer_app_configuration");
    }

    @Test
    void bothStacksNeedTerraform16AndAzurerm4() {
        for (TerraformFiles files : List.of(module, example)) {
            assertThat(files.source("versions.tf"))
                    .as(files.dir() + "/versions.tf")
                    .contains("required_version = \">= 1.6.0\"")
                    .containsPattern("source += \"hashicorp/azurerm\"")
                    .containsPattern("version += \"~> 4\\.77\"");
        }
    }

    @Test
    void functionAppIsALinuxJava21AppOnFunctions4WithItsOwnIdentity() {
        Map<String, Object> app = module.resources("azurerm_linux_function_app").get("airs");
        assertThat(app).isNotNull();
        assertThat(app.get("functions_extension_version")).isEqualTo("~4");
        assertThat(app.get("https_only")).isEqualTo(true);
        assertThat(app.get("builtin_logging_enabled")).isEqualTo(false);
        assertThat(app.get("ftp_publish_basic_authentication_enabled")).isEqualTo(false);
        assertThat(plain(app.get("app_settings"))).isEqualTo("local.app_settings");
        assertThat(block(app, "identity")).containsEntry("type", "SystemAssigned");
        Map<String, Object> site = block(app, "site_config");
        assertThat(site).containsEntry("always_on", true).containsEntry("ftps_state", "Disabled");
        assertThat(plain(site.get("application_insights_connection_string")))
                .isEqualTo("azurerm_application_insights.airs.connection_string");
        assertThat(block(site, "application_stack")).containsEntry("java_version", "21");

        Map<String, Object> plan = module.resources("azurerm_service_plan").get("airs");
        assertThat(plan).containsEntry("os_type", "Linux");
        assertThat(plain(plan.get("sku_name"))).isEqualTo("var.service_plan_sku");
        assertThat(plain(app.get("service_plan_id"))).isEqualTo("azurerm_service_plan.airs.id");
    }

    @Test
    void hostStorageIsReachedWithTheManagedIdentity() {
        Map<String, Object> app = module.resources("azurerm_linux_function_app").get("airs");
        // AzureWebJobsStorage__accountName, set by the provider: no connection string, no key.
        assertThat(plain(app.get("storage_account_name"))).isEqualTo("azurerm_storage_account.airs.name");
        assertThat(app.get("storage_uses_managed_identity")).isEqualTo(true);
        assertThat(app).doesNotContainKeys("storage_account_access_key", "storage_key_vault_secret_id");
    }

    @Test
    void nothingAcceptsKeysAndNoSecretIsRead() {
        assertThat(module.resources("azurerm_storage_account").get("airs"))
                .containsEntry("shared_access_key_enabled", false)
                .containsEntry("allow_nested_items_to_be_public", false)
                .containsEntry("https_traffic_only_enabled", true)
                .containsEntry("min_tls_version", "TLS1_2");
        assertThat(module.resources("azurerm_app_configuration").get("airs"))
                .containsEntry("local_auth_enabled", false);
        module.resources("azurerm_cognitive_account")
                .forEach((name, account) -> assertThat(account)
                        .as(name)
                        .containsEntry("local_auth_enabled", false)
                        .containsKey("custom_subdomain_name"));
        assertThat(module.resources("azurerm_application_insights").get("airs"))
                .containsEntry("local_authentication_disabled", true);
        // No key, connection string or SAS of any resource is read anywhere in the module.
        for (var source : module.sources().entrySet()) {
            assertThat(source.getValue())
                    .as(source.getKey().toString())
                    .doesNotContainPattern(
                            "\\.(primary|secondary)_(access_key|connection_string|blob_connection_string)")
                    .doesNotContainPattern("(primary|secondary)_(read|write)_key")
                    .doesNotContainPattern("\\.instrumentation_key")
                    .doesNotContain("sas")
                    .doesNotContain("storage_account_access_key");
        }
    }

    @Test
    void openAiAccountIsCreatedOrGivenAndContentSafetyIsOptional() {
        Map<String, Object> openai =
                module.resources("azurerm_cognitive_account").get("openai");
        assertThat(openai).containsEntry("kind", "OpenAI");
        assertThat(module.source("openai.tf")).contains("count = var.openai_account_id == null ? 1 : 0");
        Map<String, Object> safety =
                module.resources("azurerm_cognitive_account").get("content_safety");
        assertThat(safety).containsEntry("kind", "ContentSafety");
        assertThat(module.source("openai.tf")).contains("count = var.content_safety_enabled ? 1 : 0");
        assertThat(module.data("azurerm_cognitive_account")).containsKey("existing");
        assertThat(module.variables().get("content_safety_enabled")).containsEntry("default", false);
        assertThat(module.variables().get("openai_account_id")).containsKey("default");
    }

    @Test
    void everyVariableIsTypedAndDescribed() {
        assertThat(TerraformFiles.untypedOrUndescribed(List.of(module, example)))
                .isEmpty();
        assertThat(module.variables()).hasSizeGreaterThan(25);
    }

    @Test
    void constrainedVariablesAreValidated() {
        assertThat(module.unvalidated(VALIDATED)).isEmpty();
    }

    @Test
    void everyOutputIsDescribed() {
        for (TerraformFiles files : List.of(module, example)) {
            assertThat(files.outputs()).isNotEmpty();
            files.outputs()
                    .forEach((name, output) -> assertThat(output)
                            .as(files.dir().getFileName() + "/" + name)
                            .containsKeys("description", "value"));
        }
        assertThat(module.outputs())
                .containsKeys(
                        "function_app_name",
                        "function_app_hostname",
                        "filter_endpoint",
                        "evaluate_url",
                        "escalation_decision_url",
                        "escalation_queue_names",
                        "decision_queue_name",
                        "judge_queue_name",
                        "poison_queue_names",
                        "ticket_table_name",
                        "trip_table_name",
                        "app_configuration_endpoint",
                        "kill_switch_flags",
                        "rai_policy_name",
                        "openai_endpoint");
        // Every output of the example passes one of the module's through.
        example.outputs()
                .forEach((name, output) -> assertThat(plain(output.get("value")))
                        .as(name)
                        .asString()
                        .startsWith("module.airs.")
                        .satisfies(value -> assertThat(module.outputs())
                                .containsKey(value.toString().substring("module.airs.".length()))));
    }

    @Test
    void exampleCallsTheModuleWithEveryRequiredVariable() {
        Map<String, Object> call = example.modules().get("airs");
        assertThat(call).containsEntry("source", "../../modules/airs");
        Set<String> required = new TreeSet<>();
        module.variables().forEach((name, variable) -> {
            if (!variable.containsKey("default")) {
                required.add(name);
            }
        });
        assertThat(required).containsExactlyInAnyOrder("name", "location", "policy_file", "rai_policy_file");
        assertThat(call.keySet()).containsAll(required);
        assertThat(call.keySet())
                .allMatch(key -> key.equals("source") || module.variables().containsKey(key));
        assertThat(example.variables().get("rai_policy_file")).containsEntry("default", "rai-policy.json");
        Path policy = example.dir()
                .resolve((String) example.variables().get("policy_file").get("default"))
                .normalize();
        assertThat(policy).as("the example's default policy").isRegularFile();
        Map<String, Object> provider = block(providers(), "azurerm");
        assertThat(provider).containsEntry("storage_use_azuread", true);
    }

    private Map<String, Object> providers() {
        return TerraformFiles.parse(example.dir().resolve("main.tf")).entrySet().stream()
                .filter(e -> e.getKey().equals("provider"))
                .map(e -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> value = (Map<String, Object>) e.getValue();
                    return value;
                })
                .findFirst()
                .orElseThrow(() -> new AssertionError("examples/complete declares no provider"));
    }
}

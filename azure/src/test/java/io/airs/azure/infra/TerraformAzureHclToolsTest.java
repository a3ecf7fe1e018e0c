package io.airs.azure.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airs.core.oversight.Severity;
import io.airs.testkit.terraform.HclStackContract;
import io.airs.testkit.terraform.HclTools;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Terraform in {@code infra/azure} read by HashiCorp's own HCL code ({@code @cdktf/hcl2json} and
 * {@code @cdktf/hcl-tools} under {@code node}): every file parses as Terraform parses it and is
 * exactly what {@code terraform fmt} writes; every role is granted on the one resource that needs it;
 * every queue the code uses exists with its poison queue, and both tables exist; the Azure OpenAI
 * content filter is built from the compiled JSON; the kill switches and the policy key are where the
 * code reads them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TerraformAzureHclToolsTest implements HclStackContract {

    private static final String MODULE = AzureStack.MODULE;

    private static final Pattern MAIN_QUEUE =
            Pattern.compile("\\$\\{azurerm_storage_queue\\.queue\\[\"([a-z_]+)\"]\\.id}");
    private static final Pattern ANY_QUEUE =
            Pattern.compile("\\$\\{azurerm_storage_queue\\.(queue|poison)\\[\"([a-z_]+)\"]\\.id}");
    private static final Pattern TABLE = Pattern.compile("\\$\\{azurerm_storage_table\\.table\\[\"([a-z_]+)\"]\\.id}");
    private static final Pattern STORAGE_ACCOUNT = Pattern.compile("\\$\\{azurerm_storage_account\\.airs\\.id}");
    private static final Pattern APP_CONFIGURATION = Pattern.compile("\\$\\{azurerm_app_configuration\\.airs\\.id}");
    private static final Pattern OPENAI = Pattern.compile("\\$\\{local\\.openai_account_id}");
    private static final Pattern CONTENT_SAFETY =
            Pattern.compile("\\$\\{one\\(azurerm_cognitive_account\\.content_safety\\[\\*]\\.id\\)}");
    private static final Pattern INSIGHTS = Pattern.compile("\\$\\{azurerm_application_insights\\.airs\\.id}");

    /** The roles the function app may hold, each with the only kind of resource it may be granted on. */
    private static final Map<String, Pattern> FUNCTION_ROLES = Map.of(
            "Storage Queue Data Message Sender", ANY_QUEUE,
            "Storage Queue Data Message Processor", MAIN_QUEUE,
            "Storage Queue Data Reader", MAIN_QUEUE,
            "Storage Table Data Contributor", TABLE,
            "Storage Blob Data Owner", STORAGE_ACCOUNT,
            "App Configuration Data Reader", APP_CONFIGURATION,
            "Cognitive Services OpenAI User", OPENAI,
            "Cognitive Services User", CONTENT_SAFETY,
            "Monitoring Metrics Publisher", INSIGHTS);

    /** The one role the principal running Terraform is given, and where. */
    private static final Map<String, Pattern> DEPLOYER_ROLES =
            Map.of("App Configuration Data Owner", APP_CONFIGURATION);

    private HclTools hcl;

    @BeforeAll
    void runHclTools() throws IOException, InterruptedException {
        hcl = HclTools.run(AzureStack.infra(), AzureStack.azureModule());
    }

    @Override
    public HclTools hcl() {
        return hcl;
    }

    @Override
    public Path infra() {
        return AzureStack.infra();
    }

    // ---- roles ----

    @Test
    void functionAppHoldsExactlyTheGrantsOfItsTwoRoleMaps() {
        Map<String, JsonNode> locals = hcl.locals(MODULE);
        assertThat(normalized(locals.get("function_roles").asText()))
                .isEqualTo("${merge( local.function_roles_always, { for name, grant in local.function_roles_optional"
                        + " : name => grant if grant.enabled }, )}");
        JsonNode assignment = resource("azurerm_role_assignment", "function");
        assertThat(assignment.path("for_each").asText()).isEqualTo("${local.function_roles}");
        assertThat(assignment.path("scope").asText()).isEqualTo("${each.value.scope}");
        assertThat(assignment.path("role_definition_name").asText()).isEqualTo("${each.value.role}");
        assertThat(assignment.path("description").asText()).isEqualTo("${each.value.why}");
        assertThat(assignment.path("principal_id").asText())
                .isEqualTo("${azurerm_linux_function_app.airs.identity[0].principal_id}");
        assertThat(assignment.path("principal_type").asText()).isEqualTo("ServicePrincipal");
        locals.get("function_roles_optional")
                .properties()
                .forEach(grant -> assertThat(grant.getValue().path("enabled").asText())
                        .as(grant.getKey() + " is granted only when its piece is deployed")
                        .matches("\\$\\{var\\.[a-z_]+_enabled}"));
    }

    @Test
    void everyGrantIsOnOneResourceWithARoleMeantForThatKindOfResource() {
        Map<String, JsonNode> grants = functionGrants();
        assertThat(grants).isNotEmpty();
        List<String> problems = new ArrayList<>();
        grants.forEach((name, grant) -> {
            String role = grant.path("role").asText();
            String scope = grant.path("scope").asText();
            Pattern allowed = FUNCTION_ROLES.get(role);
            if (allowed == null) {
                problems.add(name + ": role " + role + " is not one the function app may hold");
            } else if (!allowed.matcher(scope).matches()) {
                problems.add(name + ": " + role + " on " + scope);
            }
            if (grant.path("why").asText().isBlank()) {
                problems.add(name + ": no reason given");
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void theFunctionsCanReachWhatTheyUseAndNothingMore() {
        Set<String> expected = new TreeSet<>();
        for (Severity severity : Severity.values()) {
            expected.add("Storage Queue Data Message Sender on queue escalations_" + severity.wireName());
        }
        for (String consumed : List.of("decisions", "judge")) {
            expected.add("Storage Queue Data Reader on queue " + consumed);
            expected.add("Storage Queue Data Message Processor on queue " + consumed);
            expected.add("Storage Queue Data Message Sender on queue " + consumed);
            expected.add("Storage Queue Data Message Sender on poison " + consumed);
        }
        expected.add("Storage Table Data Contributor on table tickets");
        expected.add("Storage Table Data Contributor on table trips");
        expected.add("Storage Blob Data Owner on the storage account");
        expected.add("App Configuration Data Reader on the App Configuration store");
        expected.add("Cognitive Services OpenAI User on the Azure OpenAI account");
        expected.add("Cognitive Services User on the Content Safety account");
        expected.add("Monitoring Metrics Publisher on Application Insights");

        Set<String> granted = new TreeSet<>();
        functionGrants().values().forEach(grant -> granted.add(describe(grant)));
        assertThat(granted).isEqualTo(expected);
    }

    @Test
    void theOnlyOtherAssignmentIsTheDeployersDataOwnerRoleOnTheStore() {
        int others = 0;
        for (String dir : hcl.directories()) {
            for (var assignment :
                    hcl.blocks(dir, "resource", "azurerm_role_assignment").entrySet()) {
                if (dir.equals(MODULE) && assignment.getKey().equals("function")) {
                    continue;
                }
                others++;
                JsonNode body = assignment.getValue();
                String where = dir + "/azurerm_role_assignment." + assignment.getKey();
                String role = body.path("role_definition_name").asText();
                assertThat(DEPLOYER_ROLES).as(where).containsKey(role);
                assertThat(body.path("scope").asText()).as(where).matches(DEPLOYER_ROLES.get(role));
                assertThat(body.path("principal_id").asText())
                        .as(where)
                        .isEqualTo("${data.azurerm_client_config.current.object_id}");
                assertThat(body.path("count").asText())
                        .as(where)
                        .isEqualTo("${var.grant_deployer_app_configuration_data_owner ? 1 : 0}");
            }
        }
        assertThat(others).isEqualTo(1);
    }

    @Test
    void noRoleNamesTheResourceGroupOrTheSubscription() {
        for (JsonNode file : hcl.files()) {
            String text = file.path("parsed").toString();
            assertThat(text)
                    .as(file.path("path").asText())
                    .doesNotContainPattern(
                            "scope\"?\\s*[:=]\\s*\"\\$\\{(azurerm_resource_group|data\\.azurerm_subscription)")
                    .doesNotContain("\"Owner\"")
                    .doesNotContain("\"Contributor\"")
                    .doesNotContain("User Access Administrator");
        }
        // The existing account a deployment may pass in is an account, never a wider scope.
        JsonNode variable = hcl.blocks(MODULE, "variable").get("openai_account_id");
        assertThat(variable.path("validation").path(0).path("condition").asText())
                .contains(
                        "^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft.CognitiveServices/accounts/[^/]+$");
        assertThat(normalized(hcl.locals(MODULE).get("openai_account_id").asText()))
                .isEqualTo("${var.openai_account_id == null ? one(azurerm_cognitive_account.openai[*].id)"
                        + " : var.openai_account_id}");
    }

    // ---- queues and tables ----

    @Test
    void everyQueueTheCodeUsesExistsWithItsPoisonQueue() {
        Map<String, JsonNode> locals = hcl.locals(MODULE);
        List<String> severities = new ArrayList<>();
        locals.get("severities").forEach(s -> severities.add(s.asText()));
        assertThat(severities)
                .as("the core's severities, most urgent first")
                .containsExactlyElementsOf(
                        Arrays.stream(Severity.values()).map(Severity::wireName).toList());
        assertThat(normalized(locals.get("queues").asText()))
                .isEqualTo("${merge( { for s in local.severities : format(\"escalations_%s\", s) =>"
                        + " format(\"%s-%s\", var.escalation_queue_prefix, s) }, { decisions = var.decision_queue_name"
                        + " judge = var.judge_queue_name }, )}");

        JsonNode queue = resource("azurerm_storage_queue", "queue");
        assertThat(queue.path("for_each").asText()).isEqualTo("${local.queues}");
        assertThat(queue.path("name").asText()).isEqualTo("${each.value}");
        assertThat(queue.path("storage_account_id").asText()).isEqualTo("${azurerm_storage_account.airs.id}");
        JsonNode poison = resource("azurerm_storage_queue", "poison");
        assertThat(poison.path("for_each").asText())
                .as("one poison queue per queue")
                .isEqualTo("${local.queues}");
        assertThat(poison.path("name").asText())
                .as("the name the Functions host uses")
                .isEqualTo("${format(\"%s-poison\", each.value)}");
        assertThat(poison.path("storage_account_id").asText()).isEqualTo("${azurerm_storage_account.airs.id}");

        // With the defaults, the queues are exactly the ones the code names.
        String prefix = defaultOf("escalation_queue_prefix");
        assertThat(prefix).isEqualTo(AzureStack.defaultValue("DEFAULT_ESCALATION_QUEUE_PREFIX"));
        assertThat(defaultOf("decision_queue_name")).isEqualTo(AzureStack.defaultValue("DEFAULT_DECISION_QUEUE"));
        assertThat(defaultOf("judge_queue_name")).isEqualTo(AzureStack.defaultValue("DEFAULT_JUDGE_QUEUE"));
        Set<String> deployed = new TreeSet<>();
        severities.forEach(s -> deployed.add(prefix + "-" + s));
        deployed.add(defaultOf("decision_queue_name"));
        deployed.add(defaultOf("judge_queue_name"));
        Set<String> withPoison = new TreeSet<>(deployed);
        deployed.forEach(q -> withPoison.add(q + "-poison"));
        assertThat(withPoison)
                .hasSize(12)
                .contains(
                        "airs-escalations-critical",
                        "airs-escalations-sampling-poison",
                        "airs-decisions",
                        "airs-decisions-poison",
                        "airs-judge",
                        "airs-judge-poison")
                .allMatch(q -> q.matches("[a-z0-9](?:[a-z0-9]|-(?!-)){2,62}"), "a valid Storage queue name");
    }

    @Test
    void bothTablesExist() {
        JsonNode tables = hcl.locals(MODULE).get("tables");
        assertThat(tables.path("tickets").asText()).isEqualTo("${var.ticket_table_name}");
        assertThat(tables.path("trips").asText()).isEqualTo("${var.trip_table_name}");
        assertThat(tables.size()).isEqualTo(2);
        JsonNode table = resource("azurerm_storage_table", "table");
        assertThat(table.path("for_each").asText()).isEqualTo("${local.tables}");
        assertThat(table.path("name").asText()).isEqualTo("${each.value}");
        assertThat(table.path("storage_account_id").asText()).isEqualTo("${azurerm_storage_account.airs.id}");
        assertThat(defaultOf("ticket_table_name")).isEqualTo(AzureStack.defaultValue("DEFAULT_TICKET_TABLE"));
        assertThat(defaultOf("trip_table_name")).isEqualTo(AzureStack.defaultValue("DEFAULT_TRIP_TABLE"));
    }

    // ---- Azure OpenAI content filter ----

    @Test
    void raiPolicyIsBuiltFromTheCompiledJsonAndUsedByEveryDeployment() {
        Map<String, JsonNode> locals = hcl.locals(MODULE);
        assertThat(locals.get("rai_policy").asText()).isEqualTo("${jsondecode(file(var.rai_policy_file))}");
        assertThat(locals.get("rai_content_filters").asText())
                .isEqualTo("${try(local.rai_policy.properties.contentFilters, [])}");
        JsonNode policy = resource("azurerm_cognitive_account_rai_policy", "airs");
        assertThat(policy.path("name").asText()).isEqualTo("${local.rai_policy.name}");
        assertThat(policy.path("cognitive_account_id").asText()).isEqualTo("${local.openai_account_id}");
        assertThat(policy.path("base_policy_name").asText()).isEqualTo("${local.rai_policy.properties.basePolicyName}");
        assertThat(policy.path("mode").asText()).isEqualTo("${try(local.rai_policy.properties.mode, null)}");
        JsonNode filters = policy.path("dynamic").path("content_filter").path(0);
        assertThat(filters.path("for_each").asText()).isEqualTo("${local.rai_content_filters}");
        JsonNode content = filters.path("content").path(0);
        assertThat(content.path("name").asText()).isEqualTo("${content_filter.value.name}");
        assertThat(content.path("filter_enabled").asText()).isEqualTo("${content_filter.value.enabled}");
        assertThat(content.path("block_enabled").asText()).isEqualTo("${content_filter.value.blocking}");
        assertThat(content.path("severity_threshold").asText())
                .isEqualTo("${try(content_filter.value.severityThreshold, \"High\")}");
        assertThat(content.path("source").asText()).isEqualTo("${content_filter.value.source}");

        JsonNode deployment = resource("azurerm_cognitive_deployment", "deployment");
        assertThat(deployment.path("rai_policy_name").asText())
                .isEqualTo("${azurerm_cognitive_account_rai_policy.airs.name}");
        assertThat(deployment.path("cognitive_account_id").asText()).isEqualTo("${local.openai_account_id}");
        assertThat(hcl.blocks(MODULE, "check"))
                .as("a compiled policy with custom blocklists warns that azurerm cannot attach them")
                .containsKey("rai_policy_custom_blocklists");
    }

    @Test
    void exampleRaiPolicyHasTheShapeOfTheArmBody() throws IOException {
        JsonNode example = hcl.blocks(AzureStack.EXAMPLE, "variable").get("rai_policy_file");
        Path file = AzureStack.infra()
                .resolve(AzureStack.EXAMPLE)
                .resolve(example.path("default").asText());
        JsonNode policy = new ObjectMapper().readTree(file.toFile());
        assertThat(policy.path("name").asText()).matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
        JsonNode properties = policy.path("properties");
        assertThat(properties.path("basePolicyName").asText()).startsWith("Microsoft.");
        if (properties.has("mode")) {
            assertThat(properties.path("mode").asText()).isIn("Default", "Deferred", "Blocking", "Asynchronous_filter");
        }
        if (properties.has("customBlocklists")) {
            assertThat(properties.path("customBlocklists").isArray()).isTrue();
        }
        JsonNode filters = properties.path("contentFilters");
        assertThat(filters.isArray() && !filters.isEmpty()).isTrue();
        Set<String> covered = new TreeSet<>();
        for (JsonNode filter : filters) {
            assertThat(filter.path("name").isTextual()).as(filter.toString()).isTrue();
            assertThat(filter.path("enabled").isBoolean()).as(filter.toString()).isTrue();
            assertThat(filter.path("blocking").isBoolean())
                    .as(filter.toString())
                    .isTrue();
            assertThat(filter.path("source").asText()).as(filter.toString()).isIn("Prompt", "Completion");
            if (filter.has("severityThreshold")) {
                assertThat(filter.path("severityThreshold").asText())
                        .as(filter.toString())
                        .isIn("Low", "Medium", "High");
            }
            covered.add(
                    filter.path("name").asText() + "/" + filter.path("source").asText());
        }
        assertThat(covered)
                .as("each filter once per source")
                .hasSameSizeAs(filters)
                .contains("Hate/Prompt", "Hate/Completion", "Jailbreak/Prompt");
    }

    // ---- App Configuration ----

    @Test
    void killSwitchesAreFeatureFlagsNamedByScopeThatStartOffAndStayAsPeopleSetThem() {
        assertThat(normalized(hcl.locals(MODULE).get("kill_switches").asText()))
                .startsWith("${merge( { \"kill-global\" = ")
                .contains("{ for e in var.kill_switch_endpoints : format(\"kill-endpoint-%s\", e) => ")
                .contains("{ for a in var.kill_switch_agents : format(\"kill-agent-%s\", a) => ")
                .contains("{ for t in var.kill_switch_tools : format(\"kill-tool-%s\", t) => ");
        JsonNode flag = resource("azurerm_app_configuration_feature", "kill_switch");
        assertThat(flag.path("for_each").asText()).isEqualTo("${local.kill_switches}");
        assertThat(flag.path("name").asText()).isEqualTo("${each.key}");
        assertThat(flag.path("label").asText()).isEqualTo("${var.app_configuration_label}");
        assertThat(flag.path("configuration_store_id").asText()).isEqualTo("${azurerm_app_configuration.airs.id}");
        assertThat(flag.path("enabled").asBoolean(true)).isFalse();
        assertThat(flag.path("lifecycle").path(0).path("ignore_changes").toString())
                .isEqualTo("[\"${enabled}\"]");
        assertThat(flag.path("depends_on").toString())
                .isEqualTo("[\"${azurerm_role_assignment.deployer_app_configuration}\"]");

        // The example switches endpoints it deploys.
        JsonNode call = hcl.blocks(AzureStack.EXAMPLE, "module").get("airs");
        List<String> deployments = new ArrayList<>();
        call.path("openai_deployments").fieldNames().forEachRemaining(deployments::add);
        assertThat(call.path("kill_switch_endpoints")).isNotEmpty();
        call.path("kill_switch_endpoints").forEach(e -> assertThat(deployments).contains(e.asText()));
        assertThat(deployments).contains(call.path("judge_deployment_name").asText());
    }

    @Test
    void policyIsAKeyOfTheStoreWithTheSameLabel() {
        JsonNode key = resource("azurerm_app_configuration_key", "policy");
        assertThat(key.path("key").asText()).isEqualTo("${var.policy_key}");
        assertThat(key.path("value").asText()).isEqualTo("${file(var.policy_file)}");
        assertThat(key.path("label").asText()).isEqualTo("${var.app_configuration_label}");
        assertThat(key.path("type").asText()).isEqualTo("kv");
        assertThat(key.path("configuration_store_id").asText()).isEqualTo("${azurerm_app_configuration.airs.id}");
        assertThat(key.path("depends_on").toString())
                .isEqualTo("[\"${azurerm_role_assignment.deployer_app_configuration}\"]");
    }

    // ---- helpers ----

    private JsonNode resource(String type, String name) {
        JsonNode body = hcl.blocks(MODULE, "resource", type).get(name);
        assertThat(body).as(type + "." + name).isNotNull();
        return body;
    }

    private String defaultOf(String variable) {
        JsonNode body = hcl.blocks(MODULE, "variable").get(variable);
        assertThat(body).as("variable " + variable).isNotNull();
        return body.path("default").asText();
    }

    /** Every grant of the function app's identity, always-on and optional, by key. */
    private Map<String, JsonNode> functionGrants() {
        Map<String, JsonNode> locals = hcl.locals(MODULE);
        Map<String, JsonNode> grants = new LinkedHashMap<>();
        for (String map : List.of("function_roles_always", "function_roles_optional")) {
            JsonNode node = locals.get(map);
            assertThat(node).as("local." + map).isNotNull();
            assertThat(node.isObject()).as("local." + map + " is a literal map").isTrue();
            node.properties().forEach(e -> {
                if (grants.put(e.getKey(), e.getValue()) != null) {
                    throw new AssertionError("grant " + e.getKey() + " declared twice");
                }
            });
        }
        return grants;
    }

    private static String describe(JsonNode grant) {
        String role = grant.path("role").asText();
        String scope = grant.path("scope").asText();
        var queue = ANY_QUEUE.matcher(scope);
        if (queue.matches()) {
            return role + " on " + queue.group(1) + " " + queue.group(2);
        }
        var table = TABLE.matcher(scope);
        if (table.matches()) {
            return role + " on table " + table.group(1);
        }
        Map<Pattern, String> singles = Map.of(
                STORAGE_ACCOUNT, "the storage account",
                APP_CONFIGURATION, "the App Configuration store",
                OPENAI, "the Azure OpenAI account",
                CONTENT_SAFETY, "the Content Safety account",
                INSIGHTS, "Application Insights");
        for (var single : singles.entrySet()) {
            if (single.getKey().matcher(scope).matches()) {
                return role + " on " + single.getValue();
            }
        }
        return role + " on " + scope;
    }

    private static String normalized(String expression) {
        return expression.replaceAll("\\s+", " ").trim();
    }
}

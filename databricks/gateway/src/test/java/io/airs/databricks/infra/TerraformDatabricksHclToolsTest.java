package io.airs.databricks.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airs.databricks.tables.Tables;
import io.airs.testkit.terraform.HclStackContract;
import io.airs.testkit.terraform.HclTools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Terraform in {@code infra/databricks} read by HashiCorp's own HCL code ({@code @cdktf/hcl2json}
 * and {@code @cdktf/hcl-tools} under {@code node}): every file parses as Terraform parses it and is
 * exactly what {@code terraform fmt} writes; the AI Gateway block maps every field of the compiled
 * policy; the tables are the tables of {@link Tables}; the service principal holds only the grants
 * it needs; the judge job runs the right class from the volume on its schedule; the alert watches
 * the reviewers' query of pending escalations.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TerraformDatabricksHclToolsTest implements HclStackContract {

    private static final String MODULE = DatabricksStack.MODULE;
    private static final String EXAMPLE = DatabricksStack.EXAMPLE;
    private static final String SP = "${local.service_principal}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private HclTools hcl;

    @BeforeAll
    void runHclTools() throws IOException, InterruptedException {
        hcl = HclTools.run(DatabricksStack.infra(), DatabricksStack.gatewayModule());
    }

    @Override
    public HclTools hcl() {
        return hcl;
    }

    @Override
    public Path infra() {
        return DatabricksStack.infra();
    }

    // ---- AI Gateway ----

    @Test
    void exampleDeploysItsAiGatewayJson() {
        JsonNode call = hcl.blocks(EXAMPLE, "module").get("airs");
        assertThat(call.path("source").asText()).isEqualTo("../../modules/airs");
        assertThat(call.path("ai_gateway").asText()).isEqualTo("${jsondecode(file(var.ai_gateway_file))}");
        JsonNode file = hcl.blocks(EXAMPLE, "variable").get("ai_gateway_file");
        assertThat(file.path("default").asText()).isEqualTo("ai-gateway.json");
        assertThat(DatabricksStack.exampleAiGateway()).isRegularFile();
    }

    @Test
    void everyFieldOfTheExampleAiGatewayJsonIsMappedIntoTheEndpoint() throws IOException {
        JsonNode body = JSON.readTree(DatabricksStack.exampleAiGateway().toFile());
        List<String> mapped = new ArrayList<>();
        assertMapped(body, aiGatewayContent(), "ai_gateway.value", "", mapped);
        assertThat(mapped)
                .contains(
                        "guardrails.input.safety",
                        "guardrails.input.pii.behavior",
                        "guardrails.output.pii.behavior",
                        "usage_tracking_config.enabled",
                        "inference_table_config.catalog_name",
                        "inference_table_config.schema_name",
                        "inference_table_config.table_name_prefix",
                        "inference_table_config.enabled");
    }

    @Test
    void everyFieldTheApiAcceptsIsMappedIntoTheEndpoint() throws IOException {
        JsonNode body;
        try (InputStream in = getClass().getResourceAsStream("ai-gateway-every-field.json")) {
            assertThat(in).isNotNull();
            body = JSON.readTree(in);
        }
        List<String> mapped = new ArrayList<>();
        assertMapped(body, aiGatewayContent(), "ai_gateway.value", "", mapped);
        assertThat(mapped)
                .contains(
                        "guardrails.input.invalid_keywords",
                        "guardrails.input.valid_topics",
                        "guardrails.output.safety",
                        "rate_limits.calls",
                        "rate_limits.tokens",
                        "rate_limits.key",
                        "rate_limits.principal",
                        "rate_limits.renewal_period",
                        "fallback_config.enabled");
        // Every field the variable's type declares is one the mapping covers.
        String type =
                hcl.blocks(MODULE, "variable").get("ai_gateway").path("type").asText();
        Set<String> leaves = new TreeSet<>();
        mapped.forEach(m -> leaves.add(m.substring(m.lastIndexOf('.') + 1)));
        Matcher attribute = Pattern.compile("([a-z_]+)\\s*=").matcher(type);
        while (attribute.find()) {
            String name = attribute.group(1);
            boolean block = Set.of(
                            "guardrails",
                            "input",
                            "output",
                            "pii",
                            "rate_limits",
                            "usage_tracking_config",
                            "inference_table_config",
                            "fallback_config")
                    .contains(name);
            assertThat(block || leaves.contains(name))
                    .as("ai_gateway." + name + " is declared and mapped")
                    .isTrue();
        }
    }

    @Test
    void onlyTheGuardedEndpointGetsTheAiGatewayAndItsInferenceTableIsWhatTheJobReads() {
        JsonNode gateway = endpoint().path("dynamic").path("ai_gateway").path(0);
        assertThat(gateway.path("for_each").asText()).isEqualTo("${each.key == \"guarded\" ? [var.ai_gateway] : []}");
        Map<String, JsonNode> locals = hcl.locals(MODULE);
        assertThat(normalized(locals.get("inference_table_full_name").asText()))
                .isEqualTo("${format( \"%s.%s_payload\", local.inference_schema_full_name,"
                        + " var.ai_gateway.inference_table_config.table_name_prefix, )}");
        assertThat(locals.get("job_parameters").path("inference-table").asText())
                .isEqualTo("${local.inference_table_full_name}");
    }

    @Test
    void exampleAiGatewayJsonIsTheDefaultPolicyInTheShapeOfTheApiBody() throws IOException {
        JsonNode body = JSON.readTree(DatabricksStack.exampleAiGateway().toFile());
        assertThat(fieldNames(body))
                .isSubsetOf(
                        "guardrails",
                        "rate_limits",
                        "usage_tracking_config",
                        "inference_table_config",
                        "fallback_config");
        for (String stage : List.of("input", "output")) {
            JsonNode g = body.path("guardrails").path(stage);
            assertThat(fieldNames(g)).isSubsetOf("safety", "pii", "invalid_keywords", "valid_topics");
            assertThat(g.path("pii").path("behavior").asText()).as(stage).isEqualTo("MASK");
            // the default policy has no keywords or allowed topics: the compiler leaves the lists out
            assertThat(g.has("invalid_keywords")).isFalse();
            assertThat(g.has("valid_topics")).isFalse();
        }
        assertThat(body.path("guardrails").path("input").path("safety").asBoolean())
                .isTrue();
        assertThat(body.path("rate_limits").isArray()).isTrue();
        assertThat(body.path("usage_tracking_config").path("enabled").asBoolean())
                .isTrue();
        JsonNode table = body.path("inference_table_config");
        assertThat(fieldNames(table))
                .containsExactlyInAnyOrder("catalog_name", "schema_name", "table_name_prefix", "enabled");
        assertThat(table.path("enabled").asBoolean()).isTrue();
        Map<String, JsonNode> variables = hcl.blocks(EXAMPLE, "variable");
        assertThat(table.path("catalog_name").asText())
                .as("the inference table is in the example's catalog")
                .isEqualTo(variables.get("catalog_name").path("default").asText());
        assertThat(table.path("schema_name").asText())
                .as("and in the schema the example creates")
                .isEqualTo(variables.get("schema_name").path("default").asText());
        assertThat(table.path("table_name_prefix").asText()).matches("[A-Za-z0-9_][A-Za-z0-9_-]*");
    }

    // ---- tables ----

    @Test
    void tablesAreExactlyTheTablesOfTheCode() {
        JsonNode tables = hcl.locals(MODULE).get("tables");
        assertThat(tables).as("local.tables").isNotNull();
        assertThat(tables.size()).isEqualTo(Tables.ALL.size());
        Map<String, JsonNode> byName = new TreeMap<>();
        tables.forEach(t -> byName.put(t.path("name").asText(), t));
        List<String> drift = new ArrayList<>();
        for (Tables.Table table : Tables.ALL) {
            JsonNode tf = byName.get(table.name());
            if (tf == null) {
                drift.add(table.name() + ": missing");
                continue;
            }
            if (!tf.path("comment").asText().equals(table.comment())) {
                drift.add(table.name() + ": comment " + tf.path("comment"));
            }
            List<String> key = new ArrayList<>();
            tf.path("key").forEach(k -> key.add(k.asText()));
            if (!key.equals(table.key())) {
                drift.add(table.name() + ": key " + key);
            }
            List<Tables.Column> columns = new ArrayList<>();
            for (JsonNode c : tf.path("columns")) {
                assertThat(c.path("nullable").isBoolean())
                        .as(table.name() + "." + c.path("name"))
                        .isTrue();
                assertThat(fieldNames(c)).containsExactlyInAnyOrder("name", "type", "nullable", "comment");
                columns.add(new Tables.Column(
                        c.path("name").asText(),
                        c.path("type").asText(),
                        c.path("nullable").asBoolean(),
                        c.path("comment").asText()));
            }
            if (!columns.equals(table.columns())) {
                drift.add(
                        table.name() + ": columns differ\n  terraform " + columns + "\n  Tables    " + table.columns());
            }
        }
        assertThat(drift).isEmpty();
    }

    @Test
    void everyTableIsAManagedDeltaTableWithEveryColumnAsDeclared() {
        JsonNode table = resource("databricks_sql_table", "airs");
        assertThat(table.path("for_each").asText()).isEqualTo("${local.tables}");
        assertThat(table.path("name").asText()).isEqualTo("${each.value.name}");
        assertThat(table.path("comment").asText()).isEqualTo("${each.value.comment}");
        assertThat(table.path("catalog_name").asText()).isEqualTo("${var.catalog_name}");
        assertThat(table.path("schema_name").asText()).isEqualTo("${var.schema_name}");
        assertThat(table.path("table_type").asText()).isEqualTo("MANAGED");
        assertThat(table.path("warehouse_id").asText()).isEqualTo("${var.warehouse_id}");
        assertThat(table.path("cluster_keys").asText()).isEqualTo("${each.value.key}");
        JsonNode column = table.path("dynamic").path("column").path(0);
        assertThat(column.path("for_each").asText()).isEqualTo("${each.value.columns}");
        JsonNode content = column.path("content").path(0);
        for (String field : List.of("name", "type", "nullable", "comment")) {
            assertThat(content.path(field).asText()).as(field).isEqualTo("${column.value." + field + "}");
        }
        assertThat(fieldNames(content)).containsExactlyInAnyOrder("name", "type", "nullable", "comment");
    }

    // ---- grants and permissions ----

    @Test
    void theServicePrincipalHoldsExactlyTheGrantsItNeeds() {
        Map<String, String> granted = new TreeMap<>();
        hcl.blocks(MODULE, "resource", "databricks_grant").forEach((name, body) -> {
            if (body.path("principal").asText().equals(SP)) {
                granted.put("databricks_grant." + name, securable(body) + " " + body.path("privileges"));
            }
        });
        hcl.blocks(MODULE, "resource", "databricks_grants").forEach((name, body) -> {
            for (JsonNode grant : body.path("grant")) {
                if (grant.path("principal").asText().equals(SP)) {
                    granted.put("databricks_grants." + name, securable(body) + " " + grant.path("privileges"));
                }
            }
        });
        assertThat(granted)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "databricks_grant.catalog", "catalog=${each.value} [\"USE_CATALOG\"]",
                        "databricks_grant.schema", "schema=${each.key} \"${each.value}\"",
                        "databricks_grant.inference_table", "table=${local.inference_table_full_name} [\"SELECT\"]",
                        "databricks_grants.table", "table=${each.value.id} [\"SELECT\",\"MODIFY\"]",
                        "databricks_grants.volume",
                                "volume=${databricks_volume.airs.id} [\"READ_VOLUME\",\"WRITE_VOLUME\"]"));
        Map<String, JsonNode> locals = hcl.locals(MODULE);
        assertThat(normalized(locals.get("schema_grants").asText()))
                .isEqualTo("${{ for s in distinct([local.schema_full_name, local.inference_schema_full_name]) : s =>"
                        + " s == local.schema_full_name ? [\"USE_SCHEMA\", \"CREATE_TABLE\"] : [\"USE_SCHEMA\"] }}");
        assertThat(locals.get("catalog_grants").asText())
                .isEqualTo(
                        "${toset(distinct([var.catalog_name, var.ai_gateway.inference_table_config.catalog_name]))}");
        assertThat(resource("databricks_grant", "catalog").path("for_each").asText())
                .isEqualTo("${local.catalog_grants}");
        assertThat(resource("databricks_grant", "schema").path("for_each").asText())
                .isEqualTo("${local.schema_grants}");
        assertThat(resource("databricks_grants", "table").path("for_each").asText())
                .as("authoritative grants only on the tables this module creates")
                .isEqualTo("${databricks_sql_table.airs}");
        assertThat(locals.get("service_principal").asText())
                .isEqualTo("${databricks_service_principal.airs.application_id}");
    }

    @Test
    void nothingGrantsAdminOrAllPrivileges() {
        for (JsonNode file : hcl.files()) {
            String text = file.path("parsed").toString();
            assertThat(text)
                    .as(file.path("path").asText())
                    .doesNotContain("ALL_PRIVILEGES")
                    .doesNotContain("ALL PRIVILEGES")
                    .doesNotContain("CREATE_CATALOG")
                    .doesNotContain("MANAGE_ALLOWLIST")
                    .doesNotContain("\"MANAGE\"")
                    .doesNotContain("IS_OWNER")
                    .doesNotContain("\"admins\"")
                    .doesNotContain("databricks_group_member")
                    .doesNotContain("databricks_entitlements")
                    .doesNotContain("databricks_mws_permission_assignment")
                    .doesNotContain("databricks_access_control_rule_set");
        }
        JsonNode principal = resource("databricks_service_principal", "airs");
        assertThat(principal.path("allow_cluster_create").asBoolean(true)).isFalse();
        assertThat(principal.path("allow_instance_pool_create").asBoolean(true)).isFalse();
        assertThat(principal.path("databricks_sql_access").asBoolean(true)).isFalse();
        assertThat(principal.has("workspace_admin")).isFalse();
        // Every grant names one securable below the metastore.
        for (String type : List.of("databricks_grant", "databricks_grants")) {
            hcl.blocks(MODULE, "resource", type)
                    .forEach((name, body) ->
                            assertThat(securable(body)).as(type + "." + name).doesNotStartWith("none"));
        }
        // Reviewers get data privileges only.
        hcl.blocks(MODULE, "resource", "databricks_grant").forEach((name, body) -> {
            for (JsonNode p : body.path("privileges")) {
                assertThat(p.asText()).as(name).isIn("USE_CATALOG", "USE_SCHEMA", "CREATE_TABLE", "SELECT", "MODIFY");
            }
        });
        JsonNode grants = resource("databricks_grants", "table").path("dynamic").path("grant");
        assertThat(grants).hasSize(2);
        JsonNode gateway = grants.path(0);
        assertThat(gateway.path("for_each").asText())
                .as("the gateway's grant is on the breaker table only")
                .startsWith("${each.key == \"breakers\" ? [databricks_service_principal.gateway.application_id]");
        assertThat(gateway.path("content").path(0).path("privileges").toString())
                .isEqualTo("[\"SELECT\",\"MODIFY\"]");
        JsonNode reviewers = grants.path(1);
        assertThat(reviewers.path("content").path(0).path("privileges").asText())
                .isEqualTo("${each.key == \"escalations\" ? [\"SELECT\", \"MODIFY\"] : [\"SELECT\"]}");
    }

    @Test
    void theGatewaysPrincipalQueriesTheEndpointsAndReadsTheKillSwitchesOnly() {
        JsonNode gateway = resource("databricks_service_principal", "gateway");
        assertThat(gateway.path("allow_cluster_create").asBoolean(true)).isFalse();
        assertThat(gateway.path("allow_instance_pool_create").asBoolean(true)).isFalse();
        assertThat(gateway.path("databricks_sql_access").asBoolean(false))
                .as("it reads the breaker table through a SQL warehouse")
                .isTrue();
        String id = "${databricks_service_principal.gateway.application_id}";
        for (String endpoint : List.of("guarded_endpoint", "judge_endpoint")) {
            List<String> levels = new ArrayList<>();
            for (JsonNode ac : resource("databricks_permissions", endpoint).path("access_control")) {
                if (id.equals(ac.path("service_principal_name").asText())) {
                    levels.add(ac.path("permission_level").asText());
                }
            }
            assertThat(levels).as(endpoint).containsExactly("CAN_QUERY");
        }
        List<String> privileges = new ArrayList<>();
        hcl.blocks(MODULE, "resource", "databricks_grant").forEach((name, body) -> {
            if (id.equals(body.path("principal").asText())) {
                body.path("privileges").forEach(p -> privileges.add(name + ":" + p.asText()));
            }
        });
        assertThat(privileges).containsExactlyInAnyOrder("gateway_catalog:USE_CATALOG", "gateway_schema:USE_SCHEMA");
        hcl.blocks(MODULE, "resource", "databricks_secret_acl")
                .forEach((name, body) ->
                        assertThat(body.path("principal").asText()).isNotEqualTo(id));
        assertThat(resource("databricks_service_principal_secret", "gateway")
                        .path("service_principal_id")
                        .asText())
                .isEqualTo("${databricks_service_principal.gateway.id}");
    }

    @Test
    void endpointPermissionsAreQueryForTheJudgeAndManageOnlyForTheBreaker() throws IOException {
        Map<String, JsonNode> permissions = hcl.blocks(MODULE, "resource", "databricks_permissions");
        assertThat(permissions.keySet())
                .containsExactlyInAnyOrder(
                        "guarded_endpoint", "judge_endpoint", "judge_job", "pending_escalations_query");

        JsonNode judge = permissions.get("judge_endpoint");
        assertThat(judge.path("count").asText()).isEqualTo("${local.judge_endpoint_created ? 1 : 0}");
        assertThat(judge.path("serving_endpoint_id").asText())
                .isEqualTo("${databricks_model_serving.endpoint[\"judge\"].serving_endpoint_id}");
        assertThat(judge.path("access_control")
                        .path(0)
                        .path("service_principal_name")
                        .asText())
                .isEqualTo(SP);
        assertThat(judge.path("access_control").path(0).path("permission_level").asText())
                .isEqualTo("CAN_QUERY");

        JsonNode guarded = permissions.get("guarded_endpoint");
        assertThat(guarded.path("serving_endpoint_id").asText())
                .isEqualTo("${databricks_model_serving.endpoint[\"guarded\"].serving_endpoint_id}");
        JsonNode manage = guarded.path("dynamic").path("access_control").path(0);
        assertThat(manage.path("for_each").asText())
                .as("CAN_MANAGE only when the breaker rewrites the endpoint's AI Gateway")
                .isEqualTo("${var.breaker_updates_endpoint ? [local.service_principal] : []}");
        assertThat(manage.path("content").path(0).path("permission_level").asText())
                .isEqualTo("CAN_MANAGE");
        JsonNode query = guarded.path("dynamic").path("access_control").path(1);
        assertThat(query.path("content").path(0).path("permission_level").asText())
                .isEqualTo("CAN_QUERY");
        assertThat(query.path("content").path(0).path("group_name").asText()).isEqualTo("${access_control.value}");
        String serving =
                Files.readString(DatabricksStack.infra().resolve(MODULE).resolve("serving.tf"));
        assertThat(serving)
                .as("the reason for CAN_MANAGE is written next to it")
                .contains("CAN_MANAGE is there only because")
                .contains("PUT /serving-endpoints/{name}/ai-gateway");

        JsonNode job = permissions.get("judge_job");
        assertThat(job.path("job_id").asText()).isEqualTo("${databricks_job.judge.id}");
        assertThat(job.path("access_control").path(0).path("permission_level").asText())
                .isEqualTo("CAN_MANAGE_RUN");
        assertThat(permissions
                        .get("pending_escalations_query")
                        .path("access_control")
                        .path(0)
                        .path("permission_level")
                        .asText())
                .isEqualTo("CAN_RUN");

        // CAN_MANAGE appears once, on the guarded endpoint.
        long manages = hcl.files().stream()
                .map(f -> f.path("parsed").toString())
                .mapToLong(t ->
                        Pattern.compile("\"CAN_MANAGE\"").matcher(t).results().count())
                .sum();
        assertThat(manages).isEqualTo(1);
    }

    @Test
    void theServicePrincipalMayReadTheGatewaySecretsAndNothingMore() {
        JsonNode acl = resource("databricks_secret_acl", "service_principal");
        assertThat(acl.path("principal").asText()).isEqualTo(SP);
        assertThat(acl.path("permission").asText()).isEqualTo("READ");
        assertThat(acl.path("scope").asText()).isEqualTo("${databricks_secret_scope.gateway.name}");
        assertThat(hcl.blocks(MODULE, "resource", "databricks_secret_acl")).hasSize(1);
        JsonNode secret = resource("databricks_secret", "gateway");
        assertThat(secret.path("string_value").asText()).isEqualTo("${var.gateway_secrets[each.value]}");
        assertThat(hcl.blocks(MODULE, "variable")
                        .get("gateway_secrets")
                        .path("sensitive")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void externalModelKeysAreSecretReferencesNeverValues() {
        JsonNode external = endpoint()
                .path("config")
                .path(0)
                .path("dynamic")
                .path("served_entities")
                .path(0)
                .path("content")
                .path(0)
                .path("dynamic")
                .path("external_model")
                .path(0)
                .path("content")
                .path(0)
                .path("dynamic");
        assertThat(external.path("openai_config")
                        .path(0)
                        .path("content")
                        .path(0)
                        .path("openai_api_key")
                        .asText())
                .isEqualTo("${format(\"{{secrets/%s/%s}}\", databricks_secret_scope.gateway.name,"
                        + " openai_config.value.api_key_secret)}");
        assertThat(external.path("anthropic_config")
                        .path(0)
                        .path("content")
                        .path(0)
                        .path("anthropic_api_key")
                        .asText())
                .startsWith("${format(\"{{secrets/%s/%s}}\", databricks_secret_scope.gateway.name,");
        for (JsonNode file : hcl.files()) {
            assertThat(file.path("parsed").toString())
                    .as(file.path("path").asText())
                    .doesNotContain("_plaintext");
        }
    }

    // ---- the judge job ----

    @Test
    void judgeJobRunsJudgeJobFromTheVolumeAsTheServicePrincipal() {
        JsonNode job = resource("databricks_job", "judge");
        JsonNode task = job.path("task").path(0);
        JsonNode jar = task.path("spark_jar_task").path(0);
        assertThat(jar.path("main_class_name").asText()).isEqualTo("io.airs.databricks.job.JudgeJob");
        assertThat(jar.path("parameters").asText())
                .isEqualTo(
                        "${[for k, v in merge(local.job_parameters, local.job_policy) : format(\"--%s=%s\", k, v)]}");
        JsonNode library = task.path("dynamic").path("library").path(0);
        assertThat(library.path("for_each").asText()).isEqualTo("${local.serverless ? [] : [local.job_jar_path]}");
        assertThat(library.path("content").path(0).path("jar").asText()).isEqualTo("${library.value}");
        JsonNode environment =
                job.path("dynamic").path("environment").path(0).path("content").path(0);
        assertThat(environment.path("spec").path(0).path("java_dependencies").toString())
                .isEqualTo("[\"${local.job_jar_path}\"]");
        assertThat(task.path("job_cluster_key").asText()).isEqualTo("${local.serverless ? null : \"airs\"}");
        assertThat(task.path("environment_key").asText()).isEqualTo("${local.serverless ? \"airs\" : null}");

        Map<String, JsonNode> locals = hcl.locals(MODULE);
        assertThat(locals.get("volume_path").asText())
                .isEqualTo("${format(\"/Volumes/%s/%s/%s\", var.catalog_name, var.schema_name, var.volume_name)}");
        assertThat(locals.get("job_jar_path").asText())
                .isEqualTo("${format(\"%s/airs-databricks-job.jar\", local.volume_path)}");
        assertThat(locals.get("checkpoint_dir").asText())
                .isEqualTo("${format(\"%s/checkpoints/judge\", local.volume_path)}");
        assertThat(resource("databricks_file", "job_jar").path("path").asText()).isEqualTo("${local.job_jar_path}");
        assertThat(resource("databricks_volume", "airs").path("name").asText()).isEqualTo("${var.volume_name}");

        assertThat(job.path("run_as").path(0).path("service_principal_name").asText())
                .isEqualTo(SP);
        JsonNode cluster = job.path("dynamic")
                .path("job_cluster")
                .path(0)
                .path("content")
                .path(0)
                .path("new_cluster")
                .path(0);
        assertThat(cluster.path("data_security_mode").asText()).isEqualTo("SINGLE_USER");
        assertThat(cluster.path("single_user_name").asText()).isEqualTo(SP);
        assertThat(job.path("max_concurrent_runs").asInt()).isEqualTo(1);
    }

    @Test
    void judgeJobGetsEveryParameterItNeeds() {
        JsonNode parameters = hcl.locals(MODULE).get("job_parameters");
        Map<String, String> actual = new LinkedHashMap<>();
        parameters.properties().forEach(e -> actual.put(e.getKey(), e.getValue().asText()));
        assertThat(actual)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "inference-table", "${local.inference_table_full_name}",
                        "endpoint", "${databricks_model_serving.endpoint[\"guarded\"].name}",
                        "judge-endpoint", "${var.judge_endpoint_name}",
                        "catalog", "${var.catalog_name}",
                        "schema", "${var.schema_name}",
                        "checkpoint", "${local.checkpoint_dir}",
                        "sample-rate", "${tostring(var.judge_sampling_rate)}"));
        assertThat(hcl.locals(MODULE).get("job_policy").asText())
                .isEqualTo("${var.policy_file == null ? {} : { \"policy\" = local.policy_path }}");
        // Every parameter is an option of the job's main class, and every required option is given.
        String main = readJobMain();
        List<String> literals = io.airs.testkit.terraform.JavaSources.stringLiterals(main);
        for (String name : actual.keySet()) {
            assertThat(literals).as("JudgeJob has --" + name).contains("--" + name);
        }
        assertThat(literals).as("JudgeJob has --policy").contains("--policy");
        Matcher required =
                Pattern.compile("names = \"(--[a-z-]+)\",\\s*required = true").matcher(main);
        while (required.find()) {
            assertThat(actual)
                    .as("required " + required.group(1))
                    .containsKey(required.group(1).substring(2));
        }
    }

    private static String readJobMain() {
        try {
            return Files.readString(DatabricksStack.infra()
                    .getParent()
                    .getParent()
                    .resolve("databricks/job/src/main/java/io/airs/databricks/job/JudgeJob.java"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theJobClusterReachesTheWorkspaceAsItsPrincipalWithTheSecretFromTheScope() {
        JsonNode env = hcl.locals(MODULE).get("job_env");
        assertThat(env.path("DATABRICKS_HOST").asText()).isEqualTo("${data.databricks_current_config.this.host}");
        assertThat(env.path("DATABRICKS_CLIENT_ID").asText()).isEqualTo("${local.service_principal}");
        assertThat(env.path("DATABRICKS_CLIENT_SECRET").asText())
                .isEqualTo(
                        "${format(\"{{secrets/%s/%s}}\", databricks_secret_scope.gateway.name, local.job_secret_key)}");
        assertThat(resource("databricks_secret", "job_client_secret")
                        .path("string_value")
                        .asText())
                .isEqualTo("${databricks_service_principal_secret.airs.secret}");
        JsonNode cluster = resource("databricks_job", "judge")
                .path("dynamic")
                .path("job_cluster")
                .path(0)
                .path("content")
                .path(0)
                .path("new_cluster")
                .path(0);
        assertThat(cluster.path("spark_env_vars").asText())
                .isEqualTo("${merge(job_cluster.value.spark_env_vars, local.job_env)}");
    }

    @Test
    void judgeJobRunsOnAQuartzScheduleEveryFifteenMinutesByDefault() {
        JsonNode schedule = resource("databricks_job", "judge").path("schedule").path(0);
        assertThat(schedule.path("quartz_cron_expression").asText()).isEqualTo("${var.job_schedule}");
        assertThat(schedule.path("timezone_id").asText()).isEqualTo("${var.job_schedule_timezone}");
        JsonNode variable = hcl.blocks(MODULE, "variable").get("job_schedule");
        assertThat(variable.path("type").asText()).isEqualTo("${string}");
        String cron = variable.path("default").asText();
        String[] fields = cron.split(" ");
        assertThat(fields).hasSize(6);
        assertThat(fields[0]).as("second").isEqualTo("0");
        assertThat(fields[1]).as("minute").isIn("0/15", "*/15");
        assertThat(fields[2]).as("every hour").isEqualTo("*");
        String condition = variable.path("validation").path(0).path("condition").asText();
        Matcher regex =
                Pattern.compile("regex\\(\"(.*)\", var\\.job_schedule\\)").matcher(condition);
        assertThat(regex.find()).as(condition).isTrue();
        Pattern quartz = Pattern.compile(regex.group(1).replace("\\\\", "\\"));
        assertThat(quartz.matcher(cron).matches()).isTrue();
        assertThat(quartz.matcher("*/15 * * * *").matches())
                .as("a Unix cron is refused")
                .isFalse();
        assertThat(hcl.blocks(EXAMPLE, "module")
                        .get("airs")
                        .path("job_schedule")
                        .asText())
                .isEqualTo(cron);
    }

    // ---- reviewers' query and alert ----

    @Test
    void queryListsPendingEscalationsBySlaDeadlineWithAnOverdueFlag() throws IOException {
        JsonNode query = resource("databricks_query", "pending_escalations");
        assertThat(query.path("warehouse_id").asText()).isEqualTo("${var.warehouse_id}");
        assertThat(normalized(query.path("query_text").asText()))
                .isEqualTo("${templatefile(format(\"%s/pending-escalations.sql\", path.module), {"
                        + " escalations = databricks_sql_table.airs[\"escalations\"].id })}");
        String sql = pendingEscalationsSql();
        assertThat(sql)
                .contains("FROM ${escalations}")
                .contains("WHERE status = 'pending'")
                .contains("sla_deadline < current_timestamp() AS overdue,")
                .contains("count_if(sla_deadline < current_timestamp()) OVER () AS overdue_count")
                .endsWith("ORDER BY sla_deadline ASC");
        assertThat(columnOf(Tables.ESCALATIONS, "status").comment()).contains("pending");
        // Every column the query selects is a column of the escalation table.
        String select = sql.substring(sql.indexOf("SELECT") + 6, sql.indexOf(" FROM "));
        List<String> read = new ArrayList<>();
        for (String item : select.split(",")) {
            String expression = item.trim();
            if (expression.matches("[a-z_]+")) {
                read.add(expression);
            }
        }
        assertThat(read).hasSizeGreaterThanOrEqualTo(5).contains("ticket", "severity", "sla_deadline");
        Set<String> columns = Tables.ESCALATIONS.types().keySet();
        assertThat(columns).containsAll(read);
    }

    @Test
    void alertFiresOnTheEscalationQueryWhileAnEscalationIsOverdue() throws IOException {
        JsonNode alert = resource("databricks_alert", "overdue_escalations");
        assertThat(alert.path("query_id").asText()).isEqualTo("${databricks_query.pending_escalations.id}");
        JsonNode condition = alert.path("condition").path(0);
        assertThat(condition.path("op").asText()).isEqualTo("GREATER_THAN");
        assertThat(condition
                        .path("operand")
                        .path(0)
                        .path("column")
                        .path(0)
                        .path("name")
                        .asText())
                .isEqualTo("overdue_count");
        assertThat(condition
                        .path("threshold")
                        .path(0)
                        .path("value")
                        .path(0)
                        .path("double_value")
                        .asDouble(-1))
                .isZero();
        assertThat(condition.path("empty_result_state").asText()).isEqualTo("OK");
        assertThat(pendingEscalationsSql()).contains("AS overdue_count");

        JsonNode task = resource("databricks_job", "alert")
                .path("task")
                .path(0)
                .path("sql_task")
                .path(0);
        assertThat(task.path("warehouse_id").asText()).isEqualTo("${var.warehouse_id}");
        JsonNode sqlAlert = task.path("alert").path(0);
        assertThat(sqlAlert.path("alert_id").asText()).isEqualTo("${databricks_alert.overdue_escalations.id}");
        JsonNode destination = sqlAlert.path("dynamic").path("subscriptions").path(0);
        assertThat(destination.path("for_each").asText())
                .isEqualTo("${var.notification_destination_id == null ? [] : [var.notification_destination_id]}");
        assertThat(destination.path("content").path(0).path("destination_id").asText())
                .isEqualTo("${subscriptions.value}");
    }

    // ---- helpers ----

    /**
     * Asserts that every field of {@code json} is mapped from {@code ref} in the HCL {@code content}:
     * an object becomes a dynamic block over {@code [ref.field]} (none when null), a list of objects
     * a dynamic block over {@code ref.field}, anything else an attribute equal to {@code ref.field}.
     */
    private static void assertMapped(JsonNode json, JsonNode content, String ref, String path, List<String> mapped) {
        json.properties().forEach(e -> {
            String field = e.getKey();
            String where = path.isEmpty() ? field : path + "." + field;
            JsonNode value = e.getValue();
            String source = ref + "." + field;
            // A list of objects (rate_limits) is a repeated block, also when this body has none.
            boolean objects = value.isArray()
                    && (value.isEmpty()
                            ? content.path("dynamic").has(field)
                            : value.get(0).isObject());
            if (value.isObject() || objects) {
                JsonNode dynamic = content.path("dynamic").path(field).path(0);
                assertThat(dynamic.isMissingNode())
                        .as(where + " is a dynamic block")
                        .isFalse();
                String expected =
                        value.isObject() ? "${" + source + " == null ? [] : [" + source + "]}" : "${" + source + "}";
                assertThat(dynamic.path("for_each").asText()).as(where).isEqualTo(expected);
                JsonNode inner = dynamic.path("content").path(0);
                if (value.isObject()) {
                    assertMapped(value, inner, field + ".value", where, mapped);
                } else {
                    for (JsonNode element : value) {
                        assertMapped(element, inner, field + ".value", where, mapped);
                    }
                }
            } else {
                assertThat(content.path(field).asText()).as(where).isEqualTo("${" + source + "}");
                if (!mapped.contains(where)) {
                    mapped.add(where);
                }
            }
        });
    }

    /** The reviewers' SQL without its comments, on one line. */
    private static String pendingEscalationsSql() throws IOException {
        String sql = Files.readString(DatabricksStack.infra().resolve(MODULE).resolve("pending-escalations.sql"));
        return normalized(sql.replaceAll("(?m)^--.*$", ""));
    }

    private JsonNode endpoint() {
        return resource("databricks_model_serving", "endpoint");
    }

    private JsonNode aiGatewayContent() {
        return endpoint()
                .path("dynamic")
                .path("ai_gateway")
                .path(0)
                .path("content")
                .path(0);
    }

    private JsonNode resource(String type, String name) {
        JsonNode body = hcl.blocks(MODULE, "resource", type).get(name);
        assertThat(body).as(type + "." + name).isNotNull();
        return body;
    }

    private static String securable(JsonNode grant) {
        List<String> found = new ArrayList<>();
        for (String kind : List.of("catalog", "schema", "table", "volume", "function", "model", "external_location")) {
            if (grant.has(kind)) {
                found.add(kind + "=" + grant.path(kind).asText());
            }
        }
        return found.size() == 1 ? found.get(0) : "none or several: " + found;
    }

    private static Tables.Column columnOf(Tables.Table table, String name) {
        return table.columns().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(table.name() + " has no " + name));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String normalized(String expression) {
        return expression.replaceAll("\\s+", " ").trim();
    }
}

package io.airs.databricks.infra;

import static io.airs.testkit.terraform.TerraformFiles.plain;
import static org.assertj.core.api.Assertions.assertThat;

import io.airs.testkit.terraform.TerraformFiles;
import io.airs.testkit.terraform.TerraformStackContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Databricks stack in {@code infra/databricks} read by hcl4j, without a terraform binary: every
 * file parses and is laid out as {@code terraform fmt} writes it; the module declares every piece of
 * the deployment; variables are typed, described and validated; outputs are described; the example
 * calls the module with what it requires.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TerraformDatabricksTest implements TerraformStackContract {

    /** Variables whose values Databricks or the code constrain, so they must be validated. */
    private static final Set<String> VALIDATED = Set.of(
            "name",
            "catalog_name",
            "schema_name",
            "volume_name",
            "workspace_folder",
            "warehouse_id",
            "endpoint_name",
            "judge_endpoint_name",
            "models",
            "ai_gateway",
            "secret_scope_name",
            "job_compute",
            "job_cluster",
            "serverless_environment_version",
            "job_jar_file",
            "job_schedule",
            "job_timeout_seconds",
            "judge_sampling_rate",
            "alert_schedule",
            "alert_retrigger_seconds",
            "notification_destination_id");

    private TerraformFiles module;
    private TerraformFiles example;

    @BeforeAll
    void parseStack() throws IOException {
        module = TerraformFiles.load(DatabricksStack.infra().resolve(DatabricksStack.MODULE));
        example = TerraformFiles.load(DatabricksStack.infra().resolve(DatabricksStack.EXAMPLE));
    }

    @Override
    public Path infra() {
        return DatabricksStack.infra();
    }

    @Test
    void theReadmesSayHowToDeploy() throws IOException {
        for (Path readme : List.of(
                DatabricksStack.infra().resolve("README.md"),
                DatabricksStack.infra().resolve(DatabricksStack.EXAMPLE).resolve("README.md"))) {
            assertThat(Files.readString(readme))
                    .as(readme.toString())
                    .containsPattern("terraform( -chdir=\\S+)? init")
                    .containsPattern("terraform( -chdir=\\S+)? apply");
        }
    }

    @Test
    void moduleDeclaresEveryPieceOfTheDeployment() {
        assertThat(module.resources().keySet())
                .containsExactlyInAnyOrder(
                        "databricks_service_principal",
                        "databricks_service_principal_secret",
                        "databricks_schema",
                        "databricks_directory",
                        "databricks_model_serving",
                        "databricks_permissions",
                        "databricks_secret_scope",
                        "databricks_secret",
                        "databricks_secret_acl",
                        "databricks_sql_table",
                        "databricks_volume",
                        "databricks_file",
                        "databricks_grant",
                        "databricks_grants",
                        "databricks_job",
                        "databricks_query",
                        "databricks_alert");
        assertThat(module.resources("databricks_job")).containsOnlyKeys("judge", "alert");
        assertThat(module.resources("databricks_model_serving")).containsOnlyKeys("endpoint");
        assertThat(module.resources("databricks_sql_table")).containsOnlyKeys("airs");
        assertThat(module.resources("databricks_service_principal")).containsOnlyKeys("airs", "gateway");
    }

    @Test
    void theExamplesAiGatewayIsWhatTheDefaultPolicyCompilesTo() throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        var file = json.readTree(Files.readString(DatabricksStack.exampleAiGateway()));
        var options = file.path("inference_table_config");
        var compiled = new io.airs.core.compile.DatabricksAiGatewayCompiler(json)
                .aiGateway(
                        io.airs.core.policy.PolicyLoader.defaultPolicy(),
                        new io.airs.core.compile.DatabricksCompileOptions(
                                options.path("catalog_name").asText(),
                                options.path("schema_name").asText(),
                                options.path("table_name_prefix").asText(),
                                false));
        assertThat(file)
                .as("examples/complete/ai-gateway.json is stale: regenerate it with ./airs policy compile --target"
                        + " databricks (see the example's README)")
                .isEqualTo(compiled);
    }

    @Test
    void bothStacksPinARecentDatabricksProvider1() {
        Pattern version = Pattern.compile("version += \"~> 1\\.(\\d+)\"");
        for (TerraformFiles files : List.of(module, example)) {
            String versions = files.source("versions.tf");
            assertThat(versions)
                    .as(files.dir() + "/versions.tf")
                    .contains("required_version = \">= 1.6.0\"")
                    .containsPattern("source += \"databricks/databricks\"");
            Matcher minor = version.matcher(versions);
            assertThat(minor.find())
                    .as(files.dir() + "/versions.tf pins ~> 1.x")
                    .isTrue();
            assertThat(Integer.parseInt(minor.group(1))).isGreaterThanOrEqualTo(99);
        }
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
    void secretsAreSensitiveInTheModuleAndTheExample() {
        assertThat(module.variables().get("gateway_secrets")).containsEntry("sensitive", true);
        assertThat(example.variables().get("openai_api_key"))
                .containsEntry("sensitive", true)
                .doesNotContainKey("default");
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
                        "endpoint_name",
                        "judge_endpoint_name",
                        "inference_table_name",
                        "table_names",
                        "job_id",
                        "query_id",
                        "alert_id",
                        "service_principal_application_id",
                        "secret_scope");
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
        assertThat(required)
                .containsExactlyInAnyOrder(
                        "name",
                        "catalog_name",
                        "schema_name",
                        "warehouse_id",
                        "endpoint_name",
                        "judge_endpoint_name",
                        "models",
                        "ai_gateway");
        assertThat(call.keySet()).containsAll(required);
        assertThat(call.keySet())
                .allMatch(key -> key.equals("source") || module.variables().containsKey(key));
        assertThat(example.variables().get("warehouse_id")).doesNotContainKey("default");
    }
}

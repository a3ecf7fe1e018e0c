package io.airs.aws.infra;

import static io.airs.testkit.terraform.TerraformFiles.block;
import static io.airs.testkit.terraform.TerraformFiles.blocks;
import static io.airs.testkit.terraform.TerraformFiles.plain;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airs.testkit.terraform.TerraformFiles;
import io.airs.testkit.terraform.TerraformStackContract;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The AWS stack in {@code infra/aws}, checked without a terraform binary: every file parses, the
 * module declares what a deployment needs, and the security rules (java21 with SnapStart, IAM
 * without wildcard actions, an IAM-authenticated function URL, dead-letter queues, retention,
 * encryption) hold.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TerraformAwsTest implements TerraformStackContract {

    private static final Map<String, String> HANDLERS = Map.of(
            "guardrail_hook", "io.airs.aws.bedrock.GuardrailHookHandler::handleRequest",
            "decision_consumer", "io.airs.aws.oversight.DecisionConsumerHandler::handleRequest",
            "sla_sweeper", "io.airs.aws.oversight.SlaSweeperHandler::handleRequest",
            "alarm_trip", "io.airs.aws.breaker.AlarmTripHandler::handleRequest",
            "async_judge", "io.airs.aws.judge.AsyncJudgeHandler::handleRequest");

    private Path infra;
    private TerraformFiles module;
    private TerraformFiles example;

    @BeforeAll
    void parseStack() throws IOException {
        infra = infraDir();
        module = TerraformFiles.load(infra.resolve("modules/airs"));
        example = TerraformFiles.load(infra.resolve("examples/complete"));
    }

    @Override
    public Path infra() {
        return infraDir();
    }

    static Path infraDir() {
        return TerraformFiles.locate("infra/aws");
    }

    @Test
    void moduleDeclaresEveryPieceOfTheDeployment() {
        assertThat(module.resources().keySet())
                .contains(
                        "aws_lambda_function",
                        "aws_lambda_alias",
                        "aws_lambda_function_url",
                        "aws_lambda_permission",
                        "aws_lambda_event_source_mapping",
                        "aws_cloudwatch_log_group",
                        "aws_sqs_queue",
                        "aws_sqs_queue_redrive_allow_policy",
                        "aws_dynamodb_table",
                        "aws_appconfig_application",
                        "aws_appconfig_environment",
                        "aws_appconfig_configuration_profile",
                        "aws_appconfig_hosted_configuration_version",
                        "aws_appconfig_deployment_strategy",
                        "aws_appconfig_deployment",
                        "aws_cloudwatch_event_rule",
                        "aws_cloudwatch_event_target",
                        "aws_cloudwatch_metric_alarm",
                        "aws_iam_role",
                        "aws_iam_role_policy",
                        "aws_bedrock_guardrail",
                        "aws_bedrock_guardrail_version");
        assertThat(module.data("aws_iam_policy_document")).isNotEmpty();
        for (String file : List.of("main.tf", "variables.tf", "outputs.tf", "versions.tf")) {
            assertThat(module.source(file)).isNotBlank();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void fiveFunctionsRunTheirHandlersFromTheOneJar() {
        Map<String, Object> functions =
                (Map<String, Object>) plain(module.locals().get("functions"));
        assertThat(functions).containsOnlyKeys(HANDLERS.keySet());
        HANDLERS.forEach((key, handler) -> assertThat(((Map<String, Object>) functions.get(key)).get("handler"))
                .isEqualTo(handler));

        Map<String, Object> lambda = module.resources("aws_lambda_function").get("function");
        assertThat(plain(lambda.get("filename"))).isEqualTo("var.lambda_jar_path");
        assertThat(plain(lambda.get("handler"))).isEqualTo("each.value.handler");
        assertThat(module.variables()).containsKey("lambda_jar_path");
    }

    @Test
    void everyLambdaRunsJava21WithSnapStartOnPublishedVersions() {
        assertThat(module.resources("aws_lambda_function")).isNotEmpty();
        module.resources("aws_lambda_function").forEach((name, fn) -> {
            assertThat(fn.get("runtime")).as(name).isEqualTo("java21");
            assertThat(fn.get("publish")).as(name).isEqualTo(true);
            assertThat(block(fn, "snap_start")).as(name).containsEntry("apply_on", "PublishedVersions");
            assertThat(block(fn, "logging_config")).as(name).containsKey("log_group");
        });
        // Triggers use the alias, so they reach a SnapStart version rather than $LATEST.
        Map<String, Object> alias = module.resources("aws_lambda_alias").get("live");
        assertThat(plain(alias.get("function_version"))).asString().endsWith(".version");
        module.resources("aws_lambda_event_source_mapping").forEach((name, mapping) -> {
            assertThat(plain(mapping.get("function_name"))).asString().startsWith("aws_lambda_alias.");
            assertThat(plain(mapping.get("function_response_types"))).isEqualTo(List.of("ReportBatchItemFailures"));
        });
    }

    @Test
    void functionUrlOfTheHookRequiresIamAuthentication() {
        Map<String, Map<String, Object>> urls = module.resources("aws_lambda_function_url");
        assertThat(urls).isNotEmpty();
        urls.forEach((name, url) -> {
            assertThat(url.get("authorization_type")).as(name).isEqualTo("AWS_IAM");
            assertThat(plain(url.get("qualifier"))).as(name).asString().startsWith("aws_lambda_alias.");
        });
        // Function URL callers need both grants, each restricted to the URL path.
        assertThat(module.resources("aws_lambda_permission").get("hook_url"))
                .containsEntry("action", "lambda:InvokeFunctionUrl")
                .containsEntry("function_url_auth_type", "AWS_IAM");
        assertThat(module.resources("aws_lambda_permission").get("hook_url_invoke"))
                .containsEntry("action", "lambda:InvokeFunction")
                .containsEntry("invoked_via_function_url", true);
        assertThat(module.resources("aws_lambda_permission").values())
                .noneMatch(permission -> "*".equals(permission.get("principal")));
    }

    @Test
    void everyIamStatementNamesItsActionsWithoutWildcards() {
        Map<String, Map<String, Object>> documents = module.data("aws_iam_policy_document");
        int statements = 0;
        for (var document : documents.entrySet()) {
            for (Map<String, Object> statement : statementsOf(document.getValue())) {
                statements++;
                String where = document.getKey() + "/" + statement.getOrDefault("sid", "?");
                assertThat(statement).as(where).doesNotContainKeys("not_actions", "not_resources");
                assertThat(statement.getOrDefault("effect", "Allow")).as(where).isEqualTo("Allow");
                List<?> actions = (List<?>) plain(statement.get("actions"));
                assertThat(actions).as(where + " actions").isNotEmpty();
                assertThat(actions)
                        .as(where + " actions")
                        .allSatisfy(action -> assertThat(action).asString().matches("[a-z0-9-]+:[A-Za-z]+"));
                if (!"lambda_assume".equals(document.getKey())) {
                    // hcl4j leaves a local it cannot compute as an empty list or its name, so
                    // literal wildcards are also ruled out on the source below.
                    Object resources = plain(statement.get("resources"));
                    assertThat(resources).as(where + " resources").isNotNull();
                    if (resources instanceof List<?> list) {
                        assertThat(list).as(where + " resources").noneMatch("*"::equals);
                    }
                }
            }
        }
        assertThat(statements).isGreaterThan(20);
        assertThat(module.source("iam.tf"))
                .doesNotContainPattern("resources\\s*=\\s*\\[?\\s*\"\\*\"")
                .doesNotContainPattern("\"arn:[^\"]*:\\*\"")
                .doesNotContainPattern("actions\\s*=\\s*\\[[^\\]]*\\*");
        // Every function has its own document, and roles take policies only from documents.
        assertThat(module.source("iam.tf"))
                .doesNotContain("jsonencode")
                .doesNotContain("<<")
                .contains("assume_role_policy = data.aws_iam_policy_document.lambda_assume.json");
        for (String function : HANDLERS.keySet()) {
            assertThat(documents).containsKey(function);
            assertThat(module.source("iam.tf"))
                    .containsPattern(function + " += data\\.aws_iam_policy_document\\." + function + "\\.json");
        }
    }

    @Test
    void everyQueueButTheDeadLetterQueuesRedrivesToItsOwnDeadLetterQueue() {
        Map<String, Map<String, Object>> queues = module.resources("aws_sqs_queue");
        assertThat(queues).containsKeys("queue", "dlq");
        queues.forEach((name, queue) -> {
            if (name.contains("dlq")) {
                assertThat(queue).as(name).doesNotContainKey("redrive_policy");
            } else {
                assertThat(queue).as(name).containsKey("redrive_policy");
            }
            assertThat(plain(queue.get("for_each"))).as(name).isEqualTo("local.queue_names");
        });
        assertThat(module.source("sqs.tf")).contains("deadLetterTargetArn = aws_sqs_queue.dlq[each.key].arn");
        // Severity queues, decisions and async judge all come from one map; check its members.
        assertThat(plain(module.locals().get("severity_queues")))
                .isEqualTo(List.of("critical", "high", "standard", "sampling"));
        assertThat(module.source("main.tf"))
                .contains("decisions   = \"${var.name_prefix}-decisions\"")
                .contains("async_judge = \"${var.name_prefix}-async-judge\"");
    }

    @Test
    void dynamoTablesHaveRecoveryEncryptionAndTheTicketIndex() {
        Map<String, Map<String, Object>> tables = module.resources("aws_dynamodb_table");
        assertThat(tables).containsOnlyKeys("tickets", "breaker_trips");
        tables.forEach((name, table) -> {
            assertThat(block(table, "point_in_time_recovery")).as(name).containsEntry("enabled", true);
            assertThat(block(table, "server_side_encryption")).as(name).containsEntry("enabled", true);
        });
        Map<String, Object> index = block(tables.get("tickets"), "global_secondary_index");
        assertThat(index).containsEntry("hash_key", "status").containsEntry("range_key", "deadline_key");
        assertThat(tables.get("tickets")).containsEntry("hash_key", "ticket");
        assertThat(tables.get("breaker_trips")).containsEntry("hash_key", "scope");
    }

    @Test
    void appConfigHoldsThePolicyAndTheKillSwitchesAndDeploysBoth() {
        Map<String, Map<String, Object>> profiles = module.resources("aws_appconfig_configuration_profile");
        assertThat(profiles.get("policy"))
                .containsEntry("type", "AWS.Freeform")
                .containsEntry("location_uri", "hosted");
        assertThat(profiles.get("flags"))
                .containsEntry("type", "AWS.AppConfig.FeatureFlags")
                .containsEntry("location_uri", "hosted");
        assertThat(module.resources("aws_appconfig_hosted_configuration_version"))
                .containsOnlyKeys("policy", "flags");
        assertThat(module.resources("aws_appconfig_deployment")).containsOnlyKeys("policy", "flags");
        assertThat(module.resources("aws_appconfig_deployment_strategy")).isNotEmpty();
        assertThat(module.source("appconfig.tf"))
                .contains("content                  = file(var.policy_path)")
                .contains("enabled = false");
    }

    @Test
    void slaSweeperRunsOnAnEventBridgeSchedule() {
        Map<String, Object> rule = module.resources("aws_cloudwatch_event_rule").get("sla_sweep");
        assertThat(plain(rule.get("schedule_expression"))).isEqualTo("var.sla_sweep_schedule");
        Map<String, Object> target =
                module.resources("aws_cloudwatch_event_target").get("sla_sweep");
        assertThat(plain(target.get("arn")))
                .asString()
                .contains("aws_lambda_alias.live")
                .endsWith(".arn");
        assertThat(module.source("events.tf")).contains("arn  = aws_lambda_alias.live[\"sla_sweeper\"].arn");
    }

    @Test
    void blockRateAlarmOnTheAirsNamespaceTripsTheBreakerFunction() {
        Map<String, Object> alarm =
                module.resources("aws_cloudwatch_metric_alarm").get("block_rate");
        assertThat(alarm).containsEntry("namespace", "AIRS").containsEntry("metric_name", "BlockRate");
        assertThat(module.source("events.tf"))
                .contains("\"detail-type\" = [\"CloudWatch Alarm State Change\"]")
                .contains("resources     = [aws_cloudwatch_metric_alarm.block_rate.arn]")
                .contains("arn  = aws_lambda_alias.live[\"alarm_trip\"].arn");
        assertThat(module.resources("aws_lambda_permission").get("block_rate_state"))
                .containsEntry("principal", "events.amazonaws.com");
    }

    @Test
    void everyLogGroupHasARetention() {
        assertThat(module.resources("aws_cloudwatch_log_group")).isNotEmpty();
        module.resources("aws_cloudwatch_log_group")
                .forEach((name, group) -> assertThat(group).as(name).containsKey("retention_in_days"));
        assertThat(module.variables().get("log_retention_days")).containsKey("validation");
    }

    @Test
    @SuppressWarnings("unchecked")
    void bedrockGuardrailIsBuiltFromTheCompiledJsonWithDynamicBlocks() throws IOException {
        assertThat(module.source("bedrock.tf")).contains("jsondecode(file(var.guardrail_config_path))");
        Map<String, Object> guardrail =
                module.resources("aws_bedrock_guardrail").get("airs");
        assertThat(plain(guardrail.get("blocked_input_messaging"))).isEqualTo("local.guardrail.blockedInputMessaging");
        assertThat(plain(guardrail.get("blocked_outputs_messaging")))
                .isEqualTo("local.guardrail.blockedOutputsMessaging");

        Map<String, Object> dynamic = (Map<String, Object>) guardrail.get("dynamic");
        Map<String, Object> filters = block(
                (Map<String, Object>) dynamic.get("content_policy_config"), "content", "dynamic", "filters_config");
        assertThat((Map<String, Object>) plain(filters.get("content")))
                .containsEntry("type", "filters_config.value.type")
                .containsEntry("input_strength", "filters_config.value.inputStrength")
                .containsEntry("output_strength", "filters_config.value.outputStrength");
        Map<String, Object> pii = block(
                (Map<String, Object>) dynamic.get("sensitive_information_policy_config"),
                "content",
                "dynamic",
                "pii_entities_config");
        assertThat((Map<String, Object>) plain(pii.get("content")))
                .containsEntry("type", "pii_entities_config.value.type")
                .containsEntry("action", "pii_entities_config.value.action");

        // The sample the example ships has the shape the module decodes.
        JsonNode sample = new ObjectMapper()
                .readTree(infra.resolve("examples/complete/guardrail.json").toFile());
        assertThat(sample.path("name").isTextual()).isTrue();
        assertThat(sample.path("blockedInputMessaging").isTextual()).isTrue();
        assertThat(sample.path("blockedOutputsMessaging").isTextual()).isTrue();
        for (JsonNode filter : sample.path("contentPolicyConfig").path("filtersConfig")) {
            assertThat(filter.has("type") && filter.has("inputStrength") && filter.has("outputStrength"))
                    .isTrue();
        }
        for (JsonNode entity : sample.path("sensitiveInformationPolicyConfig").path("piiEntitiesConfig")) {
            assertThat(entity.has("type") && entity.has("action")).isTrue();
        }
    }

    @Test
    void everyVariableIsTypedAndDescribed() {
        assertThat(TerraformFiles.untypedOrUndescribed(List.of(module, example)))
                .isEmpty();
        assertThat(module.variables()).hasSizeGreaterThan(10);
    }

    @Test
    void outputsGiveTheFunctionUrlQueuesAndTables() {
        assertThat(module.outputs())
                .containsKeys(
                        "function_url",
                        "escalation_queue_urls",
                        "decisions_queue_url",
                        "async_judge_queue_url",
                        "dead_letter_queue_urls",
                        "tickets_table_name",
                        "breaker_trips_table_name");
        assertThat(plain(module.outputs().get("function_url").get("value")))
                .isEqualTo("aws_lambda_function_url.guardrail_hook.function_url");
        for (TerraformFiles files : List.of(module, example)) {
            files.outputs()
                    .forEach((name, output) -> assertThat(output).as(name).containsKeys("description", "value"));
        }
        assertThat(example.outputs()).containsKeys("function_url", "escalation_queue_urls", "tickets_table_name");
    }

    @Test
    void exampleCallsTheModuleWithEveryRequiredVariable() {
        Map<String, Object> call = example.modules().get("airs");
        assertThat(call).containsEntry("source", "../../modules/airs");
        Set<String> required = new HashSet<>();
        module.variables().forEach((name, variable) -> {
            if (!variable.containsKey("default")) {
                required.add(name);
            }
        });
        assertThat(required).contains("lambda_jar_path", "guardrail_config_path", "policy_path");
        assertThat(call.keySet()).containsAll(required);
        assertThat(example.variables().get("lambda_jar_path").get("default"))
                .isEqualTo("../../../../aws/target/airs-aws-lambda.jar");
    }

    private static List<Map<String, Object>> statementsOf(Map<String, Object> document) {
        List<Map<String, Object>> statements = new ArrayList<>(blocks(document.get("statement")));
        Map<String, Object> dynamic = block(document, "dynamic", "statement");
        if (dynamic != null) {
            statements.add(block(dynamic, "content"));
        }
        return statements;
    }
}

package io.airs.aws.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.airs.testkit.terraform.HclStackContract;
import io.airs.testkit.terraform.HclTools;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Terraform in {@code infra/aws} read by HashiCorp's own HCL code ({@code @cdktf/hcl2json} and
 * {@code @cdktf/hcl-tools} from npm, run by {@code node}): every file parses as Terraform parses it
 * and is exactly what {@code terraform fmt} would write, and the security rules that
 * {@link TerraformAwsTest} checks through hcl4j hold on this complete parse too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TerraformHclToolsTest implements HclStackContract {

    private static final String MODULE = "modules/airs";
    private static final Pattern ACTION = Pattern.compile("[a-z0-9-]+:[A-Za-z]+");
    private static final Pattern DEAD_LETTER_TARGET =
            Pattern.compile("deadLetterTargetArn\\s*=\\s*aws_sqs_queue\\.([A-Za-z0-9_-]+)(\\[each\\.key])?\\.arn");
    private static final Pattern QUEUE_REFERENCE = Pattern.compile("aws_sqs_queue\\.([A-Za-z0-9_-]+)");

    private Path infra;
    private HclTools hcl;

    @BeforeAll
    void runHclTools() throws IOException, InterruptedException {
        infra = TerraformAwsTest.infraDir();
        Path awsModule = infra.getParent().getParent().resolve("aws");
        hcl = HclTools.run(infra, awsModule);
    }

    @Override
    public HclTools hcl() {
        return hcl;
    }

    @Override
    public Path infra() {
        return TerraformAwsTest.infraDir();
    }

    @Test
    void everyIamStatementNamesItsActionsWithoutWildcards() {
        int statements = 0;
        List<String> problems = new ArrayList<>();
        for (String dir : hcl.directories()) {
            Map<String, JsonNode> locals = hcl.locals(dir);
            for (var document :
                    hcl.blocks(dir, "data", "aws_iam_policy_document").entrySet()) {
                for (JsonNode statement : statementsOf(document.getValue())) {
                    statements++;
                    String where = dir + "/" + document.getKey() + "/"
                            + statement.path("sid").asText("?");
                    problems.addAll(statementProblems(where, statement, locals));
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(statements).isGreaterThan(20);
    }

    @Test
    void rolesTakeTheirPoliciesOnlyFromPolicyDocuments() {
        int policies = 0;
        for (String dir : hcl.directories()) {
            Map<String, JsonNode> locals = hcl.locals(dir);
            for (String type : List.of("aws_iam_role", "aws_iam_role_policy", "aws_iam_policy")) {
                for (var resource : hcl.blocks(dir, "resource", type).entrySet()) {
                    for (String attribute : List.of("policy", "assume_role_policy")) {
                        JsonNode value = resource.getValue().path(attribute);
                        if (value.isMissingNode()) {
                            continue;
                        }
                        policies++;
                        String where = dir + "/" + type + "." + resource.getKey() + "." + attribute;
                        for (String expression : policySources(value.asText(), locals)) {
                            assertThat(expression)
                                    .as(where)
                                    .matches("\\$\\{data\\.aws_iam_policy_document\\.[A-Za-z0-9_]+\\.json}");
                        }
                    }
                }
            }
        }
        assertThat(policies).isGreaterThanOrEqualTo(2);
    }

    @Test
    void lambdaPermissionsNameOneActionAndOnePrincipal() {
        Map<String, JsonNode> permissions = hcl.blocks(MODULE, "resource", "aws_lambda_permission");
        assertThat(permissions).isNotEmpty();
        permissions.forEach((name, permission) -> {
            assertThat(permission.path("action").asText()).as(name).matches(ACTION);
            assertThat(permission.path("principal").asText()).as(name).isNotIn("*", "");
        });
    }

    @Test
    void everyQueueRedrivesToItsOwnDeadLetterQueue() {
        int queues = 0;
        for (String dir : hcl.directories()) {
            Map<String, JsonNode> all = hcl.blocks(dir, "resource", "aws_sqs_queue");
            Set<String> deadLetterQueues = new HashSet<>();
            all.forEach((name, queue) -> {
                String redrive = queue.path("redrive_policy").asText();
                Matcher target = DEAD_LETTER_TARGET.matcher(redrive);
                if (target.find()) {
                    deadLetterQueues.add(target.group(1));
                }
            });
            for (var entry : all.entrySet()) {
                queues++;
                String where = dir + "/aws_sqs_queue." + entry.getKey();
                JsonNode queue = entry.getValue();
                if (deadLetterQueues.contains(entry.getKey())) {
                    // A dead-letter queue that redrove again would move poison messages out of sight.
                    assertThat(queue.has("redrive_policy"))
                            .as(where + " is a dead-letter queue")
                            .isFalse();
                    assertThat(redriveAllowPolicyFor(dir, entry.getKey()))
                            .as(where + " takes messages only from its own queue")
                            .contains("redrivePermission = \"byQueue\"");
                    continue;
                }
                String redrive = queue.path("redrive_policy").asText();
                Matcher target = DEAD_LETTER_TARGET.matcher(redrive);
                assertThat(target.find())
                        .as(where + " is no dead-letter queue, so it needs a redrive_policy with a deadLetterTargetArn")
                        .isTrue();
                assertThat(redrive).as(where).contains("maxReceiveCount");
                String dlq = target.group(1);
                assertThat(dlq).as(where).isNotEqualTo(entry.getKey());
                assertThat(all)
                        .as(where + " redrives to a queue of this module")
                        .containsKey(dlq);
                if (queue.has("for_each")) {
                    // One dead-letter queue per queue: both iterate the same set, indexed by each.key.
                    assertThat(target.group(2))
                            .as(where + " indexes its dead-letter queue")
                            .isEqualTo("[each.key]");
                    assertThat(all.get(dlq).path("for_each").asText())
                            .as(where)
                            .isEqualTo(queue.path("for_each").asText());
                }
            }
        }
        assertThat(queues).isGreaterThanOrEqualTo(2);
    }

    @Test
    void functionsConsumeOnlyQueuesThatHaveADeadLetterQueue() {
        Map<String, JsonNode> queues = hcl.blocks(MODULE, "resource", "aws_sqs_queue");
        Map<String, JsonNode> mappings = hcl.blocks(MODULE, "resource", "aws_lambda_event_source_mapping");
        assertThat(mappings).isNotEmpty();
        mappings.forEach((name, mapping) -> {
            Matcher queue =
                    QUEUE_REFERENCE.matcher(mapping.path("event_source_arn").asText());
            assertThat(queue.find())
                    .as(name + " reads an SQS queue of this module")
                    .isTrue();
            assertThat(queues.get(queue.group(1)).has("redrive_policy"))
                    .as(name + " consumes " + queue.group(1))
                    .isTrue();
        });
    }

    private String redriveAllowPolicyFor(String dir, String deadLetterQueue) {
        return hcl.blocks(dir, "resource", "aws_sqs_queue_redrive_allow_policy").values().stream()
                .filter(p -> p.path("queue_url").asText().contains("aws_sqs_queue." + deadLetterQueue + "["))
                .map(p -> p.path("redrive_allow_policy").asText())
                .findFirst()
                .orElse("");
    }

    /** Literal statements and the content of dynamic ones: hcl2json keeps both as lists of bodies. */
    private static List<JsonNode> statementsOf(JsonNode document) {
        List<JsonNode> statements = new ArrayList<>();
        document.path("statement").forEach(statements::add);
        for (JsonNode dynamic : document.path("dynamic").path("statement")) {
            dynamic.path("content").forEach(statements::add);
        }
        return statements;
    }

    private static List<String> statementProblems(String where, JsonNode statement, Map<String, JsonNode> locals) {
        List<String> problems = new ArrayList<>();
        for (String negated : List.of("not_actions", "not_resources", "not_principals")) {
            if (statement.has(negated)) {
                problems.add(where + ": " + negated + " grants everything else");
            }
        }
        if (!statement.path("effect").asText("Allow").equals("Allow")) {
            problems.add(where + ": effect " + statement.path("effect").asText());
        }
        JsonNode actions = statement.path("actions");
        if (!actions.isArray() || actions.isEmpty()) {
            problems.add(where + ": actions must be a literal, non-empty list");
        } else {
            actions.forEach(action -> {
                if (!ACTION.matcher(action.asText()).matches()) {
                    problems.add(where + ": action " + action.asText());
                }
            });
        }
        // A trust policy names principals and has no resources; every other statement names them.
        if (!statement.has("principals")) {
            JsonNode resources = statement.path("resources");
            if (resources.isMissingNode() || (resources.isArray() && resources.isEmpty())) {
                problems.add(where + ": no resources");
            }
            List<String> texts = new ArrayList<>();
            if (resources.isArray()) {
                resources.forEach(r -> texts.add(r.asText()));
            } else {
                texts.add(resources.asText());
                Matcher local =
                        Pattern.compile("\\$\\{local\\.([A-Za-z0-9_]+)}").matcher(resources.asText());
                if (local.matches() && locals.containsKey(local.group(1))) {
                    texts.add(locals.get(local.group(1)).toString());
                }
            }
            for (String text : texts) {
                if (text.equals("*") || text.contains("\"*\"") || isWildcardArn(text)) {
                    problems.add(where + ": resource " + text);
                }
            }
        }
        return problems;
    }

    /** A literal ARN whose resource part is only a wildcard ({@code arn:aws:sqs:*:*:*}). */
    private static boolean isWildcardArn(String text) {
        return text.startsWith("arn:") && (text.endsWith(":*") || text.endsWith("/*"));
    }

    /** The expressions a policy attribute comes from, following one {@code local.x[each.key]} map. */
    private static List<String> policySources(String expression, Map<String, JsonNode> locals) {
        Matcher local =
                Pattern.compile("\\$\\{local\\.([A-Za-z0-9_]+)\\[each\\.key]}").matcher(expression);
        if (local.matches()) {
            JsonNode map = locals.get(local.group(1));
            assertThat(map).as("local." + local.group(1)).isNotNull();
            assertThat(map.isObject())
                    .as("local." + local.group(1) + " is a map")
                    .isTrue();
            List<String> sources = new ArrayList<>();
            map.forEach(v -> sources.add(v.asText()));
            return sources;
        }
        return List.of(expression);
    }
}

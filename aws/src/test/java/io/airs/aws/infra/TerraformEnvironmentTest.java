package io.airs.aws.infra;

import static io.airs.testkit.terraform.TerraformFiles.block;
import static io.airs.testkit.terraform.TerraformFiles.plain;
import static org.assertj.core.api.Assertions.assertThat;

import io.airs.core.oversight.Severity;
import io.airs.testkit.terraform.JavaSources;
import io.airs.testkit.terraform.TerraformFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Ties the {@code AIRS_*} environment variables the Lambda code reads to the ones {@code infra/aws}
 * sets on the functions: every variable the code reads is set, or optional by design and listed
 * below; and every variable the Terraform sets is read (no dead settings).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TerraformEnvironmentTest {

    /**
     * Read by the code but deliberately not set by the module: each has a working default, or exists
     * for tests and local runs. A variable here that the code no longer reads fails the test.
     */
    private static final Set<String> OPTIONAL_BY_DESIGN = Set.of(
            // Inline policy, or a policy file: the deployment takes the policy from AppConfig instead.
            "AIRS_POLICY",
            "AIRS_POLICY_FILE",
            // Endpoint overrides point the SDK clients at emulators; in AWS the regional endpoint is right.
            "AIRS_APPCONFIGDATA_ENDPOINT",
            "AIRS_BEDROCK_ENDPOINT",
            "AIRS_DYNAMODB_ENDPOINT",
            "AIRS_SQS_ENDPOINT",
            // Bedrock's own blocked-message texts apply unless a deployment overrides them.
            "AIRS_BLOCKED_INPUT_MESSAGE",
            "AIRS_BLOCKED_OUTPUT_MESSAGE",
            // Guardrail trace and Bedrock client tuning have safe defaults.
            "AIRS_GUARDRAIL_TRACE",
            // ApplyGuardrail as a second signal is opt-in (the guardrail is already attached to Converse).
            "AIRS_APPLY_GUARDRAIL",
            "AIRS_BEDROCK_TIMEOUT_MS",
            "AIRS_BEDROCK_MAX_ATTEMPTS",
            // Oversight: raw content stays hidden from reviewers, and rejected decisions go to the DLQ,
            // unless a deployment chooses otherwise; the policy gives the first default.
            "AIRS_SHOW_RAW_CONTENT",
            "AIRS_REJECTED_DECISIONS",
            // One base URL for all severity queues, for emulators; the module sets each queue's URL.
            "AIRS_QUEUE_BASE_URL");

    /**
     * Literals the code completes at run time, with every completion: {@code "AIRS_QUEUE_URL_" +
     * severity.name()} reads one variable per severity.
     */
    private static final Map<String, List<String>> PREFIXES = Map.of(
            "AIRS_QUEUE_URL_", Arrays.stream(Severity.values()).map(Enum::name).toList());

    private static final Pattern VARIABLE = Pattern.compile("AIRS_[A-Z0-9_]+");

    private Set<String> readByCode;
    private Set<String> setByTerraform;

    @BeforeAll
    void collect() throws IOException {
        Path repo = TerraformAwsTest.infraDir().getParent().getParent();
        readByCode = readByCode(repo.resolve("aws/src/main/java"));
        setByTerraform = setByTerraform(TerraformAwsTest.infraDir());
        System.out.printf(
                "AIRS_ variables: %d read by code, %d set by Terraform, %d optional by design%n",
                readByCode.size(), setByTerraform.size(), OPTIONAL_BY_DESIGN.size());
    }

    @Test
    void everyVariableTheCodeReadsIsSetOrOptionalByDesign() {
        Set<String> missing = new TreeSet<>(readByCode);
        missing.removeAll(setByTerraform);
        missing.removeAll(OPTIONAL_BY_DESIGN);
        assertThat(missing)
                .as("read by aws/src/main/java but set by no aws_lambda_function")
                .isEmpty();
    }

    @Test
    void everyVariableTheTerraformSetsIsReadByTheCode() {
        Set<String> dead = new TreeSet<>(setByTerraform);
        dead.removeAll(readByCode);
        assertThat(dead)
                .as("set by infra/aws but read nowhere in aws/src/main/java")
                .isEmpty();
    }

    @Test
    void optionalVariablesAreStillReadAndNotAlsoSet() {
        assertThat(readByCode).containsAll(OPTIONAL_BY_DESIGN);
        assertThat(setByTerraform).doesNotContainAnyElementsOf(OPTIONAL_BY_DESIGN);
    }

    @Test
    void severityQueueUrlsAreReadOnePerSeverityAndAllSet() {
        List<String> perSeverity = Arrays.stream(Severity.values())
                .map(s -> "AIRS_QUEUE_URL_" + s.name())
                .toList();
        assertThat(perSeverity)
                .containsExactly(
                        "AIRS_QUEUE_URL_CRITICAL",
                        "AIRS_QUEUE_URL_HIGH",
                        "AIRS_QUEUE_URL_STANDARD",
                        "AIRS_QUEUE_URL_SAMPLING");
        assertThat(readByCode).containsAll(perSeverity);
        assertThat(setByTerraform).containsAll(perSeverity);
    }

    @Test
    void scannerReadsStringLiteralsOnly() {
        String source = """
                // env.get("AIRS_IN_LINE_COMMENT")
                /* "AIRS_IN_BLOCK_COMMENT" */
                /** {@code AIRS_IN_JAVADOC} */
                String a = env.get("AIRS_ONE");
                String b = "escaped \\" quote then AIRS_TWO";
                char c = '"';
                String d = "AIRS_QUEUE_URL_" + s.name();
                String e = \"""
                    text block AIRS_THREE
                    \""";
                String f = "not a variable: XAIRS_FOUR";
                """;
        assertThat(variablesIn(JavaSources.stringLiterals(source)))
                .containsExactlyInAnyOrder(
                        "AIRS_ONE",
                        "AIRS_TWO",
                        "AIRS_QUEUE_URL_CRITICAL",
                        "AIRS_QUEUE_URL_HIGH",
                        "AIRS_QUEUE_URL_STANDARD",
                        "AIRS_QUEUE_URL_SAMPLING",
                        "AIRS_THREE");
    }

    static Set<String> readByCode(Path sources) throws IOException {
        List<String> literals = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(sources)) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
                literals.addAll(JavaSources.stringLiterals(Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
        Set<String> variables = variablesIn(literals);
        assertThat(variables).as("AIRS_ variables in " + sources).isNotEmpty();
        return variables;
    }

    private static Set<String> variablesIn(List<String> literals) {
        Set<String> variables = new TreeSet<>();
        for (String literal : literals) {
            Matcher m = VARIABLE.matcher(literal);
            while (m.find()) {
                if (m.start() > 0 && isWordPart(literal.charAt(m.start() - 1))) {
                    continue;
                }
                String name = m.group();
                if (name.endsWith("_")) {
                    List<String> completions = PREFIXES.get(name);
                    assertThat(completions)
                            .as("the code completes " + name + " at run time: list its completions in PREFIXES")
                            .isNotNull();
                    completions.forEach(c -> variables.add(name + c));
                } else {
                    variables.add(name);
                }
            }
        }
        return variables;
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** Names of every {@code AIRS_} variable in the environment of any aws_lambda_function. */
    @SuppressWarnings("unchecked")
    static Set<String> setByTerraform(Path infra) throws IOException {
        Set<String> names = new TreeSet<>();
        int functions = 0;
        for (Path dir : TerraformFiles.directories(infra)) {
            TerraformFiles files = TerraformFiles.load(dir);
            for (var function : files.resources("aws_lambda_function").entrySet()) {
                functions++;
                String where = infra.relativize(dir) + "/aws_lambda_function." + function.getKey();
                Map<String, Object> environment = block(function.getValue(), "environment");
                assertThat(environment).as(where + " has an environment block").isNotNull();
                Object variables = plain(environment.get("variables"));
                if (variables instanceof String reference && reference.startsWith("local.")) {
                    variables = plain(files.locals().get(reference.substring("local.".length())));
                }
                assertThat(variables)
                        .as(where + ": environment variables as a map, or a local map")
                        .isInstanceOf(Map.class);
                for (String name : ((Map<String, Object>) variables).keySet()) {
                    if (name.startsWith("AIRS_")) {
                        names.add(name);
                    }
                }
            }
        }
        assertThat(functions).as("aws_lambda_function resources in " + infra).isPositive();
        return names;
    }
}

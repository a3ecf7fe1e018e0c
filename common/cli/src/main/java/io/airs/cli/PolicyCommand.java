package io.airs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.airs.cli.compile.AzureCompileOptions;
import io.airs.cli.compile.AzureRaiPolicyCompiler;
import io.airs.cli.compile.BedrockCompileOptions;
import io.airs.cli.compile.BedrockGuardrailCompiler;
import io.airs.core.Stage;
import io.airs.core.compile.DatabricksAiGatewayCompiler;
import io.airs.core.compile.DatabricksCompileOptions;
import io.airs.core.policy.Policy;
import io.airs.core.policy.PolicyException;
import io.airs.core.policy.PolicyLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code airs policy}: validate a policy, show it with defaults filled in, print its JSON Schema, compile
 * it to a cloud's native guardrail.
 */
@Command(
        name = "policy",
        mixinStandardHelpOptions = true,
        description = "Validates and inspects policies.",
        subcommands = {
            PolicyCommand.Check.class,
            PolicyCommand.Show.class,
            PolicyCommand.Schema.class,
            PolicyCommand.Compile.class
        })
final class PolicyCommand {

    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            description = "Validates a policy file; prints its name, tier, revision and checks, or every problem"
                    + " (file:line: key: reason) and exits 2.")
    static final class Check implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "Policy file (YAML or JSON)")
        Path file;

        @Override
        public Integer call() {
            Policy p;
            try {
                p = new PolicyLoader().load(file);
            } catch (PolicyException e) {
                System.err.println(e.getMessage());
                System.err.printf("%s: %d problem(s)%n", file, e.problems().size());
                return 2;
            }
            System.out.printf("%s: ok (name %s, tier %s, revision %s)%n", file, p.name(), p.riskTier(), p.revision());
            for (Stage s : Stage.values()) {
                StringBuilder sb = new StringBuilder();
                for (Policy.CheckConfig c : p.checks(s)) {
                    sb.append(sb.length() == 0 ? "" : ", ")
                            .append(c.name())
                            .append(" ≥")
                            .append(c.threshold())
                            .append(" → ")
                            .append(c.action().wireName());
                }
                System.out.printf("  %-9s %s%n", s.wireName(), sb.length() == 0 ? "(no checks)" : sb);
            }
            return 0;
        }
    }

    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = "Prints a policy (default: the built-in one) as canonical JSON with defaults filled in.")
    static final class Show implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", arity = "0..1", description = "Policy file (default: the built-in policy)")
        Path file;

        @Override
        public Integer call() {
            PolicyOption o = new PolicyOption();
            o.file = file;
            System.out.println(new PolicyLoader().toCanonicalJson(o.load()));
            return 0;
        }
    }

    @Command(name = "schema", mixinStandardHelpOptions = true, description = "Prints the policy JSON Schema.")
    static final class Schema implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            try (InputStream in = PolicyLoader.class.getResourceAsStream("/io/airs/core/policy/policy.schema.json")) {
                System.out.print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            return 0;
        }
    }

    @Command(
            name = "compile",
            mixinStandardHelpOptions = true,
            description = "Prints the native guardrail configuration a policy compiles to (bedrock: the body of a"
                    + " CreateGuardrail request, --terraform-out also writes the aws_bedrock_guardrail arguments;"
                    + " azure: the body of a raiPolicies PUT, which Terraform reads as is; databricks: the body of"
                    + " PUT /api/2.0/serving-endpoints/{name}/ai-gateway). What the native filter cannot express"
                    + " goes to standard error.")
    static final class Compile implements Callable<Integer> {
        /** The targets, for the error that names them. */
        static final String TARGETS = "azure, bedrock, databricks";

        @Spec
        CommandSpec spec;

        @Mixin
        PolicyOption policy = new PolicyOption();

        @Option(
                names = "--target",
                required = true,
                paramLabel = "TARGET",
                description = "azure, bedrock or databricks")
        String target;

        @Option(
                names = "--name",
                paramLabel = "NAME",
                description = "bedrock and azure: guardrail or RAI policy name (default: airs-<policy name>)")
        String name;

        @Option(names = "--out", paramLabel = "FILE", description = "Write the request body here instead of stdout")
        Path out;

        @Option(
                names = "--terraform-out",
                paramLabel = "FILE",
                description = "bedrock only: also write the guardrail as Terraform-friendly JSON (snake_case"
                        + " arguments of aws_bedrock_guardrail) for jsondecode(file(...))")
        Path terraformOut;

        @Option(
                names = "--catalog",
                paramLabel = "CATALOG",
                description = "databricks only: log payloads to an inference table in this Unity Catalog catalog"
                        + " (with --schema)")
        String catalog;

        @Option(
                names = "--schema",
                paramLabel = "SCHEMA",
                description = "databricks only: the inference table's schema (with --catalog)")
        String schema;

        @Option(
                names = "--table-prefix",
                paramLabel = "PREFIX",
                description = "databricks only: the inference table's name prefix (default: the endpoint's name)")
        String tablePrefix;

        @Option(
                names = "--fallback",
                description = "databricks only: a failed request falls back to the endpoint's other served entities")
        boolean fallback;

        @Override
        public Integer call() throws IOException {
            return switch (target) {
                case "bedrock" -> bedrock();
                case "azure" -> azure();
                case "databricks" -> databricks();
                default ->
                    throw new UsageException("--target " + target + " is not supported (supported: " + TARGETS + ")");
            };
        }

        private void databricksOnly(String target) {
            if (catalog != null || schema != null || tablePrefix != null || fallback) {
                throw new UsageException("--catalog, --schema, --table-prefix and --fallback are for --target"
                        + " databricks, not " + target);
            }
        }

        private int bedrock() throws IOException {
            databricksOnly("bedrock");
            BedrockCompileOptions options;
            try {
                options = new BedrockCompileOptions(name, null, null);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--name: " + e.getMessage());
            }
            Policy p = policy.load();
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            BedrockGuardrailCompiler compiler = new BedrockGuardrailCompiler(mapper);
            write(mapper.writeValueAsString(compiler.createGuardrailRequest(p, options)) + "\n");
            if (terraformOut != null) {
                Files.writeString(
                        terraformOut,
                        mapper.writeValueAsString(compiler.terraform(p, options)) + "\n",
                        StandardCharsets.UTF_8);
            }
            notEnforced(p, "the Bedrock guardrail");
            return 0;
        }

        private int azure() throws IOException {
            databricksOnly("azure");
            if (terraformOut != null) {
                throw new UsageException("--terraform-out is for --target bedrock: Terraform reads the azure"
                        + " output as is (azurerm_cognitive_account_rai_policy through jsondecode)");
            }
            AzureCompileOptions options;
            try {
                options = new AzureCompileOptions(name);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--name: " + e.getMessage());
            }
            Policy p = policy.load();
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            AzureRaiPolicyCompiler compiler = new AzureRaiPolicyCompiler(mapper);
            write(mapper.writeValueAsString(compiler.raiPolicy(p, options)) + "\n");
            PrintWriter err = spec.commandLine().getErr();
            err.printf(
                    "airs: the Azure content filter cannot express all of policy %s (revision %s); AIRS alone"
                            + " enforces:%n",
                    p.name(), p.revision());
            for (String line : compiler.enforcedOnlyByAirs(p)) {
                err.println("  " + line);
            }
            err.flush();
            notEnforced(p, "the Azure content filter");
            return 0;
        }

        private int databricks() throws IOException {
            if (terraformOut != null) {
                throw new UsageException(
                        "--terraform-out is for --target bedrock: the databricks output's keys are"
                                + " already those of the ai_gateway block of databricks_model_serving (read it with jsondecode)");
            }
            if (name != null) {
                throw new UsageException("--name is for bedrock and azure: the serving endpoint's name goes in the"
                        + " URL (PUT /api/2.0/serving-endpoints/{name}/ai-gateway), not in the body");
            }
            DatabricksCompileOptions options;
            try {
                options = new DatabricksCompileOptions(catalog, schema, tablePrefix, fallback);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--catalog/--schema/--table-prefix: " + e.getMessage());
            }
            Policy p = policy.load();
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            DatabricksAiGatewayCompiler compiler = new DatabricksAiGatewayCompiler(mapper);
            write(mapper.writeValueAsString(compiler.aiGateway(p, options)) + "\n");
            PrintWriter err = spec.commandLine().getErr();
            err.printf(
                    "airs: the Databricks AI Gateway cannot express all of policy %s (revision %s); AIRS alone"
                            + " enforces:%n",
                    p.name(), p.revision());
            for (String line : compiler.enforcedOnlyByAirs(p)) {
                err.println("  " + line);
            }
            List<String> gatewayOnly = DatabricksAiGatewayCompiler.enforcedOnlyByGateway(p);
            if (!gatewayOnly.isEmpty()) {
                err.println("airs: the AI Gateway alone enforces (AIRS does not):");
                gatewayOnly.forEach(line -> err.println("  " + line));
            }
            if (!options.inferenceTable()) {
                err.println("airs: no inference table (give --catalog and --schema to log payloads for the"
                        + " Databricks judge job)");
            }
            err.flush();
            return 0;
        }

        /** Lists what neither AIRS nor {@code target} enforces: the settings only a Databricks gateway reads. */
        private void notEnforced(Policy p, String target) {
            List<String> gatewayOnly = DatabricksAiGatewayCompiler.enforcedOnlyByGateway(p);
            if (gatewayOnly.isEmpty()) {
                return;
            }
            PrintWriter err = spec.commandLine().getErr();
            err.printf("airs: neither AIRS nor %s enforces (only --target databricks does):%n", target);
            gatewayOnly.forEach(line -> err.println("  " + line));
            err.flush();
        }

        private void write(String body) throws IOException {
            if (out == null) {
                PrintWriter w = spec.commandLine().getOut();
                w.print(body);
                w.flush();
            } else {
                Files.writeString(out, body, StandardCharsets.UTF_8);
            }
        }
    }
}

package io.airs.cli;

import io.airs.core.Stage;
import io.airs.core.policy.Policy;
import io.airs.core.policy.PolicyException;
import io.airs.core.policy.PolicyLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code airs policy}: validate a policy, show it with defaults filled in, print its JSON Schema. */
@Command(
        name = "policy",
        mixinStandardHelpOptions = true,
        description = "Validates and inspects policies.",
        subcommands = {PolicyCommand.Check.class, PolicyCommand.Show.class, PolicyCommand.Schema.class})
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
}

package io.airs.cli;

import io.airs.core.policy.Policy;
import io.airs.core.policy.PolicyException;
import io.airs.core.policy.PolicyLoader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --policy F} option shared by the commands; the built-in default when absent. */
final class PolicyOption {

    @Option(
            names = {"-p", "--policy"},
            paramLabel = "FILE",
            description = "Policy file (YAML or JSON). Default: the built-in default policy.")
    Path file;

    /** Loads the policy; throws {@link UsageException} with every problem when it is unusable. */
    Policy load() {
        try {
            return file == null ? PolicyLoader.defaultPolicy() : new PolicyLoader().load(file);
        } catch (PolicyException e) {
            throw new UsageException("policy rejected:\n" + e.getMessage());
        }
    }
}

package io.airs.testkit.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every Terraform stack is checked for in the JVM (hcl4j and {@link HclLayout}): it is a module
 * and a complete example, each with the standard files, and every {@code .tf} file under it parses
 * and is laid out as {@code terraform fmt} writes it. A platform
 * module's test implements it beside the checks of its own stack; {@link HclStackContract} is the
 * same with HashiCorp's own tools.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public interface TerraformStackContract {

    /** The stack's module, under {@link #infra()}. */
    String MODULE = "modules/airs";

    /** The stack's complete example, under {@link #infra()}, which calls the module. */
    String EXAMPLE = "examples/complete";

    /** The stack's directory, such as {@code infra/azure}. */
    Path infra();

    @Test
    default void theStackIsAModuleAndACompleteExampleWithTheStandardFiles() throws IOException {
        assertThat(TerraformFiles.directories(infra()))
                .containsExactly(infra().resolve(EXAMPLE), infra().resolve(MODULE));
        for (String dir : List.of(EXAMPLE, MODULE)) {
            for (String file : List.of("main.tf", "variables.tf", "outputs.tf", "versions.tf")) {
                Path tf = infra().resolve(dir).resolve(file);
                assertThat(tf).as(tf.toString()).isRegularFile();
                assertThat(Files.readString(tf)).as(tf.toString()).isNotBlank();
            }
        }
    }

    /** Every {@code .tf} file of the stack. */
    default Stream<Path> terraformFiles() throws IOException {
        return TerraformFiles.tfFilesUnder(infra()).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("terraformFiles")
    default void everyTerraformFileParses(Path file) {
        assertThat(TerraformFiles.parse(file)).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("terraformFiles")
    default void everyTerraformFileIsLaidOutAsTerraformFmtWould(Path file) throws IOException {
        assertThat(HclLayout.problems(Files.readString(file))).isEmpty();
    }
}

package io.airs.testkit.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every Terraform stack is checked for in the JVM (hcl4j and {@link HclLayout}): every {@code
 * .tf} file under the stack parses and is laid out as {@code terraform fmt} writes it. A platform
 * module's test implements it beside the checks of its own stack; {@link HclStackContract} is the
 * same with HashiCorp's own tools.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public interface TerraformStackContract {

    /** The stack's directory, such as {@code infra/azure}. */
    Path infra();

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

package io.airs.testkit.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every Terraform stack is checked for with HashiCorp's own tools ({@link HclTools}): the tools
 * work (they reject broken HCL and rewrite a bad layout), they saw every {@code .tf} file of the stack
 * and its module and example directories, and every file parses and is laid out as {@code terraform
 * fmt} writes it. A platform module's test implements it and adds the checks of its own stack.
 *
 * <pre>{@code
 * class TerraformAzureHclToolsTest implements HclStackContract {
 *     private final HclTools hcl = ...;
 *     public HclTools hcl() { return hcl; }
 *     public Path infra() { return AzureStack.infra(); }
 * }
 * }</pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public interface HclStackContract {

    /** The tools' report over the stack (run once per test class). */
    HclTools hcl();

    /** The stack's directory, such as {@code infra/azure}. */
    Path infra();

    /** The stack's directories, relative to {@link #infra()}: its module and its complete example. */
    default List<String> stackDirectories() {
        return List.of("examples/complete", "modules/airs");
    }

    /** Every {@code .tf} file of the stack, relative to {@link #infra()}. */
    default Stream<String> tfFiles() throws IOException {
        Path infra = infra();
        return TerraformFiles.tfFilesUnder(infra).stream()
                .map(p -> infra.relativize(p).toString().replace('\\', '/'));
    }

    @Test
    default void toolsReportProblemsWhenThereAreSome() {
        assertThat(hcl().selfCheck().path("formatterRewritesBadLayout").asBoolean())
                .as("hcl-tools rewrites a misindented block")
                .isTrue();
        assertThat(hcl().selfCheck().path("parserRejectsBrokenHcl").asBoolean())
                .as("hcl2json rejects an attribute without a value")
                .isTrue();
    }

    @Test
    default void checksEveryTerraformFileAndNothingElse() throws IOException {
        assertThat(hcl().files().stream().map(f -> f.path("path").asText()))
                .containsExactlyInAnyOrderElementsOf(tfFiles().toList());
        assertThat(hcl().directories()).containsExactlyInAnyOrderElementsOf(stackDirectories());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tfFiles")
    default void everyTerraformFileParsesWithHcl2json(String path) {
        JsonNode file = hcl().file(path);
        assertThat(file.path("parseError").isNull())
                .as(path + ": " + file.path("parseError").asText())
                .isTrue();
        assertThat(file.path("parsed").isObject() && !file.path("parsed").isEmpty())
                .as(path + " declares something")
                .isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tfFiles")
    default void everyTerraformFileIsUnchangedByTerraformFmt(String path) {
        JsonNode file = hcl().file(path);
        assertThat(file.path("fmtClean").asBoolean())
                .as(path + " differs from the formatted file from line "
                        + file.path("firstUnformattedLine").asText() + " (run terraform fmt)")
                .isTrue();
    }
}

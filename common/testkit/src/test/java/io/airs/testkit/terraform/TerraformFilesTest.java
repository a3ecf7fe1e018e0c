package io.airs.testkit.terraform;

import static io.airs.testkit.terraform.TerraformFiles.block;
import static io.airs.testkit.terraform.TerraformFiles.plain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerraformFilesTest {

    @TempDir
    Path dir;

    @Test
    void mergesADirectoryAndNamesUnresolvedReferences() throws IOException {
        Files.writeString(dir.resolve("main.tf"), """
                resource "x_queue" "q" {
                  name = var.name
                  redrive {
                    max = 5
                  }
                }
                """);
        Files.writeString(dir.resolve("variables.tf"), """
                variable "name" {
                  type        = string
                  description = "Queue name."
                }
                """);
        Files.createDirectories(dir.resolve("sub/.terraform/modules"));
        Files.writeString(dir.resolve("sub/.terraform/modules/ignored.tf"), "locals {}\n");
        Files.writeString(dir.resolve("sub/example.tf"), "locals {}\n");

        TerraformFiles files = TerraformFiles.load(dir);

        assertThat(plain(files.resources("x_queue").get("q").get("name"))).isEqualTo("var.name");
        assertThat(block(files.resources("x_queue").get("q"), "redrive")).containsEntry("max", 5.0);
        assertThat(files.variables()).containsKey("name");
        assertThat(files.source("variables.tf")).contains("Queue name.");
        assertThat(TerraformFiles.tfFilesUnder(dir))
                .containsExactly(dir.resolve("main.tf"), dir.resolve("sub/example.tf"), dir.resolve("variables.tf"));
        assertThat(TerraformFiles.directories(dir)).containsExactly(dir, dir.resolve("sub"));
    }

    @Test
    void failsOnAFileItCannotParse() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.tf"), "resource \"a\" \"b\" {\n  x = = 1\n}\n");
        assertThatThrownBy(() -> TerraformFiles.parse(broken)).isInstanceOf(AssertionError.class);
    }
}

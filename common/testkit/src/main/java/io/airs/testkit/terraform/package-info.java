/**
 * Checks for the Terraform stacks in {@code infra/} that need no terraform binary: {@link
 * io.airs.testkit.terraform.TerraformFiles} parses a stack with hcl4j, {@link
 * io.airs.testkit.terraform.HclTools} runs HashiCorp's own parser and formatter (from npm, under
 * {@code node}) over it, {@link io.airs.testkit.terraform.HclLayout} checks the layout {@code terraform
 * fmt} would write, and {@link io.airs.testkit.terraform.JavaSources} reads the string literals of the
 * code a stack configures. Each cloud module's tests use them to tie its stack to its code.
 */
package io.airs.testkit.terraform;

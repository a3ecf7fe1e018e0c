/**
 * Tests of the Terraform in {@code infra/databricks}: parsed by hcl4j and by HashiCorp's own HCL
 * parser and formatter, and tied to the code it deploys (the tables of {@link
 * io.airs.databricks.tables.Tables}, the judge job's main class, the compiled AI Gateway body).
 */
package io.airs.databricks.infra;

/** The Delta tables the product owns in a Databricks workspace. */
package io.airs.databricks.tables;

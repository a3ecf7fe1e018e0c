/** The Databricks package's command line: the gateway service and the AI Gateway sync. */
package io.airs.databricks;

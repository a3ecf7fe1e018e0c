/** The Databricks workspace: SDK client and authentication (token or OAuth machine-to-machine). */
package io.airs.databricks.workspace;

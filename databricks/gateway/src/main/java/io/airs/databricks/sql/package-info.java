/** SQL on a Databricks SQL warehouse, through the SDK's Statement Execution API. */
package io.airs.databricks.sql;

/** Kill switches in the breaker Delta table, shared by the gateway and the judge job. */
package io.airs.databricks.breaker;

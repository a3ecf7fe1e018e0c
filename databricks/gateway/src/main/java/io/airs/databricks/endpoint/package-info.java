/**
 * Serving endpoints seen through the Databricks SDK: an endpoint's AI Gateway settings read, saved,
 * replaced by a kill switch (rate limits of zero) and restored, for the circuit breakers of the judge
 * job and the gateway.
 */
package io.airs.databricks.endpoint;

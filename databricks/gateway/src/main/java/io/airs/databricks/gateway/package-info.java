/**
 * The enforcement gateway in front of Databricks serving endpoints: their own route and the OpenAI
 * route, every layer of the core, the workspace reached as the gateway's own identity.
 */
package io.airs.databricks.gateway;

/**
 * The judge at scale: a Spark job (a Databricks JAR task) that reads a serving endpoint's inference
 * table incrementally, runs the guardrails, the inline classifier and the sampled LLM judge over
 * every request and response, and writes verdicts, escalations, breaker state and hash-chained
 * evidence to Delta tables with MERGE, so that a re-run writes nothing twice.
 */
package io.airs.databricks.job;

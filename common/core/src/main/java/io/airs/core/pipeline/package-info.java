/**
 * The enforcement pipeline: normalise, run the stage's guardrails, combine their verdicts (block
 * beats escalate beats modify beats allow), redact when the policy says so, and record evidence.
 * {@link io.airs.core.pipeline.Enforcer} is the entry point every platform calls.
 */
package io.airs.core.pipeline;

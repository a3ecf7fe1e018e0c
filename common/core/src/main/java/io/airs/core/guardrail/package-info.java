/**
 * Deterministic guardrails: the {@link io.airs.core.guardrail.Guardrail} port and its detectors
 * (prompt injection and jailbreak, PII, secrets, size limits), each in a sub-package of its own.
 */
package io.airs.core.guardrail;

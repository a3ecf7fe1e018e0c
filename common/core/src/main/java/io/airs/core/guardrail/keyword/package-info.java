/**
 * Denied keywords and phrases: a policy's own word list matched as whole words, case-insensitively,
 * over normalised text. Entry point: {@link io.airs.core.guardrail.keyword.KeywordGuardrail}.
 */
package io.airs.core.guardrail.keyword;

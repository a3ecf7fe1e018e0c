/**
 * Redaction of findings in text: masking, typed numbered placeholders, and reversible pseudonyms held
 * per session in a {@link io.airs.core.redact.PseudonymVault} so a model's answer can be restored
 * before it reaches the user.
 */
package io.airs.core.redact;

/**
 * Secret and credential detection: provider token formats (converted from the gitleaks rule list and
 * prefiltered by an Aho-Corasick keyword pass), PEM private keys, JWTs, credentials in URLs and
 * connection strings, and password or token assignments in code and configuration, gated by key
 * context, Shannon entropy and placeholder tests. Entry point: {@link
 * io.airs.core.guardrail.secret.SecretGuardrail}.
 */
package io.airs.core.guardrail.secret;

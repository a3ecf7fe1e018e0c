/**
 * Compiles a policy into a cloud's native filter configuration ({@code airs policy compile}), so the
 * cloud's own filters and the in-process guardrails enforce the same policy. Pure functions of the
 * policy: no cloud SDK, only the JSON each cloud's API and Terraform provider read.
 */
package io.airs.cli.compile;

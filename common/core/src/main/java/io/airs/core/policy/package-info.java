/**
 * The policy: its model ({@link io.airs.core.policy.Policy} and the settings records), strict loading
 * from YAML or JSON with errors that name file, line, key and reason, the computed revision hash, and
 * the built-in default policy and per-tier examples.
 */
package io.airs.core.policy;

/**
 * The enforcement core's value types: stages, risk tiers, categories, findings, actions and the
 * sealed {@link io.airs.core.Decision}.
 */
package io.airs.core;

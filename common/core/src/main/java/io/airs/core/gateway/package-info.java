/**
 * The four layers around one request: circuit breakers admit it, the guardrails check it, the judge
 * evaluates it (classifier, then LLM), and oversight holds it for a human when needed, each under
 * its PACE state and the risk tier's fail posture, with one evidence record per decision. {@link
 * io.airs.core.gateway.Gateway} is what every entry point (the local runner, each cloud's function)
 * calls; the layers' configuration comes from the policy through {@link
 * io.airs.core.gateway.LayerConfigs}.
 */
package io.airs.core.gateway;

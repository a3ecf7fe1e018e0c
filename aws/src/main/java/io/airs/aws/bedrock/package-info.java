/**
 * The Bedrock guardrail hook: a Lambda Function URL that speaks Bedrock Converse's own wire format
 * (so an application only changes its endpoint), checks every user turn before the model and the
 * answer after it through the core's {@link io.airs.core.gateway.Gateway}, and answers the way
 * Bedrock does when its own guardrail intervenes. It also serves the native {@code /v1/evaluate}
 * wire and escalation outcomes.
 */
package io.airs.aws.bedrock;

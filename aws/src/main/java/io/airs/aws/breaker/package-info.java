/**
 * The AWS edges of the circuit breakers: human kill switches read from an AppConfig feature-flag
 * profile ({@link io.airs.aws.breaker.AppConfigFlagSource}), automatic trips shared by every Lambda
 * instance through a DynamoDB table ({@link io.airs.aws.breaker.DynamoTripStore}, fed by {@link
 * io.airs.aws.breaker.TripPublishingEvidenceSink}), CloudWatch embedded-metric-format lines for
 * alarms ({@link io.airs.aws.breaker.EmfMetrics}) and the function a CloudWatch alarm invokes to
 * trip or reset a scope ({@link io.airs.aws.breaker.AlarmTripHandler}). The breaker logic itself
 * stays in {@code io.airs.core.breaker}.
 */
package io.airs.aws.breaker;

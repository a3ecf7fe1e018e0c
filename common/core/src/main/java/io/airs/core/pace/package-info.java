/**
 * PACE resilience (Primary, Alternate, Contingency, Emergency) for each control layer: a pure
 * transition function over one table ({@link io.airs.core.pace.PaceMachine}) driven by observed
 * latency and failures, a thread-safe {@link io.airs.core.pace.PaceMonitor} that records every
 * transition as evidence and trips the global breaker when two layers are in emergency, and {@link
 * io.airs.core.pace.PacePolicy}, which says how a degraded layer behaves at each risk tier.
 */
package io.airs.core.pace;

/**
 * Circuit breakers ("circuit breakers contain"): per-scope kill switches flipped by a person through
 * a {@link io.airs.core.breaker.FlagSource}, and automatic breakers tripped by block rate, upstream
 * error rate, judge failures or repeated guardrail blocks of one agent. Transitions are a pure
 * function over a single table ({@link io.airs.core.breaker.BreakerMachine}); {@link
 * io.airs.core.breaker.Breakers} is the thread-safe registry the pipeline consults, and every
 * transition leaves an evidence record.
 */
package io.airs.core.breaker;

package io.airs.core.breaker;

import java.time.Instant;

/**
 * One scope as {@code GET /v1/breakers} reports it. When a human flag is open on the scope it wins:
 * the view then says {@code OPEN} with source {@link BreakerSource#FLAG} and the flag's reason and
 * time, whatever the automatic breaker says.
 *
 * @param scope the scope
 * @param state the effective state
 * @param source who put it there
 * @param reason the flag's note or the breaker's reason code
 * @param since when that state began (the flag's {@code updatedAt} for a flag)
 * @param counts the scope's current window counts
 */
public record BreakerView(
        Scope scope, BreakerState state, BreakerSource source, String reason, Instant since, WindowCounts counts) {}

package io.airs.core.breaker;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Several flag sources read as one: a scope is cut off when any source has its flag open. When more
 * than one has an opinion, the first open flag in source order wins (list the human kill switches
 * first so their note is the one shown); when none is open, the first source's closed flag is kept.
 *
 * <pre>{@code
 * FlagSource flags = new CompositeFlagSource(List.of(appConfigFlags, cachedTrips));
 * }</pre>
 *
 * <p>Wrap each remote source in a {@link io.airs.core.breaker.CachedFlagSource} before composing
 * them, so one failing source does not hide the others: a source that throws here fails the read.
 */
public final class CompositeFlagSource implements FlagSource {

    private final List<FlagSource> sources;

    /** @param sources the sources, in order of precedence; at least one */
    public CompositeFlagSource(List<FlagSource> sources) {
        this.sources = List.copyOf(Objects.requireNonNull(sources, "sources"));
        if (this.sources.isEmpty()) {
            throw new IllegalArgumentException("at least one flag source");
        }
    }

    /** Convenience for two sources. */
    public CompositeFlagSource(FlagSource first, FlagSource second) {
        this(List.of(first, second));
    }

    @Override
    public FlagSnapshot read() {
        if (sources.size() == 1) {
            return sources.get(0).read();
        }
        Map<Scope, Flag> merged = new HashMap<>();
        for (FlagSource source : sources) {
            FlagSnapshot s = Objects.requireNonNull(source.read(), "flag source returned null");
            for (var e : s.flags().entrySet()) {
                Flag have = merged.get(e.getKey());
                if (have == null || (!have.open() && e.getValue().open())) {
                    merged.put(e.getKey(), e.getValue());
                }
            }
        }
        return new FlagSnapshot(merged);
    }
}

package io.airs.core.breaker;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The kill switches as read at one moment, by scope.
 *
 * @param flags each scope's flag; scopes without an entry are not switched
 */
public record FlagSnapshot(Map<Scope, Flag> flags) {

    private static final FlagSnapshot EMPTY = new FlagSnapshot(Map.of());

    public FlagSnapshot {
        flags = Map.copyOf(Objects.requireNonNull(flags, "flags"));
    }

    /** A snapshot with no flags. */
    public static FlagSnapshot empty() {
        return EMPTY;
    }

    /** The flag set for {@code scope}, if any. */
    public Optional<Flag> flag(Scope scope) {
        return Optional.ofNullable(flags.get(scope));
    }

    /** Whether the flag for {@code scope} exists and is open. */
    public boolean isOpen(Scope scope) {
        Flag f = flags.get(scope);
        return f != null && f.open();
    }
}

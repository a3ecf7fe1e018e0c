package io.airs.core.breaker;

/**
 * Port to the human kill switches: a cloud's feature-flag service (AppConfig, App Configuration,
 * a Databricks table) or a local file. Implementations say what they read ({@link FileFlagSource},
 * {@code AppConfigFlagSource}).
 *
 * <pre>{@code
 * FlagSource flags = new CachedFlagSource(new FileFlagSource(path), Duration.ofSeconds(1), clock);
 * boolean cut = flags.read().isOpen(Scope.agent("ops-bot"));
 * }</pre>
 */
public interface FlagSource {

    /**
     * The current flags.
     *
     * @throws RuntimeException when the flags cannot be read; wrap the source in a {@link
     *     CachedFlagSource} to keep serving the last good snapshot instead
     */
    FlagSnapshot read();
}

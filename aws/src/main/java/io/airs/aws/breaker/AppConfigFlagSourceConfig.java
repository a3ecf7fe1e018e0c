package io.airs.aws.breaker;

import java.time.Duration;
import java.util.Objects;

/**
 * Where {@link AppConfigFlagSource} reads the kill switches and how often.
 *
 * @param application AppConfig application id or name; default {@code airs}; not blank
 * @param environment AppConfig environment id or name; default {@code default}; not blank
 * @param profile feature-flag configuration profile id or name; default {@code kill-switches}; not
 *     blank
 * @param minimumPollInterval sent as {@code RequiredMinimumPollIntervalInSeconds}: the shortest
 *     time between two polls the session allows; whole seconds, 15 s to 24 h (AppConfig's range);
 *     default 15 seconds
 * @param cacheTtl how long {@link AppConfigFlagSource#cached} serves a read before asking again,
 *     which is also how soon it retries after AppConfig failed; zero or more; default 1 second
 */
public record AppConfigFlagSourceConfig(
        String application, String environment, String profile, Duration minimumPollInterval, Duration cacheTtl) {

    private static final Duration MIN_POLL = Duration.ofSeconds(15);
    private static final Duration MAX_POLL = Duration.ofHours(24);
    private static final AppConfigFlagSourceConfig DEFAULTS = new AppConfigFlagSourceConfig(
            "airs", "default", "kill-switches", Duration.ofSeconds(15), Duration.ofSeconds(1));

    public AppConfigFlagSourceConfig {
        requireText(application, "application");
        requireText(environment, "environment");
        requireText(profile, "profile");
        Objects.requireNonNull(minimumPollInterval, "minimumPollInterval");
        Objects.requireNonNull(cacheTtl, "cacheTtl");
        if (minimumPollInterval.compareTo(MIN_POLL) < 0 || minimumPollInterval.compareTo(MAX_POLL) > 0) {
            throw new IllegalArgumentException("minimumPollInterval must be 15 s to 24 h, was " + minimumPollInterval);
        }
        if (cacheTtl.isNegative()) {
            throw new IllegalArgumentException("cacheTtl must not be negative");
        }
    }

    /** The documented defaults. */
    public static AppConfigFlagSourceConfig defaults() {
        return DEFAULTS;
    }

    /** The defaults with these AppConfig identifiers. */
    public static AppConfigFlagSourceConfig of(String application, String environment, String profile) {
        return new AppConfigFlagSourceConfig(
                application, environment, profile, DEFAULTS.minimumPollInterval, DEFAULTS.cacheTtl);
    }

    /** This configuration with another poll interval. */
    public AppConfigFlagSourceConfig withMinimumPollInterval(Duration interval) {
        return new AppConfigFlagSourceConfig(application, environment, profile, interval, cacheTtl);
    }

    /** This configuration with another cache TTL. */
    public AppConfigFlagSourceConfig withCacheTtl(Duration ttl) {
        return new AppConfigFlagSourceConfig(application, environment, profile, minimumPollInterval, ttl);
    }

    private static void requireText(String s, String name) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}

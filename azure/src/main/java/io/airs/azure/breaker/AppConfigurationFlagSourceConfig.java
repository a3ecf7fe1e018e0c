package io.airs.azure.breaker;

import io.airs.azure.AzureSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Which kill switches {@link AppConfigurationFlagSource} reads and how long they are served.
 *
 * @param label the App Configuration label of the kill-switch flags; null for flags without a label
 *     (App Configuration's "no label"); not blank
 * @param cacheTtl how long {@link AppConfigurationFlagSource#cached} serves a read before asking
 *     again, which is also how soon it retries after App Configuration failed; zero to one day;
 *     default {@value AzureSettings#DEFAULT_FLAG_CACHE_SECONDS} seconds
 */
public record AppConfigurationFlagSourceConfig(String label, Duration cacheTtl) {

    private static final Duration MAX_TTL = Duration.ofDays(1);
    private static final AppConfigurationFlagSourceConfig DEFAULTS =
            new AppConfigurationFlagSourceConfig(null, Duration.ofSeconds(AzureSettings.DEFAULT_FLAG_CACHE_SECONDS));

    public AppConfigurationFlagSourceConfig {
        if (label != null && label.isBlank()) {
            throw new IllegalArgumentException("label must not be blank (null means no label)");
        }
        Objects.requireNonNull(cacheTtl, "cacheTtl");
        if (cacheTtl.isNegative() || cacheTtl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("cacheTtl must be zero to one day, was " + cacheTtl);
        }
    }

    /** No label, and the default cache TTL. */
    public static AppConfigurationFlagSourceConfig defaults() {
        return DEFAULTS;
    }

    /**
     * From the application settings {@code AIRS_APPCONFIG_LABEL} (absent or blank: no label) and
     * {@code AIRS_FLAG_CACHE_SECONDS} (absent: the default).
     *
     * @throws IllegalArgumentException naming the setting when a value is malformed
     */
    public static AppConfigurationFlagSourceConfig fromSettings(Map<String, String> settings) {
        Objects.requireNonNull(settings, "settings");
        String label = settings.get(AzureSettings.APPCONFIG_LABEL);
        String seconds = settings.get(AzureSettings.FLAG_CACHE_SECONDS);
        Duration ttl = DEFAULTS.cacheTtl;
        if (seconds != null && !seconds.isBlank()) {
            long n;
            try {
                n = Long.parseLong(seconds.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        AzureSettings.FLAG_CACHE_SECONDS + " must be a whole number of seconds, was '" + seconds + "'");
            }
            if (n < 0 || n > MAX_TTL.toSeconds()) {
                throw new IllegalArgumentException(
                        AzureSettings.FLAG_CACHE_SECONDS + " must be 0 to " + MAX_TTL.toSeconds() + ", was " + n);
            }
            ttl = Duration.ofSeconds(n);
        }
        return new AppConfigurationFlagSourceConfig(label == null || label.isBlank() ? null : label, ttl);
    }

    /** This configuration with another label (null: no label). */
    public AppConfigurationFlagSourceConfig withLabel(String label) {
        return new AppConfigurationFlagSourceConfig(label, cacheTtl);
    }

    /** This configuration with another cache TTL. */
    public AppConfigurationFlagSourceConfig withCacheTtl(Duration ttl) {
        return new AppConfigurationFlagSourceConfig(label, ttl);
    }

    /**
     * The label as an App Configuration label filter: {@code \0} for no label, else the label with
     * the filter's reserved characters ({@code * , \}) escaped so that it matches exactly.
     */
    String labelFilter() {
        if (label == null) {
            return "\0";
        }
        StringBuilder b = new StringBuilder(label.length() + 4);
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (c == '*' || c == ',' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }
}

package io.airs.azure.breaker;

import io.airs.azure.AzureSettings;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where {@link TableTripStore} keeps the shared trips.
 *
 * @param tableName the Azure Storage table; default {@value AzureSettings#DEFAULT_TRIP_TABLE}; 3 to 63
 *     letters and digits, starting with a letter (Azure's rule for table names)
 * @param maxAttempts conditional writes tried before a write under contention gives up; default 5;
 *     1 to 50
 */
public record TableTripStoreConfig(String tableName, int maxAttempts) {

    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{2,62}");
    private static final TableTripStoreConfig DEFAULTS = new TableTripStoreConfig(AzureSettings.DEFAULT_TRIP_TABLE, 5);

    public TableTripStoreConfig {
        Objects.requireNonNull(tableName, "tableName");
        if (!TABLE_NAME.matcher(tableName).matches()) {
            throw new IllegalArgumentException(
                    "table name must be 3 to 63 letters and digits starting with a letter, was '" + tableName + "'");
        }
        if (maxAttempts < 1 || maxAttempts > 50) {
            throw new IllegalArgumentException("maxAttempts must be in [1, 50], was " + maxAttempts);
        }
    }

    /** The documented defaults. */
    public static TableTripStoreConfig defaults() {
        return DEFAULTS;
    }

    /** The defaults with another table. */
    public static TableTripStoreConfig table(String tableName) {
        return new TableTripStoreConfig(tableName, DEFAULTS.maxAttempts);
    }

    /**
     * From the application setting {@code AIRS_TRIP_TABLE} (absent or blank: the default table).
     *
     * @throws IllegalArgumentException naming the setting when the table name is not valid
     */
    public static TableTripStoreConfig fromSettings(Map<String, String> settings) {
        Objects.requireNonNull(settings, "settings");
        String name = settings.get(AzureSettings.TRIP_TABLE);
        if (name == null || name.isBlank()) {
            return DEFAULTS;
        }
        try {
            return table(name.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(AzureSettings.TRIP_TABLE + ": " + e.getMessage(), e);
        }
    }
}

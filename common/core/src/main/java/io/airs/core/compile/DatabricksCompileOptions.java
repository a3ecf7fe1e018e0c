package io.airs.core.compile;

/**
 * What a compiled Databricks AI Gateway configuration takes from outside the policy.
 *
 * <pre>{@code
 * var options = new DatabricksCompileOptions("main", "airs", "support_bot", false);
 * }</pre>
 *
 * @param catalog the Unity Catalog catalog of the inference table, or null for none
 * @param schema the schema of the inference table, or null for none; given together with {@code
 *     catalog}
 * @param tablePrefix the inference table's name prefix, or null for Databricks's default (the
 *     endpoint's name); needs {@code catalog} and {@code schema}
 * @param fallback whether a failed request falls back to the endpoint's other served entities
 */
public record DatabricksCompileOptions(String catalog, String schema, String tablePrefix, boolean fallback) {

    public DatabricksCompileOptions {
        if ((catalog == null) != (schema == null)) {
            throw new IllegalArgumentException("catalog and schema go together: an inference table needs both"
                    + " (given only the " + (catalog == null ? "schema" : "catalog") + ")");
        }
        if (tablePrefix != null && catalog == null) {
            throw new IllegalArgumentException("a table prefix needs a catalog and a schema");
        }
        check("catalog", catalog);
        check("schema", schema);
        check("table prefix", tablePrefix);
    }

    /** No inference table, no fallback. */
    public static DatabricksCompileOptions defaults() {
        return new DatabricksCompileOptions(null, null, null, false);
    }

    /** Whether payload logging to an inference table is configured. */
    public boolean inferenceTable() {
        return catalog != null;
    }

    /** Unity Catalog names may not hold periods, spaces, slashes or control characters. */
    private static void check(String what, String name) {
        if (name == null) {
            return;
        }
        if (name.isEmpty() || name.length() > 255) {
            throw new IllegalArgumentException(what + " must be 1 to 255 characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.' || c == '/' || c == ' ' || Character.isISOControl(c)) {
                throw new IllegalArgumentException(what + " '" + name
                        + "' is not a Unity Catalog name (no periods, spaces, slashes or control" + " characters)");
            }
        }
    }
}

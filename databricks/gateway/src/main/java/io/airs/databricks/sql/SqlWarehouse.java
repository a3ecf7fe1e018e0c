package io.airs.databricks.sql;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.sql.Disposition;
import com.databricks.sdk.service.sql.ExecuteStatementRequest;
import com.databricks.sdk.service.sql.ExecuteStatementRequestOnWaitTimeout;
import com.databricks.sdk.service.sql.Format;
import com.databricks.sdk.service.sql.StatementParameterListItem;
import com.databricks.sdk.service.sql.StatementResponse;
import com.databricks.sdk.service.sql.StatementState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * SQL statements on a Databricks SQL warehouse through the SDK's Statement Execution API ({@code POST
 * /api/2.0/sql/statements}): inline JSON results, waited for up to {@link #WAIT} and cancelled after,
 * values always passed as named parameters ({@code :name}), never spliced into the text.
 *
 * <pre>{@code
 * SqlWarehouse sql = new SqlWarehouse(workspace.client(), "abc123");
 * List<List<String>> rows = sql.query("SELECT scope, open FROM " + table, Map.of());
 * }</pre>
 */
public final class SqlWarehouse {

    /** How long one statement is waited for before it is cancelled. */
    public static final String WAIT = "10s";

    private static final Pattern WAREHOUSE_ID = Pattern.compile("[A-Za-z0-9]{1,64}");
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_]{1,255}");

    private final WorkspaceClient client;
    private final String warehouseId;

    /**
     * @throws IllegalArgumentException when the warehouse ID is not one
     */
    public SqlWarehouse(WorkspaceClient client, String warehouseId) {
        this.client = Objects.requireNonNull(client, "client");
        if (warehouseId == null || !WAREHOUSE_ID.matcher(warehouseId).matches()) {
            throw new IllegalArgumentException("not a SQL warehouse ID: '" + warehouseId + "'");
        }
        this.warehouseId = warehouseId;
    }

    /**
     * A three-part table name, each part checked and back-quoted: {@code `main`.`airs`.`airs_breakers`}.
     *
     * @throws IllegalArgumentException when it is not {@code catalog.schema.table} of letters, digits
     *     and underscores
     */
    public static String table(String qualified) {
        String[] parts = qualified == null ? new String[0] : qualified.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("expected catalog.schema.table, got '" + qualified + "'");
        }
        List<String> quoted = new ArrayList<>(3);
        for (String p : parts) {
            if (!PART.matcher(p).matches()) {
                throw new IllegalArgumentException(
                        "'" + p + "' in '" + qualified + "' is not a name (letters, digits and underscores)");
            }
            quoted.add("`" + p + "`");
        }
        return String.join(".", quoted);
    }

    /**
     * Runs one statement and returns its rows (each value as text, null for SQL NULL).
     *
     * @param parameters the statement's named parameters, all passed as {@code STRING}
     * @throws SqlException when the statement fails, is cancelled, or does not finish within {@link #WAIT}
     */
    public List<List<String>> query(String statement, Map<String, String> parameters) {
        List<StatementParameterListItem> params = new ArrayList<>(parameters.size());
        parameters.forEach((k, v) -> params.add(
                new StatementParameterListItem().setName(k).setValue(v).setType("STRING")));
        StatementResponse r;
        try {
            r = client.statementExecution()
                    .executeStatement(new ExecuteStatementRequest()
                            .setWarehouseId(warehouseId)
                            .setStatement(statement)
                            .setParameters(params)
                            .setWaitTimeout(WAIT)
                            .setOnWaitTimeout(ExecuteStatementRequestOnWaitTimeout.CANCEL)
                            .setDisposition(Disposition.INLINE)
                            .setFormat(Format.JSON_ARRAY));
        } catch (RuntimeException e) {
            throw new SqlException(
                    "the SQL warehouse could not be reached: " + e.getClass().getSimpleName(), e);
        }
        StatementState state = r.getStatus() == null ? null : r.getStatus().getState();
        if (state != StatementState.SUCCEEDED) {
            String why = r.getStatus() != null && r.getStatus().getError() != null
                    ? r.getStatus().getError().getErrorCode() + ": "
                            + r.getStatus().getError().getMessage()
                    : "no result within " + WAIT;
            throw new SqlException("statement " + state + ": " + why, null);
        }
        List<List<String>> rows = new ArrayList<>();
        if (r.getResult() != null && r.getResult().getDataArray() != null) {
            for (Collection<String> row : r.getResult().getDataArray()) {
                rows.add(new ArrayList<>(row));
            }
        }
        return rows;
    }

    /** A statement that failed. */
    public static final class SqlException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public SqlException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

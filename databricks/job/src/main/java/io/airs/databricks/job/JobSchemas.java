package io.airs.databricks.job;

import io.airs.databricks.tables.Tables;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Spark schemas of the inference table, the product's tables, and one judged row. */
public final class JobSchemas {

    private JobSchemas() {}

    /** The escalations opened for a row ({@link Tables#ESCALATIONS} rows). */
    public static final String ESCALATIONS = "escalations";
    /** The row's evidence drafts, each provisionally sealed as one JSON line. */
    public static final String EVIDENCE = "evidence";

    /**
     * The schema of an AI Gateway inference table (the columns the job reads are {@code
     * databricks_request_id}, {@code request_time}, {@code status_code}, {@code request}, {@code
     * response}, {@code served_entity_id} and {@code requester}).
     */
    public static final StructType INFERENCE_TABLE = (StructType) DataType.fromDDL("request_date DATE, "
            + "databricks_request_id STRING, client_request_id STRING, request_time TIMESTAMP, status_code INT, "
            + "sampling_fraction DOUBLE, execution_duration_ms BIGINT, request STRING, response STRING, "
            + "served_entity_id STRING, logging_error_codes ARRAY<STRING>, requester STRING");

    /** The Spark schema of one of the product's tables. */
    public static StructType of(Tables.Table table) {
        StructType s = new StructType();
        for (Tables.Column c : table.columns()) {
            s = s.add(new StructField(
                    c.name(), DataType.fromDDL(c.type()), true, org.apache.spark.sql.types.Metadata.empty()));
        }
        return s;
    }

    /** One judged row: its verdict columns, the escalations it opened and its evidence drafts. */
    public static StructType judged() {
        return of(Tables.VERDICTS)
                .add(ESCALATIONS, DataTypes.createArrayType(of(Tables.ESCALATIONS), false))
                .add(EVIDENCE, DataTypes.createArrayType(DataTypes.StringType, false));
    }
}

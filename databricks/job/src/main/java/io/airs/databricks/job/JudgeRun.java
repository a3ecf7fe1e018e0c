package io.airs.databricks.job;

import static org.apache.spark.sql.functions.col;

import io.airs.databricks.endpoint.AiGatewaySwitch;
import io.airs.databricks.tables.Tables;
import io.airs.databricks.workspace.Workspace;
import java.time.Clock;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;

/** One run of the judge job over a Spark session (kept apart from {@link JudgeJob}, which needs no Spark). */
public final class JudgeRun {

    private JudgeRun() {}

    /** A run on the cluster's session, the workspace from the settings, the system clock. */
    static JudgeJob.Summary onCluster(JobSettings settings) throws StreamingQueryException, TimeoutException {
        Workspace ws = Workspace.fromEnvironment(settings.workspace());
        SparkSession spark = SparkSession.builder()
                .appName("airs-judge-" + settings.endpoint())
                .getOrCreate();
        return run(spark, settings, Clock.systemUTC(), () -> new AiGatewaySwitch(ws.client()));
    }

    /**
     * One run over {@code spark}: creates the tables when missing, judges what is new in the inference
     * table, then applies reviews and the kill switches.
     */
    public static JudgeJob.Summary run(
            SparkSession spark, JobSettings settings, Clock clock, Supplier<AiGatewaySwitch> gateway)
            throws StreamingQueryException, TimeoutException {
        AirsTables tables = new AirsTables(spark, settings);
        tables.create();
        java.sql.Timestamp started = java.sql.Timestamp.from(clock.instant());
        EndpointBreakers breakers = new EndpointBreakers(spark, settings, tables, gateway, clock);
        JudgeBatch batch = new JudgeBatch(settings, tables, breakers, clock);
        DataStreamReader reader = spark.readStream().format("delta");
        Dataset<Row> source = settings.inferenceTableIsPath()
                ? reader.load(settings.inferenceTable())
                : reader.table(settings.inferenceTable());
        StreamingQuery query = source.writeStream()
                .queryName("airs-judge-" + settings.endpoint())
                .trigger(Trigger.AvailableNow())
                .option("checkpointLocation", settings.checkpoint())
                .foreachBatch((VoidFunction2<Dataset<Row>, Long>) batch::process)
                .start();
        query.awaitTermination();
        Reviews.Result r = new Reviews(spark, settings, tables, clock).apply();
        // Kill switches flipped by a person, or the global one, apply even when nothing new arrived.
        breakers.evaluate(EndpointBreakers.Counts.NONE);
        long judged = spark.table(tables.name(Tables.VERDICTS))
                .where(col("endpoint")
                        .equalTo(settings.endpoint())
                        .and(col("checked_at").geq(started)))
                .count();
        long opened = spark.table(tables.name(Tables.ESCALATIONS))
                .where(col("endpoint")
                        .equalTo(settings.endpoint())
                        .and(col("created_at").geq(started)))
                .count();
        return new JudgeJob.Summary(judged, opened, r.approved(), r.denied(), r.expired(), r.invalid());
    }
}

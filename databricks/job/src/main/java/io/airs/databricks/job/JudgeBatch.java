package io.airs.databricks.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.airs.core.evidence.EvidenceCodec;
import io.airs.core.evidence.InMemoryEvidenceSink;
import io.airs.databricks.tables.Tables;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * One micro-batch of the inference table ({@code foreachBatch}): the rows not judged yet (a replayed
 * batch finds its rows in the verdicts table and skips them, so the LLM judge is not paid twice) are
 * judged per partition in rounds of at most {@code max-rows-per-batch} rows; each round writes its
 * evidence (chained on the driver in request order), then its escalations, then its verdicts, each
 * with MERGE. The verdicts go last: a row counts as judged only once everything about it is written.
 * The batch's block and error counts then drive the endpoint's breaker.
 */
final class JudgeBatch {

    private final JobSettings settings;
    private final AirsTables tables;
    private final EndpointBreakers breakers;
    private final Clock clock;
    private final EvidenceCodec codec = new EvidenceCodec();

    JudgeBatch(JobSettings settings, AirsTables tables, EndpointBreakers breakers, Clock clock) {
        this.settings = settings;
        this.tables = tables;
        this.breakers = breakers;
        this.clock = clock;
    }

    void process(Dataset<Row> batch, long batchId) {
        Dataset<Row> done =
                batch.sparkSession().table(tables.name(Tables.VERDICTS)).select(col("request_id"));
        Dataset<Row> todo = batch.select(
                        "databricks_request_id",
                        "request_time",
                        "status_code",
                        "request",
                        "response",
                        "served_entity_id",
                        "requester")
                .where(col("databricks_request_id").isNotNull())
                .dropDuplicates("databricks_request_id")
                .join(done, col("databricks_request_id").equalTo(done.col("request_id")), "left_anti")
                // Fixed now: recomputed after this batch writes its verdicts, the anti-join would find nothing.
                .localCheckpoint(true);
        long n = todo.count();
        if (n == 0) {
            return;
        }
        long rounds = (n + settings.maxRowsPerBatch() - 1) / settings.maxRowsPerBatch();
        int parallelism = Math.max(1, batch.sparkSession().sparkContext().defaultParallelism());
        long total = 0;
        long blocked = 0;
        long errors = 0;
        for (long round = 0; round < rounds; round++) {
            Dataset<Row> part = rounds == 1
                    ? todo
                    : todo.where(pmod(xxhash64(col("databricks_request_id")), lit(rounds))
                            .equalTo(round));
            Dataset<Row> results = part.repartition(parallelism)
                    .mapPartitions(new PartitionJudge(settings, clock), Encoders.row(JobSchemas.judged()))
                    // Judged exactly once: every write below reads these rows, never a second judging.
                    .localCheckpoint(true);
            try {
                writeEvidence(results);
                Dataset<Row> escalations = results.select(
                                explode(col(JobSchemas.ESCALATIONS)).as("e"))
                        .select("e.*");
                tables.insertNew(Tables.ESCALATIONS, escalations);
                tables.insertNew(Tables.VERDICTS, results.drop(JobSchemas.ESCALATIONS, JobSchemas.EVIDENCE));
                Row c = results.agg(
                                sum(lit(1L)),
                                sum(when(col("action").equalTo("block"), 1L).otherwise(0L)),
                                sum(when(col("status_code").geq(500), 1L).otherwise(0L)))
                        .first();
                total += longAt(c, 0);
                blocked += longAt(c, 1);
                errors += longAt(c, 2);
            } finally {
                results.unpersist();
            }
        }
        breakers.evaluate(new EndpointBreakers.Counts(total, blocked, errors));
    }

    // A round the hash split left empty sums to null.
    private static long longAt(Row r, int i) {
        return r.isNullAt(i) ? 0 : r.getLong(i);
    }

    /** Chains the round's evidence drafts in request order onto the evidence table. */
    private void writeEvidence(Dataset<Row> results) {
        List<String> lines = new ArrayList<>();
        var it = results.select(col("request_time"), col("request_id"), col(JobSchemas.EVIDENCE))
                .orderBy(col("request_time"), col("request_id"))
                .toLocalIterator();
        while (it.hasNext()) {
            lines.addAll(it.next().getList(2));
        }
        InMemoryEvidenceSink sink = tables.evidenceSink(lines.size());
        for (String line : lines) {
            sink.append(codec.read(line).draft());
        }
        tables.writeEvidence(sink, clock.instant());
    }
}

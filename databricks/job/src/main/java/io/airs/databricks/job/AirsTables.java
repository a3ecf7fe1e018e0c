package io.airs.databricks.job;

import io.airs.core.evidence.ChainHead;
import io.airs.core.evidence.EvidenceCodec;
import io.airs.core.evidence.EvidenceRecord;
import io.airs.core.evidence.InMemoryEvidenceSink;
import io.airs.databricks.tables.Tables;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * The product's Delta tables in one schema: created when missing from {@link Tables}, written with
 * {@code MERGE INTO} keyed by each table's key (so that a replayed batch or a re-run inserts nothing
 * twice), and the evidence table's hash chain continued from its last record.
 */
public final class AirsTables {

    private final AtomicLong views = new AtomicLong();

    private final SparkSession spark;
    private final JobSettings settings;
    private final EvidenceCodec codec = new EvidenceCodec();

    public AirsTables(SparkSession spark, JobSettings settings) {
        this.spark = spark;
        this.settings = settings;
    }

    /** The qualified name of {@code table}. */
    public String name(Tables.Table table) {
        return settings.table(table);
    }

    /** Creates the schema and every table that does not exist yet. */
    public void create() {
        spark.sql("CREATE SCHEMA IF NOT EXISTS " + settings.qualifiedSchema());
        for (Tables.Table t : Tables.ALL) {
            spark.sql(t.createDdl(name(t)));
        }
    }

    /** Inserts the rows of {@code source} whose key {@code table} does not hold yet. */
    public void insertNew(Tables.Table table, Dataset<Row> source) {
        merge(source, table, " WHEN NOT MATCHED THEN INSERT *");
    }

    /** Sets {@code columns} of the rows {@code table} holds under the keys of {@code source}. */
    public void update(Tables.Table table, Dataset<Row> source, List<String> columns) {
        String set = columns.stream().map(c -> "t." + c + " = s." + c).collect(Collectors.joining(", "));
        merge(source, table, " WHEN MATCHED THEN UPDATE SET " + set);
    }

    /** Inserts or replaces whole rows of {@code table}. */
    public void upsert(Tables.Table table, Dataset<Row> source) {
        merge(source, table, " WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *");
    }

    /** The head of the evidence chain: after its highest {@code seq}, or genesis when it is empty. */
    public ChainHead evidenceHead() {
        List<Row> last = spark.sql("SELECT seq, hash FROM " + name(Tables.EVIDENCE) + " ORDER BY seq DESC LIMIT 1")
                .collectAsList();
        return last.isEmpty()
                ? ChainHead.genesis()
                : new ChainHead(last.get(0).getLong(0) + 1, last.get(0).getString(1));
    }

    /** A sink that seals up to {@code capacity} records onto the end of the evidence chain. */
    public InMemoryEvidenceSink evidenceSink(int capacity) {
        return new InMemoryEvidenceSink(Math.max(1, capacity), evidenceHead(), codec);
    }

    /** Writes every record {@code sink} sealed (MERGE on {@code seq}). */
    public void writeEvidence(InMemoryEvidenceSink sink, Instant writtenAt) {
        List<EvidenceRecord> records = sink.records();
        if (records.isEmpty()) {
            return;
        }
        if (sink.appendedCount() > records.size()) {
            throw new IllegalStateException("the evidence sink overflowed; records would be lost");
        }
        Timestamp at = Timestamp.from(writtenAt);
        List<Row> rows = new ArrayList<>(records.size());
        for (EvidenceRecord r : records) {
            rows.add(RowFactory.create(r.seq(), r.recordId(), codec.write(r), r.hash(), r.prevHash(), at));
        }
        insertNew(Tables.EVIDENCE, spark.createDataFrame(rows, JobSchemas.of(Tables.EVIDENCE)));
    }

    /** Every evidence record, in chain order. */
    public List<EvidenceRecord> evidence() {
        return spark.sql("SELECT record FROM " + name(Tables.EVIDENCE) + " ORDER BY seq").collectAsList().stream()
                .map(r -> codec.read(r.getString(0)))
                .toList();
    }

    // A streaming batch lives in its own session: the view and the MERGE must use the same one.
    private void merge(Dataset<Row> source, Tables.Table table, String clauses) {
        String view = "airs_source_" + views.incrementAndGet();
        source.createOrReplaceTempView(view);
        try {
            source.sparkSession()
                    .sql("MERGE INTO " + name(table) + " t USING " + view + " s ON " + on(table) + clauses);
        } finally {
            source.sparkSession().catalog().dropTempView(view);
        }
    }

    private static String on(Tables.Table table) {
        return table.key().stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "));
    }
}

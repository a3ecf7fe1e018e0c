package io.airs.databricks.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * One local Spark session with Delta for every test class of the module (a session takes seconds to
 * start), its warehouse in a temporary directory.
 */
final class LocalSpark {

    private LocalSpark() {}

    private static final class Holder {
        static final Path DIR = tempDir();
        static final SparkSession SESSION = SparkSession.builder()
                .master("local[2]")
                .appName("airs-judge-job-test")
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.sql.warehouse.dir", DIR.resolve("warehouse").toString())
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.default.parallelism", "2")
                .config("spark.databricks.delta.snapshotPartitions", "2")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.driver.host", "127.0.0.1")
                .getOrCreate();

        private static Path tempDir() {
            try {
                return Files.createTempDirectory("airs-spark");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static SparkSession session() {
        return Holder.SESSION;
    }

    /** A fresh directory under the session's temporary directory. */
    static Path dir(String name) {
        try {
            return Files.createDirectories(Holder.DIR.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

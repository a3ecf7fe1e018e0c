package io.airs.databricks.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/** Rows of an AI Gateway inference table, bodies in the OpenAI chat format the endpoint logs. */
final class InferenceRows {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Row> rows = new ArrayList<>();

    /** A served chat request with its answer. */
    InferenceRows chat(String id, Instant at, int status, String prompt, String answer) {
        ObjectNode req = JSON.createObjectNode();
        var messages = req.putArray("messages");
        messages.addObject().put("role", "system").put("content", "You are a helpful assistant.");
        messages.addObject().put("role", "user").put("content", prompt);
        req.put("max_tokens", 256);
        String response = null;
        if (answer != null) {
            response = JudgeStubs.completion(
                            "chatcmpl-" + id,
                            at.getEpochSecond(),
                            "databricks-meta-llama-3-3-70b-instruct",
                            answer,
                            20,
                            10)
                    .toString();
        } else if (status >= 400) {
            response = "{\"error_code\":\"INTERNAL_ERROR\",\"message\":\"upstream failed\"}";
        }
        rows.add(RowFactory.create(
                Date.valueOf(at.atZone(java.time.ZoneOffset.UTC).toLocalDate()),
                id,
                null,
                Timestamp.from(at),
                status,
                1.0,
                420L,
                req.toString(),
                response,
                "served-entity-1",
                null,
                "user-" + id + "@example.com"));
        return this;
    }

    /** Appends the rows to the Delta table at {@code path}. */
    void appendTo(SparkSession spark, String path) {
        spark.createDataFrame(rows, JobSchemas.INFERENCE_TABLE)
                .write()
                .format("delta")
                .mode(SaveMode.Append)
                .save(path);
        rows.clear();
    }
}

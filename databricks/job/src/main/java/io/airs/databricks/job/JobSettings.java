package io.airs.databricks.job;

import io.airs.core.policy.Policy;
import io.airs.core.policy.PolicyLoader;
import io.airs.databricks.tables.Tables;
import java.io.Serializable;
import java.util.Map;
import java.util.Objects;

/**
 * What one run of the judge job works on, validated by {@link JudgeJob} and shipped to the executors
 * (hence serialisable: the policy travels as its text, the workspace as its environment variables).
 *
 * @param inferenceTable the endpoint's inference table: a table name or a Delta path
 * @param endpoint the serving endpoint whose traffic the table logs
 * @param judgeEndpoint the serving endpoint of the LLM judge (a different model)
 * @param catalog the catalog of the product's tables, or null for the session's current one
 * @param schema the schema (database) of the product's tables
 * @param checkpoint the streaming checkpoint location
 * @param policyText the policy file's text, or null for the core's default policy
 * @param policySource where the policy text came from, for error messages
 * @param sampleRate the LLM judge's sampling rate at the policy's tier, or null for the policy's
 * @param maxRowsPerBatch the most rows judged and written in one round of MERGEs
 * @param workspace the Databricks workspace's variables ({@code DATABRICKS_HOST} and a token or a
 *     service principal), read on each executor to reach the judge
 */
public record JobSettings(
        String inferenceTable,
        String endpoint,
        String judgeEndpoint,
        String catalog,
        String schema,
        String checkpoint,
        String policyText,
        String policySource,
        Double sampleRate,
        int maxRowsPerBatch,
        Map<String, String> workspace)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public JobSettings {
        Objects.requireNonNull(inferenceTable, "inferenceTable");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(judgeEndpoint, "judgeEndpoint");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(checkpoint, "checkpoint");
        if (maxRowsPerBatch < 1) {
            throw new IllegalArgumentException("maxRowsPerBatch must be at least 1");
        }
        workspace = Map.copyOf(workspace);
    }

    /** The policy, parsed (the default policy when no file was given). */
    public Policy policy() {
        return policyText == null ? PolicyLoader.defaultPolicy() : new PolicyLoader().parse(policyText, policySource);
    }

    /** The qualified name of one of the product's tables, such as {@code main.airs.airs_verdicts}. */
    public String table(Tables.Table t) {
        return (catalog == null ? "" : quote(catalog) + ".") + quote(schema) + "." + quote(t.name());
    }

    /** The qualified schema, such as {@code main.airs}. */
    public String qualifiedSchema() {
        return (catalog == null ? "" : quote(catalog) + ".") + quote(schema);
    }

    /** Whether {@link #inferenceTable} is a storage path rather than a table name. */
    public boolean inferenceTableIsPath() {
        return inferenceTable.contains("/") || inferenceTable.contains(":");
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}

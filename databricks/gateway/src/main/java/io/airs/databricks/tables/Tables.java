package io.airs.databricks.tables;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Delta tables the product owns in a workspace, one definition shared by the Spark job (which
 * creates them when missing and MERGEs into them), the gateway (which reads the breaker table) and
 * the Terraform module (whose tables the tests check against these columns).
 *
 * <p>Columns hold no raw prompt or answer: excerpts are redacted by the policy, findings carry
 * categories, types, offsets and scores only.
 */
public final class Tables {

    private Tables() {}

    /** One column: its name, Spark SQL type, whether it may be null, and what it holds. */
    public record Column(String name, String type, boolean nullable, String comment) {}

    /** One table: its default name (in the configured catalog and schema), key and columns. */
    public record Table(String name, List<String> key, List<Column> columns, String comment) {

        /** The column types by name, in order. */
        public Map<String, String> types() {
            return columns.stream()
                    .collect(Collectors.toMap(Column::name, Column::type, (a, b) -> a, LinkedHashMap::new));
        }

        /** {@code CREATE TABLE IF NOT EXISTS <qualified> (...) USING DELTA COMMENT '...'}. */
        public String createDdl(String qualifiedName) {
            String cols = columns.stream()
                    .map(c -> c.name() + " " + c.type() + (c.nullable() ? "" : " NOT NULL") + " COMMENT '"
                            + c.comment().replace("'", "\\'") + "'")
                    .collect(Collectors.joining(", "));
            return "CREATE TABLE IF NOT EXISTS " + qualifiedName + " (" + cols + ") USING DELTA COMMENT '"
                    + comment.replace("'", "\\'") + "'";
        }
    }

    private static Column col(String name, String type, boolean nullable, String comment) {
        return new Column(name, type, nullable, comment);
    }

    /** One row per judged inference-table row: what each layer decided about its request and response. */
    public static final Table VERDICTS = new Table(
            "airs_verdicts",
            List.of("request_id"),
            List.of(
                    col("request_id", "STRING", false, "databricks_request_id of the inference-table row"),
                    col("endpoint", "STRING", false, "serving endpoint name"),
                    col("served_entity_id", "STRING", true, "served entity that answered"),
                    col("request_time", "TIMESTAMP", true, "when the endpoint was called"),
                    col("status_code", "INT", true, "HTTP status the endpoint answered"),
                    col(
                            "input_action",
                            "STRING",
                            false,
                            "guardrail action on the request: allow, redact, escalate, block"),
                    col("output_action", "STRING", false, "guardrail action on the response"),
                    col("action", "STRING", false, "the strictest action of every layer"),
                    col(
                            "findings",
                            "STRING",
                            false,
                            "JSON array of findings (category, type, stage, span, score, detector), no text"),
                    col(
                            "classifier_score",
                            "DOUBLE",
                            true,
                            "inline classifier's highest score, when the policy runs it"),
                    col("sampled", "BOOLEAN", false, "whether the row went to the LLM judge"),
                    col(
                            "judge_action",
                            "STRING",
                            true,
                            "the LLM judge's action: allow, escalate, block; null when not judged"),
                    col("judge_score", "DOUBLE", true, "the LLM judge's score"),
                    col("judge_reason", "STRING", true, "the LLM judge's reason code"),
                    col("ticket", "STRING", true, "escalation ticket, when one was opened"),
                    col("policy_revision", "STRING", false, "revision hash of the policy that judged the row"),
                    col("checked_at", "TIMESTAMP", false, "when the job judged the row")),
            "AIRS Enforcer verdicts over the inference table");

    /** One row per escalation; reviewers decide by writing the decision columns. */
    public static final Table ESCALATIONS = new Table(
            "airs_escalations",
            List.of("ticket"),
            List.of(
                    col("ticket", "STRING", false, "escalation ticket"),
                    col("request_id", "STRING", false, "databricks_request_id of the inference-table row"),
                    col("endpoint", "STRING", false, "serving endpoint name"),
                    col("severity", "STRING", false, "critical, high, standard or sampling"),
                    col("reason", "STRING", false, "why it was escalated (reason code)"),
                    col("findings", "STRING", false, "JSON array of findings, no text"),
                    col("excerpt", "STRING", true, "excerpt redacted by the policy"),
                    col("created_at", "TIMESTAMP", false, "when the job opened it"),
                    col("sla_deadline", "TIMESTAMP", false, "decide before this, or it is denied"),
                    col("status", "STRING", false, "pending, approved, denied or expired (set by the job)"),
                    col("decision", "STRING", true, "written by the reviewer: approve or deny"),
                    col("reviewer", "STRING", true, "written by the reviewer: who decided"),
                    col("decision_note", "STRING", true, "written by the reviewer: why"),
                    col("decided_at", "TIMESTAMP", true, "written by the reviewer: when"),
                    col("applied_at", "TIMESTAMP", true, "when the job applied the decision or the expiry")),
            "AIRS Enforcer escalations: reviewers write decision, reviewer, decision_note, decided_at");

    /** The kill switches: one row per scope ({@code global} or an endpoint name). */
    public static final Table BREAKERS = new Table(
            "airs_breakers",
            List.of("scope"),
            List.of(
                    col("scope", "STRING", false, "global, or a serving endpoint name"),
                    col("open", "BOOLEAN", false, "true: the breaker is open and the AI path is off"),
                    col("reason", "STRING", true, "why it was opened or closed"),
                    col("changed_by", "STRING", false, "job, or the person who flipped it"),
                    col("mechanism", "STRING", true, "how the endpoint was stopped: rate_limit_zero or fallback_route"),
                    col(
                            "saved_config",
                            "STRING",
                            true,
                            "the endpoint's AI Gateway settings before the trip (JSON), restored on close"),
                    col("updated_at", "TIMESTAMP", false, "when it last changed")),
            "AIRS Enforcer kill switches, read by the gateway and the job");

    /** The job's evidence records, hash-chained across runs. */
    public static final Table EVIDENCE = new Table(
            "airs_evidence",
            List.of("seq"),
            List.of(
                    col("seq", "BIGINT", false, "position in the chain"),
                    col("record_id", "STRING", false, "evidence record ID"),
                    col("record", "STRING", false, "the evidence record (JSON), redacted"),
                    col("hash", "STRING", false, "SHA-256 of the record, chained to the previous"),
                    col("prev_hash", "STRING", false, "hash of the previous record"),
                    col("written_at", "TIMESTAMP", false, "when it was written")),
            "AIRS Enforcer evidence records from the judge job, hash-chained");

    /** Every table, in creation order. */
    public static final List<Table> ALL = List.of(VERDICTS, ESCALATIONS, BREAKERS, EVIDENCE);
}

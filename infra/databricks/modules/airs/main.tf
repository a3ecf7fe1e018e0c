locals {
  # The Delta tables the product owns, with the columns of io.airs.databricks.tables.Tables (the
  # tests compare them column by column). The job creates a missing table with the same DDL; here
  # they exist before its first run, so grants and the reviewers' query can name them.
  tables = {
    verdicts = {
      name    = "airs_verdicts"
      comment = "AIRS Enforcer verdicts over the inference table"
      key     = ["request_id"]
      columns = [
        { name = "request_id", type = "STRING", nullable = false, comment = "databricks_request_id of the inference-table row" },
        { name = "endpoint", type = "STRING", nullable = false, comment = "serving endpoint name" },
        { name = "served_entity_id", type = "STRING", nullable = true, comment = "served entity that answered" },
        { name = "request_time", type = "TIMESTAMP", nullable = true, comment = "when the endpoint was called" },
        { name = "status_code", type = "INT", nullable = true, comment = "HTTP status the endpoint answered" },
        { name = "input_action", type = "STRING", nullable = false, comment = "guardrail action on the request: allow, redact, escalate, block" },
        { name = "output_action", type = "STRING", nullable = false, comment = "guardrail action on the response" },
        { name = "action", type = "STRING", nullable = false, comment = "the strictest action of every layer" },
        { name = "findings", type = "STRING", nullable = false, comment = "JSON array of findings (category, type, stage, span, score, detector), no text" },
        { name = "classifier_score", type = "DOUBLE", nullable = true, comment = "inline classifier's highest score, when the policy runs it" },
        { name = "sampled", type = "BOOLEAN", nullable = false, comment = "whether the row went to the LLM judge" },
        { name = "judge_action", type = "STRING", nullable = true, comment = "the LLM judge's action: allow, escalate, block; null when not judged" },
        { name = "judge_score", type = "DOUBLE", nullable = true, comment = "the LLM judge's score" },
        { name = "judge_reason", type = "STRING", nullable = true, comment = "the LLM judge's reason code" },
        { name = "ticket", type = "STRING", nullable = true, comment = "escalation ticket, when one was opened" },
        { name = "policy_revision", type = "STRING", nullable = false, comment = "revision hash of the policy that judged the row" },
        { name = "checked_at", type = "TIMESTAMP", nullable = false, comment = "when the job judged the row" },
      ]
    }
    escalations = {
      name    = "airs_escalations"
      comment = "AIRS Enforcer escalations: reviewers write decision, reviewer, decision_note, decided_at"
      key     = ["ticket"]
      columns = [
        { name = "ticket", type = "STRING", nullable = false, comment = "escalation ticket" },
        { name = "request_id", type = "STRING", nullable = false, comment = "databricks_request_id of the inference-table row" },
        { name = "endpoint", type = "STRING", nullable = false, comment = "serving endpoint name" },
        { name = "severity", type = "STRING", nullable = false, comment = "critical, high, standard or sampling" },
        { name = "reason", type = "STRING", nullable = false, comment = "why it was escalated (reason code)" },
        { name = "findings", type = "STRING", nullable = false, comment = "JSON array of findings, no text" },
        { name = "excerpt", type = "STRING", nullable = true, comment = "excerpt redacted by the policy" },
        { name = "created_at", type = "TIMESTAMP", nullable = false, comment = "when the job opened it" },
        { name = "sla_deadline", type = "TIMESTAMP", nullable = false, comment = "decide before this, or it is denied" },
        { name = "status", type = "STRING", nullable = false, comment = "pending, approved, denied or expired (set by the job)" },
        { name = "decision", type = "STRING", nullable = true, comment = "written by the reviewer: approve or deny" },
        { name = "reviewer", type = "STRING", nullable = true, comment = "written by the reviewer: who decided" },
        { name = "decision_note", type = "STRING", nullable = true, comment = "written by the reviewer: why" },
        { name = "decided_at", type = "TIMESTAMP", nullable = true, comment = "written by the reviewer: when" },
        { name = "applied_at", type = "TIMESTAMP", nullable = true, comment = "when the job applied the decision or the expiry" },
      ]
    }
    breakers = {
      name    = "airs_breakers"
      comment = "AIRS Enforcer kill switches, read by the gateway and the job"
      key     = ["scope"]
      columns = [
        { name = "scope", type = "STRING", nullable = false, comment = "global, or a serving endpoint name" },
        { name = "open", type = "BOOLEAN", nullable = false, comment = "true: the breaker is open and the AI path is off" },
        { name = "reason", type = "STRING", nullable = true, comment = "why it was opened or closed" },
        { name = "changed_by", type = "STRING", nullable = false, comment = "job, or the person who flipped it" },
        { name = "mechanism", type = "STRING", nullable = true, comment = "how the endpoint was stopped: rate_limit_zero or fallback_route" },
        { name = "saved_config", type = "STRING", nullable = true, comment = "the endpoint's AI Gateway settings before the trip (JSON), restored on close" },
        { name = "updated_at", type = "TIMESTAMP", nullable = false, comment = "when it last changed" },
      ]
    }
    evidence = {
      name    = "airs_evidence"
      comment = "AIRS Enforcer evidence records from the judge job, hash-chained"
      key     = ["seq"]
      columns = [
        { name = "seq", type = "BIGINT", nullable = false, comment = "position in the chain" },
        { name = "record_id", type = "STRING", nullable = false, comment = "evidence record ID" },
        { name = "record", type = "STRING", nullable = false, comment = "the evidence record (JSON), redacted" },
        { name = "hash", type = "STRING", nullable = false, comment = "SHA-256 of the record, chained to the previous" },
        { name = "prev_hash", type = "STRING", nullable = false, comment = "hash of the previous record" },
        { name = "written_at", type = "TIMESTAMP", nullable = false, comment = "when it was written" },
      ]
    }
  }

  schema_full_name = format("%s.%s", var.catalog_name, var.schema_name)
  table_full_names = { for k, t in local.tables : k => format("%s.%s", local.schema_full_name, t.name) }

  # AI Gateway writes the endpoint's traffic to <catalog>.<schema>.<table_name_prefix>_payload.
  inference_schema_full_name = format(
    "%s.%s", var.ai_gateway.inference_table_config.catalog_name, var.ai_gateway.inference_table_config.schema_name,
  )
  inference_table_full_name = format(
    "%s.%s_payload", local.inference_schema_full_name, var.ai_gateway.inference_table_config.table_name_prefix,
  )

  volume_path    = format("/Volumes/%s/%s/%s", var.catalog_name, var.schema_name, var.volume_name)
  job_jar_path   = format("%s/airs-databricks-job.jar", local.volume_path)
  checkpoint_dir = format("%s/checkpoints/judge", local.volume_path)
  policy_path    = format("%s/policy.yaml", local.volume_path)

  service_principal = databricks_service_principal.airs.application_id
}

# The identity the judge job runs as. It holds only the grants in grants.tf and the permissions in
# serving.tf, jobs.tf and secrets.tf: no entitlement to create clusters, pools or SQL warehouses,
# and no group membership (so never workspace admin).
resource "databricks_service_principal" "airs" {
  display_name               = format("%s-airs-enforcer", var.name)
  allow_cluster_create       = false
  allow_instance_pool_create = false
  databricks_sql_access      = false
}

resource "databricks_schema" "airs" {
  count = var.create_schema ? 1 : 0

  catalog_name = var.catalog_name
  name         = var.schema_name
  comment      = "AIRS Enforcer: verdicts, escalations, breakers, evidence, the judge job's volume and the inference table"
}

# Where the reviewers' query and alert live in the workspace.
resource "databricks_directory" "airs" {
  path = var.workspace_folder
}

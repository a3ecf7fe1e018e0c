output "endpoint_name" {
  description = "The guarded serving endpoint, with the compiled AI Gateway: point applications (or the AIRS gateway) at /serving-endpoints/<name>/invocations."
  value       = databricks_model_serving.endpoint["guarded"].name
}

output "serving_endpoint_id" {
  description = "ID of the guarded serving endpoint (for permissions)."
  value       = databricks_model_serving.endpoint["guarded"].serving_endpoint_id
}

output "judge_endpoint_name" {
  description = "The LLM judge's serving endpoint (created here or existing)."
  value       = local.judge_endpoint_created ? databricks_model_serving.endpoint["judge"].name : var.judge_endpoint_name
}

output "inference_table_name" {
  description = "The guarded endpoint's inference table, which the judge job reads."
  value       = local.inference_table_full_name
}

output "table_names" {
  description = "Full names of the AIRS tables: verdicts, escalations, breakers, evidence."
  value       = { for k, t in databricks_sql_table.airs : k => t.id }
}

output "volume_path" {
  description = "The job's volume: the JAR and the checkpoints."
  value       = local.volume_path
}

output "job_jar_path" {
  description = "Where the judge job loads airs-databricks-job.jar from."
  value       = local.job_jar_path
}

output "job_id" {
  description = "ID of the judge job (databricks jobs run-now <id> runs it at once)."
  value       = databricks_job.judge.id
}

output "job_url" {
  description = "The judge job in the workspace."
  value       = databricks_job.judge.url
}

output "alert_job_id" {
  description = "ID of the job that evaluates the overdue-escalations alert."
  value       = databricks_job.alert.id
}

output "query_id" {
  description = "ID of the reviewers' query of pending escalations."
  value       = databricks_query.pending_escalations.id
}

output "alert_id" {
  description = "ID of the alert on escalations past their SLA."
  value       = databricks_alert.overdue_escalations.id
}

output "service_principal_application_id" {
  description = "Application ID of the service principal the judge job runs as."
  value       = databricks_service_principal.airs.application_id
}

output "secret_scope" {
  description = "The gateway's secret scope."
  value       = databricks_secret_scope.gateway.name
}

output "gateway_application_id" {
  description = "Application (client) ID of the gateway's service principal: the gateway's DATABRICKS_CLIENT_ID."
  value       = databricks_service_principal.gateway.application_id
}

output "gateway_client_secret" {
  description = "OAuth secret of the gateway's service principal: the gateway's DATABRICKS_CLIENT_SECRET."
  value       = databricks_service_principal_secret.gateway.secret
  sensitive   = true
}

output "endpoint_name" {
  description = "The guarded serving endpoint."
  value       = module.airs.endpoint_name
}

output "judge_endpoint_name" {
  description = "The LLM judge's serving endpoint."
  value       = module.airs.judge_endpoint_name
}

output "inference_table_name" {
  description = "The inference table the judge job reads."
  value       = module.airs.inference_table_name
}

output "table_names" {
  description = "The AIRS tables."
  value       = module.airs.table_names
}

output "job_id" {
  description = "The judge job."
  value       = module.airs.job_id
}

output "query_id" {
  description = "The reviewers' query of pending escalations."
  value       = module.airs.query_id
}

output "alert_id" {
  description = "The alert on escalations past their SLA."
  value       = module.airs.alert_id
}

output "service_principal_application_id" {
  description = "The service principal the judge job runs as."
  value       = module.airs.service_principal_application_id
}

output "secret_scope" {
  description = "The gateway's secret scope."
  value       = module.airs.secret_scope
}

output "gateway_application_id" {
  description = "The gateway's DATABRICKS_CLIENT_ID."
  value       = module.airs.gateway_application_id
}

output "gateway_client_secret" {
  description = "The gateway's DATABRICKS_CLIENT_SECRET (terraform output -raw gateway_client_secret)."
  value       = module.airs.gateway_client_secret
  sensitive   = true
}

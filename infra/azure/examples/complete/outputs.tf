output "function_app_name" {
  description = "Function app to publish the code to."
  value       = module.airs.function_app_name
}

output "resource_group_name" {
  description = "Resource group of the stack."
  value       = module.airs.resource_group_name
}

output "filter_endpoint" {
  description = "Azure OpenAI endpoint for the application: the filter in front of the account."
  value       = module.airs.filter_endpoint
}

output "evaluate_url" {
  description = "The native POST /v1/evaluate endpoint."
  value       = module.airs.evaluate_url
}

output "escalation_decision_url" {
  description = "Admin route for reviewers' decisions (master key)."
  value       = module.airs.escalation_decision_url
}

output "storage_account_name" {
  description = "Storage account of the escalation queues and tables."
  value       = module.airs.storage_account_name
}

output "escalation_queue_names" {
  description = "Severity queues reviewers watch."
  value       = module.airs.escalation_queue_names
}

output "decision_queue_name" {
  description = "Queue reviewers send decisions to."
  value       = module.airs.decision_queue_name
}

output "poison_queue_names" {
  description = "Poison queues to watch."
  value       = module.airs.poison_queue_names
}

output "ticket_table_name" {
  description = "Table of escalation tickets."
  value       = module.airs.ticket_table_name
}

output "app_configuration_name" {
  description = "App Configuration store of the kill switches."
  value       = module.airs.app_configuration_name
}

output "kill_switch_flags" {
  description = "Kill-switch feature flags."
  value       = module.airs.kill_switch_flags
}

output "rai_policy_name" {
  description = "Content filter applied to the deployments."
  value       = module.airs.rai_policy_name
}

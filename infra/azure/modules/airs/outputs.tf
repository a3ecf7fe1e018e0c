output "resource_group_name" {
  description = "Resource group holding every resource of the stack."
  value       = azurerm_resource_group.airs.name
}

output "function_app_name" {
  description = "Name of the function app: deploy the zip of azure/target/azure-functions/airs-enforcer to it (az functionapp deployment source config-zip)."
  value       = azurerm_linux_function_app.airs.name
}

output "function_app_hostname" {
  description = "Default host name of the function app."
  value       = azurerm_linux_function_app.airs.default_hostname
}

output "function_app_principal_id" {
  description = "Object ID of the function app's system-assigned identity, which holds the roles in roles.tf."
  value       = azurerm_linux_function_app.airs.identity[0].principal_id
}

output "filter_endpoint" {
  description = "Point Azure OpenAI clients here instead of the account's endpoint: the filter serves /openai/deployments/{deployment}/chat/completions with the same body and api-version. Send a function key as the x-functions-key header."
  value       = format("https://%s", azurerm_linux_function_app.airs.default_hostname)
}

output "evaluate_url" {
  description = "The native enforcement endpoint: POST the wire JSON {stage, content | messages, context} (function key)."
  value       = format("https://%s/v1/evaluate", azurerm_linux_function_app.airs.default_hostname)
}

output "escalation_decision_url" {
  description = "The admin route for reviewers' decisions: POST to this URL with {ticket} replaced, with the host's master key as x-functions-key."
  value       = format("https://%s/v1/escalations/{ticket}/decision", azurerm_linux_function_app.airs.default_hostname)
}

output "storage_account_name" {
  description = "Storage account of the queues and tables (Storage browser in the portal)."
  value       = azurerm_storage_account.airs.name
}

output "escalation_queue_names" {
  description = "Severity queues reviewers watch, by severity."
  value       = { for s in local.severities : s => azurerm_storage_queue.queue[format("escalations_%s", s)].name }
}

output "decision_queue_name" {
  description = "Queue reviewers send their decisions to."
  value       = azurerm_storage_queue.queue["decisions"].name
}

output "judge_queue_name" {
  description = "Queue of sampled decisions waiting for the async judge."
  value       = azurerm_storage_queue.queue["judge"].name
}

output "poison_queue_names" {
  description = "Where the Functions host puts messages that failed every delivery, by queue."
  value       = { for key, queue in azurerm_storage_queue.poison : key => queue.name }
}

output "ticket_table_name" {
  description = "Table of escalation tickets."
  value       = azurerm_storage_table.table["tickets"].name
}

output "trip_table_name" {
  description = "Table of automatic breaker trips."
  value       = azurerm_storage_table.table["trips"].name
}

output "app_configuration_name" {
  description = "App Configuration store of the kill switches and the policy."
  value       = azurerm_app_configuration.airs.name
}

output "app_configuration_endpoint" {
  description = "Endpoint of the App Configuration store."
  value       = azurerm_app_configuration.airs.endpoint
}

output "kill_switch_flags" {
  description = "Feature flags that open a breaker when enabled (Feature manager in the portal)."
  value       = sort(keys(azurerm_app_configuration_feature.kill_switch))
}

output "policy_key" {
  description = "App Configuration key holding the policy."
  value       = azurerm_app_configuration_key.policy.key
}

output "openai_account_id" {
  description = "Azure OpenAI account the filter forwards to."
  value       = local.openai_account_id
}

output "openai_endpoint" {
  description = "Endpoint of the Azure OpenAI account (only the function app calls it; clients use filter_endpoint)."
  value       = local.openai_endpoint
}

output "rai_policy_name" {
  description = "Name of the content filter (RAI policy) compiled from the AIRS policy; every deployment made here uses it."
  value       = azurerm_cognitive_account_rai_policy.airs.name
}

output "openai_deployment_names" {
  description = "Deployments created on the Azure OpenAI account."
  value       = sort(keys(azurerm_cognitive_deployment.deployment))
}

output "content_safety_endpoint" {
  description = "Endpoint of the Content Safety account, or null when content_safety_enabled is false."
  value       = one(azurerm_cognitive_account.content_safety[*].endpoint)
}

output "application_insights_name" {
  description = "Application Insights resource receiving the functions' logs and metrics."
  value       = azurerm_application_insights.airs.name
}

output "function_url" {
  description = "Where the application sends its Converse requests instead of bedrock-runtime."
  value       = module.airs.function_url
}

output "escalation_queue_urls" {
  description = "Severity queues reviewers watch in the SQS console."
  value       = module.airs.escalation_queue_urls
}

output "decisions_queue_url" {
  description = "Queue reviewers send their decisions to."
  value       = module.airs.decisions_queue_url
}

output "async_judge_queue_url" {
  description = "Queue of decisions waiting for the asynchronous judge."
  value       = module.airs.async_judge_queue_url
}

output "tickets_table_name" {
  description = "DynamoDB table of escalation tickets."
  value       = module.airs.tickets_table_name
}

output "breaker_trips_table_name" {
  description = "DynamoDB table of shared breaker trips."
  value       = module.airs.breaker_trips_table_name
}

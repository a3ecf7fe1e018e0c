output "function_url" {
  description = "HTTPS endpoint of the guardrail hook (AWS_IAM auth: sign requests with SigV4, service lambda). Point the application here instead of bedrock-runtime: POST /model/{modelId}/converse or /v1/evaluate."
  value       = aws_lambda_function_url.guardrail_hook.function_url
}

output "function_names" {
  description = "Name of each function, by role (guardrail_hook, decision_consumer, sla_sweeper, alarm_trip, async_judge)."
  value       = { for k, f in aws_lambda_function.function : k => f.function_name }
}

output "function_alias_arns" {
  description = "ARN of the live alias of each function (the SnapStart version every trigger invokes)."
  value       = { for k, a in aws_lambda_alias.live : k => a.arn }
}

output "escalation_queue_urls" {
  description = "URL of each severity queue reviewers watch (critical, high, standard, sampling)."
  value       = { for s in local.severity_queues : s => aws_sqs_queue.queue[format("escalations_%s", s)].url }
}

output "decisions_queue_url" {
  description = "URL of the queue reviewers send decisions to."
  value       = aws_sqs_queue.queue["decisions"].url
}

output "async_judge_queue_url" {
  description = "URL of the queue of decisions waiting for the asynchronous judge."
  value       = aws_sqs_queue.queue["async_judge"].url
}

output "dead_letter_queue_urls" {
  description = "URL of the dead-letter queue of each queue, by queue key."
  value       = { for k, q in aws_sqs_queue.dlq : k => q.url }
}

output "tickets_table_name" {
  description = "DynamoDB table of escalation tickets."
  value       = aws_dynamodb_table.tickets.name
}

output "breaker_trips_table_name" {
  description = "DynamoDB table of shared circuit breaker trips."
  value       = aws_dynamodb_table.breaker_trips.name
}

output "appconfig" {
  description = "AppConfig application, environment and profile IDs holding the policy and the kill switches."
  value = {
    application_id    = aws_appconfig_application.airs.id
    environment_id    = aws_appconfig_environment.airs.environment_id
    policy_profile_id = aws_appconfig_configuration_profile.policy.configuration_profile_id
    flags_profile_id  = aws_appconfig_configuration_profile.flags.configuration_profile_id
  }
}

output "guardrail" {
  description = "ID, ARN and published version of the native Bedrock guardrail compiled from the policy."
  value = {
    id      = aws_bedrock_guardrail.airs.guardrail_id
    arn     = aws_bedrock_guardrail.airs.guardrail_arn
    version = aws_bedrock_guardrail_version.airs.version
  }
}

output "block_rate_alarm_name" {
  description = "Name of the CloudWatch alarm that trips the breaker on a high block rate."
  value       = aws_cloudwatch_metric_alarm.block_rate.alarm_name
}

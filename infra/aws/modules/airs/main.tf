data "aws_caller_identity" "current" {}

data "aws_region" "current" {}

data "aws_partition" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  region     = data.aws_region.current.region
  partition  = data.aws_partition.current.partition

  # Every function runs from the one shaded jar; only the handler differs.
  functions = {
    guardrail_hook = {
      handler     = "io.airs.aws.bedrock.GuardrailHookHandler::handleRequest"
      description = "AIRS guardrail hook: Bedrock Converse-compatible enforcement endpoint behind the function URL"
      memory_size = var.hook_memory_mb
      timeout     = var.hook_timeout_seconds
    }
    decision_consumer = {
      handler     = "io.airs.aws.oversight.DecisionConsumerHandler::handleRequest"
      description = "AIRS oversight: applies reviewer decisions sent to the decisions queue"
      memory_size = var.worker_memory_mb
      timeout     = var.worker_timeout_seconds
    }
    sla_sweeper = {
      handler     = "io.airs.aws.oversight.SlaSweeperHandler::handleRequest"
      description = "AIRS oversight: denies tickets whose review deadline has passed"
      memory_size = var.worker_memory_mb
      timeout     = var.worker_timeout_seconds
    }
    alarm_trip = {
      handler     = "io.airs.aws.breaker.AlarmTripHandler::handleRequest"
      description = "AIRS circuit breaker: opens or closes a scope when the block rate alarm changes state"
      memory_size = var.worker_memory_mb
      timeout     = var.worker_timeout_seconds
    }
    async_judge = {
      handler     = "io.airs.aws.judge.AsyncJudgeHandler::handleRequest"
      description = "AIRS judge: judges sampled decisions from the async judge queue"
      memory_size = var.worker_memory_mb
      timeout     = var.worker_timeout_seconds
    }
  }

  # Reviewers watch the severity queues in the console; the two work queues feed functions.
  severity_queues = ["critical", "high", "standard", "sampling"]
  queue_names = merge(
    { for s in local.severity_queues : format("escalations_%s", s) => format("%s-escalations-%s", var.name_prefix, s) },
    {
      decisions   = "${var.name_prefix}-decisions"
      async_judge = "${var.name_prefix}-async-judge"
    },
  )

  consumed_queues = {
    decision_consumer = "decisions"
    async_judge       = "async_judge"
  }

  alias_name = "live"

  common_tags = merge(var.tags, { "airs:component" = "enforcer" })

  environment = {
    AIRS_ESCALATION_TABLE         = aws_dynamodb_table.tickets.name
    AIRS_ESCALATION_STATUS_INDEX  = local.tickets_status_index
    AIRS_ESCALATION_NOTIFY_INDEX  = local.tickets_notify_index
    AIRS_TRIP_TABLE               = aws_dynamodb_table.breaker_trips.name
    AIRS_QUEUE_URL_CRITICAL       = aws_sqs_queue.queue["escalations_critical"].url
    AIRS_QUEUE_URL_HIGH           = aws_sqs_queue.queue["escalations_high"].url
    AIRS_QUEUE_URL_STANDARD       = aws_sqs_queue.queue["escalations_standard"].url
    AIRS_QUEUE_URL_SAMPLING       = aws_sqs_queue.queue["escalations_sampling"].url
    AIRS_ASYNC_JUDGE_QUEUE        = aws_sqs_queue.queue["async_judge"].url
    AIRS_APPCONFIG_APPLICATION    = aws_appconfig_application.airs.id
    AIRS_APPCONFIG_ENVIRONMENT    = aws_appconfig_environment.airs.environment_id
    AIRS_APPCONFIG_POLICY_PROFILE = aws_appconfig_configuration_profile.policy.configuration_profile_id
    AIRS_APPCONFIG_FLAGS_PROFILE  = aws_appconfig_configuration_profile.flags.configuration_profile_id
    AIRS_GUARDRAIL_ID             = aws_bedrock_guardrail.airs.guardrail_id
    AIRS_GUARDRAIL_VERSION        = aws_bedrock_guardrail_version.airs.version
    AIRS_JUDGE_MODEL_ID           = var.judge_model_id
    JAVA_TOOL_OPTIONS             = var.java_tool_options
  }
}

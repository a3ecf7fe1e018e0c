locals {
  severity_queue_arns = [for s in local.severity_queues : aws_sqs_queue.queue["escalations_${s}"].arn]

  appconfig_configuration_arns = [
    for profile_id in [aws_appconfig_configuration_profile.policy.configuration_profile_id, aws_appconfig_configuration_profile.flags.configuration_profile_id] :
    "arn:${local.partition}:appconfig:${local.region}:${local.account_id}:application/${aws_appconfig_application.airs.id}/environment/${aws_appconfig_environment.airs.environment_id}/configuration/${profile_id}"
  ]

  converse_model_arns = [for id in var.converse_model_ids : "arn:${local.partition}:bedrock:${local.region}::foundation-model/${id}"]
  judge_model_arn     = "arn:${local.partition}:bedrock:${local.region}::foundation-model/${var.judge_model_id}"
  hook_model_arns     = distinct(concat(local.converse_model_arns, [local.judge_model_arn]))

  kms_key_arns = var.kms_key_arn == null ? [] : [var.kms_key_arn]

  function_policies = {
    guardrail_hook    = data.aws_iam_policy_document.guardrail_hook.json
    decision_consumer = data.aws_iam_policy_document.decision_consumer.json
    sla_sweeper       = data.aws_iam_policy_document.sla_sweeper.json
    alarm_trip        = data.aws_iam_policy_document.alarm_trip.json
    async_judge       = data.aws_iam_policy_document.async_judge.json
  }
}

data "aws_iam_policy_document" "lambda_assume" {
  statement {
    sid     = "LambdaService"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }

    # Confused-deputy guard: only functions of this account assume the roles.
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

data "aws_iam_policy_document" "guardrail_hook" {
  # Lambda names log streams at run time, so the grant is every stream of the function's group.
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.function["guardrail_hook"].arn}:log-stream:*"]
  }

  statement {
    sid       = "OpenTickets"
    actions   = ["dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:UpdateItem"]
    resources = [aws_dynamodb_table.tickets.arn]
  }

  statement {
    sid       = "ReadAndTripBreakers"
    actions   = ["dynamodb:GetItem", "dynamodb:Scan", "dynamodb:PutItem", "dynamodb:UpdateItem"]
    resources = [aws_dynamodb_table.breaker_trips.arn]
  }

  statement {
    sid       = "SendEscalations"
    actions   = ["sqs:SendMessage"]
    resources = local.severity_queue_arns
  }

  statement {
    sid       = "SendJudgeWork"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.queue["async_judge"].arn]
  }

  statement {
    sid       = "ReadPolicyAndKillSwitches"
    actions   = ["appconfig:StartConfigurationSession", "appconfig:GetLatestConfiguration"]
    resources = local.appconfig_configuration_arns
  }

  # Converse is authorised as bedrock:InvokeModel on the model; the judge calls its own model.
  statement {
    sid       = "ConverseAndJudge"
    actions   = ["bedrock:InvokeModel"]
    resources = local.hook_model_arns
  }

  statement {
    sid       = "NativeGuardrail"
    actions   = ["bedrock:ApplyGuardrail"]
    resources = [aws_bedrock_guardrail.airs.guardrail_arn]
  }

  dynamic "statement" {
    for_each = local.kms_key_arns
    content {
      sid       = "EncryptedQueuesAndTables"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = [statement.value]
    }
  }
}

data "aws_iam_policy_document" "decision_consumer" {
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.function["decision_consumer"].arn}:log-stream:*"]
  }

  statement {
    sid       = "ConsumeDecisions"
    actions   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"]
    resources = [aws_sqs_queue.queue["decisions"].arn]
  }

  statement {
    sid       = "DecideTickets"
    actions   = ["dynamodb:GetItem", "dynamodb:UpdateItem"]
    resources = [aws_dynamodb_table.tickets.arn]
  }

  # An "escalate" decision re-files the ticket on a higher severity queue.
  statement {
    sid       = "ReEscalate"
    actions   = ["sqs:SendMessage"]
    resources = local.severity_queue_arns
  }

  dynamic "statement" {
    for_each = local.kms_key_arns
    content {
      sid       = "EncryptedQueuesAndTables"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = [statement.value]
    }
  }
}

data "aws_iam_policy_document" "sla_sweeper" {
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.function["sla_sweeper"].arn}:log-stream:*"]
  }

  statement {
    sid     = "FindOverdueAndUnsentTickets"
    actions = ["dynamodb:Query"]
    resources = [
      "${aws_dynamodb_table.tickets.arn}/index/${local.tickets_status_index}",
      "${aws_dynamodb_table.tickets.arn}/index/${local.tickets_notify_index}",
    ]
  }

  statement {
    sid       = "ExpireTickets"
    actions   = ["dynamodb:GetItem", "dynamodb:UpdateItem"]
    resources = [aws_dynamodb_table.tickets.arn]
  }

  # Tickets whose message could not be sent when they were opened are sent again here.
  statement {
    sid       = "RedeliverTickets"
    actions   = ["sqs:SendMessage"]
    resources = local.severity_queue_arns
  }

  dynamic "statement" {
    for_each = local.kms_key_arns
    content {
      sid       = "EncryptedTables"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = [statement.value]
    }
  }
}

data "aws_iam_policy_document" "alarm_trip" {
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.function["alarm_trip"].arn}:log-stream:*"]
  }

  statement {
    sid       = "TripBreakers"
    actions   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"]
    resources = [aws_dynamodb_table.breaker_trips.arn]
  }

  dynamic "statement" {
    for_each = local.kms_key_arns
    content {
      sid       = "EncryptedTables"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = [statement.value]
    }
  }
}

data "aws_iam_policy_document" "async_judge" {
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.function["async_judge"].arn}:log-stream:*"]
  }

  statement {
    sid       = "ConsumeJudgeWork"
    actions   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"]
    resources = [aws_sqs_queue.queue["async_judge"].arn]
  }

  statement {
    sid       = "Judge"
    actions   = ["bedrock:InvokeModel"]
    resources = [local.judge_model_arn]
  }

  statement {
    sid       = "EscalateVerdicts"
    actions   = ["sqs:SendMessage"]
    resources = local.severity_queue_arns
  }

  statement {
    sid       = "OpenTickets"
    actions   = ["dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:UpdateItem"]
    resources = [aws_dynamodb_table.tickets.arn]
  }

  statement {
    sid       = "ReadPolicy"
    actions   = ["appconfig:StartConfigurationSession", "appconfig:GetLatestConfiguration"]
    resources = local.appconfig_configuration_arns
  }

  dynamic "statement" {
    for_each = local.kms_key_arns
    content {
      sid       = "EncryptedQueuesAndTables"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = [statement.value]
    }
  }
}

resource "aws_iam_role" "function" {
  for_each = local.functions

  name               = "${var.name_prefix}-${replace(each.key, "_", "-")}"
  description        = "Runs the AIRS ${each.key} function"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
  tags               = local.common_tags
}

resource "aws_iam_role_policy" "function" {
  for_each = local.functions

  name   = "${var.name_prefix}-${replace(each.key, "_", "-")}"
  role   = aws_iam_role.function[each.key].id
  policy = local.function_policies[each.key]
}

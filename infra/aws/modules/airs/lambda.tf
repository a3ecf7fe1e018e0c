# Created before the functions so Lambda never creates them itself without a retention.
resource "aws_cloudwatch_log_group" "function" {
  for_each = local.functions

  name              = "/aws/lambda/${var.name_prefix}-${replace(each.key, "_", "-")}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
  tags              = local.common_tags
}

resource "aws_lambda_function" "function" {
  for_each = local.functions

  function_name    = "${var.name_prefix}-${replace(each.key, "_", "-")}"
  description      = each.value.description
  role             = aws_iam_role.function[each.key].arn
  runtime          = "java21"
  handler          = each.value.handler
  architectures    = [var.architecture]
  filename         = var.lambda_jar_path
  source_code_hash = filebase64sha256(var.lambda_jar_path)
  memory_size      = each.value.memory_size
  timeout          = each.value.timeout
  # SnapStart snapshots a published version; the alias below always points at the newest.
  publish = true
  tags    = local.common_tags

  snap_start {
    apply_on = "PublishedVersions"
  }

  logging_config {
    log_format            = "JSON"
    log_group             = aws_cloudwatch_log_group.function[each.key].name
    application_log_level = "INFO"
    system_log_level      = "WARN"
  }

  environment {
    variables = local.environment
  }

  depends_on = [aws_iam_role_policy.function]
}

# Everything that invokes a function goes through this alias, so it always hits a SnapStart
# version and never $LATEST.
resource "aws_lambda_alias" "live" {
  for_each = local.functions

  name             = local.alias_name
  description      = "Newest published version"
  function_name    = aws_lambda_function.function[each.key].function_name
  function_version = aws_lambda_function.function[each.key].version
}

resource "aws_lambda_function_url" "guardrail_hook" {
  function_name      = aws_lambda_function.function["guardrail_hook"].function_name
  qualifier          = aws_lambda_alias.live["guardrail_hook"].name
  authorization_type = "AWS_IAM"
  invoke_mode        = "BUFFERED"
}

# Function URLs created since October 2025 need both grants for every caller.
resource "aws_lambda_permission" "hook_url" {
  for_each = toset(var.invoker_principal_arns)

  action                 = "lambda:InvokeFunctionUrl"
  function_name          = aws_lambda_function.function["guardrail_hook"].function_name
  qualifier              = aws_lambda_alias.live["guardrail_hook"].name
  principal              = each.value
  function_url_auth_type = "AWS_IAM"
}

resource "aws_lambda_permission" "hook_url_invoke" {
  for_each = toset(var.invoker_principal_arns)

  action                   = "lambda:InvokeFunction"
  function_name            = aws_lambda_function.function["guardrail_hook"].function_name
  qualifier                = aws_lambda_alias.live["guardrail_hook"].name
  principal                = each.value
  invoked_via_function_url = true
}

resource "aws_lambda_event_source_mapping" "queue" {
  for_each = local.consumed_queues

  event_source_arn        = aws_sqs_queue.queue[each.value].arn
  function_name           = aws_lambda_alias.live[each.key].arn
  batch_size              = 10
  function_response_types = ["ReportBatchItemFailures"]

  scaling_config {
    maximum_concurrency = 5
  }
}

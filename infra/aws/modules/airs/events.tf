# An EventBridge rule (not EventBridge Scheduler) because its target receives the standard
# "Scheduled Event" envelope the sweeper decodes as a ScheduledEvent.
resource "aws_cloudwatch_event_rule" "sla_sweep" {
  name                = "${var.name_prefix}-sla-sweep"
  description         = "Runs the AIRS SLA sweeper"
  schedule_expression = var.sla_sweep_schedule
  tags                = local.common_tags
}

resource "aws_cloudwatch_event_target" "sla_sweep" {
  rule = aws_cloudwatch_event_rule.sla_sweep.name
  arn  = aws_lambda_alias.live["sla_sweeper"].arn
}

resource "aws_lambda_permission" "sla_sweep" {
  statement_id  = "AllowSlaSweepSchedule"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.function["sla_sweeper"].function_name
  qualifier     = aws_lambda_alias.live["sla_sweeper"].name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.sla_sweep.arn
}

# The functions publish BlockRate as CloudWatch embedded metrics (namespace AIRS).
resource "aws_cloudwatch_metric_alarm" "block_rate" {
  alarm_name          = "${var.name_prefix}-block-rate"
  alarm_description   = "airs-scope=${var.block_rate_alarm_scope} AIRS block rate above ${var.block_rate_threshold}: the alarm trip function opens this breaker scope, and closes it on OK."
  namespace           = "AIRS"
  metric_name         = "BlockRate"
  dimensions          = var.block_rate_dimensions
  statistic           = "Average"
  period              = 60
  evaluation_periods  = var.block_rate_evaluation_periods
  datapoints_to_alarm = var.block_rate_evaluation_periods
  threshold           = var.block_rate_threshold
  comparison_operator = "GreaterThanThreshold"
  # No traffic is not an attack: missing data keeps the breaker closed.
  treat_missing_data = "notBreaching"
  tags               = local.common_tags
}

# State changes reach the trip function as EventBridge "CloudWatch Alarm State Change" events,
# for ALARM (open) and OK (close) alike.
resource "aws_cloudwatch_event_rule" "block_rate_state" {
  name        = "${var.name_prefix}-block-rate-state"
  description = "Block rate alarm state changes, to the AIRS alarm trip function"
  tags        = local.common_tags

  event_pattern = jsonencode({
    source        = ["aws.cloudwatch"]
    "detail-type" = ["CloudWatch Alarm State Change"]
    resources     = [aws_cloudwatch_metric_alarm.block_rate.arn]
  })
}

resource "aws_cloudwatch_event_target" "block_rate_state" {
  rule = aws_cloudwatch_event_rule.block_rate_state.name
  arn  = aws_lambda_alias.live["alarm_trip"].arn
}

resource "aws_lambda_permission" "block_rate_state" {
  statement_id  = "AllowBlockRateAlarmEvents"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.function["alarm_trip"].function_name
  qualifier     = aws_lambda_alias.live["alarm_trip"].name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.block_rate_state.arn
}

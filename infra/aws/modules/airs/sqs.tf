locals {
  # Lambda's guidance for SQS event sources: at least six times the function timeout.
  consumer_visibility_timeout = var.worker_timeout_seconds * 6
}

# One dead-letter queue per queue, so a poisoned message is found next to where it came from.
resource "aws_sqs_queue" "dlq" {
  for_each = local.queue_names

  name                      = "${each.value}-dlq"
  message_retention_seconds = var.message_retention_seconds
  sqs_managed_sse_enabled   = var.kms_key_arn == null ? true : null
  kms_master_key_id         = var.kms_key_arn
  tags                      = local.common_tags
}

resource "aws_sqs_queue" "queue" {
  for_each = local.queue_names

  name                       = each.value
  message_retention_seconds  = var.message_retention_seconds
  visibility_timeout_seconds = contains(values(local.consumed_queues), each.key) ? local.consumer_visibility_timeout : 30
  sqs_managed_sse_enabled    = var.kms_key_arn == null ? true : null
  kms_master_key_id          = var.kms_key_arn
  tags                       = local.common_tags

  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dlq[each.key].arn
    maxReceiveCount     = var.max_receive_count
  })
}

# Only the queue a dead-letter queue belongs to may redrive into it.
resource "aws_sqs_queue_redrive_allow_policy" "dlq" {
  for_each = local.queue_names

  queue_url = aws_sqs_queue.dlq[each.key].id

  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [aws_sqs_queue.queue[each.key].arn]
  })
}

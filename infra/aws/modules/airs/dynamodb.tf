locals {
  tickets_status_index = "status-deadline"
  tickets_notify_index = "notify-pending"
}

# Escalation tickets. The sweeper finds overdue tickets through the status + deadline index
# instead of scanning the table.
resource "aws_dynamodb_table" "tickets" {
  name                        = "${var.name_prefix}-tickets"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "ticket"
  deletion_protection_enabled = true
  tags                        = local.common_tags

  attribute {
    name = "ticket"
    type = "S"
  }

  attribute {
    name = "status"
    type = "S"
  }

  # The deadline as epoch seconds (nine decimals), so "deadline_key < now" works on the index.
  attribute {
    name = "deadline_key"
    type = "N"
  }

  global_secondary_index {
    name            = local.tickets_status_index
    hash_key        = "status"
    range_key       = "deadline_key"
    projection_type = "ALL"
  }

  # Sparse: only tickets whose reviewers' message is still unsent carry these attributes.
  attribute {
    name = "notify_pending"
    type = "S"
  }

  attribute {
    name = "notify_since"
    type = "N"
  }

  global_secondary_index {
    name            = local.tickets_notify_index
    hash_key        = "notify_pending"
    range_key       = "notify_since"
    projection_type = "KEYS_ONLY"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }
}

# Breaker trips shared by every function instance: one item per scope, written with a
# conditional update on its version.
resource "aws_dynamodb_table" "breaker_trips" {
  name                        = "${var.name_prefix}-breaker-trips"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "scope"
  deletion_protection_enabled = true
  tags                        = local.common_tags

  attribute {
    name = "scope"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }
}

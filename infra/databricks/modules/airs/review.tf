# The reviewers' view of the oversight queue: every pending escalation, the most urgent first, with
# whether its SLA deadline has passed (an unanswered escalation is denied by the job at its deadline).
resource "databricks_query" "pending_escalations" {
  display_name = format("%s: AIRS pending escalations", var.name)
  description  = "Pending AIRS escalations by SLA deadline. Decide by writing decision (approve or deny), reviewer, decision_note and decided_at on the row."
  warehouse_id = var.warehouse_id
  parent_path  = databricks_directory.airs.path
  catalog      = var.catalog_name
  schema       = var.schema_name
  query_text = templatefile(format("%s/pending-escalations.sql", path.module), {
    escalations = databricks_sql_table.airs["escalations"].id
  })
}

# Fires while any pending escalation is past its SLA deadline.
resource "databricks_alert" "overdue_escalations" {
  display_name         = format("%s: AIRS escalations past their SLA", var.name)
  query_id             = databricks_query.pending_escalations.id
  parent_path          = databricks_directory.airs.path
  seconds_to_retrigger = var.alert_retrigger_seconds
  custom_subject       = "AIRS: {{QUERY_RESULT_VALUE}} pending escalation(s) past their SLA"

  condition {
    op                 = "GREATER_THAN"
    empty_result_state = "OK"
    operand {
      column {
        name = "overdue_count"
      }
    }
    threshold {
      value {
        double_value = 0
      }
    }
  }
}

# An alert is evaluated, and its subscribers told, by a job's SQL alert task. It runs as its
# owner, the deployer, who owns the query and the alert; the service principal has no SQL access.
resource "databricks_job" "alert" {
  name                = format("%s-airs-escalation-alert", var.name)
  description         = "AIRS Enforcer: evaluates the overdue-escalations alert and notifies its destination"
  max_concurrent_runs = 1

  schedule {
    quartz_cron_expression = var.alert_schedule
    timezone_id            = var.job_schedule_timezone
    pause_status           = "UNPAUSED"
  }

  task {
    task_key = "overdue_escalations"

    sql_task {
      warehouse_id = var.warehouse_id
      alert {
        alert_id = databricks_alert.overdue_escalations.id
        dynamic "subscriptions" {
          for_each = var.notification_destination_id == null ? [] : [var.notification_destination_id]
          content {
            destination_id = subscriptions.value
          }
        }
        dynamic "subscriptions" {
          for_each = toset(var.alert_user_names)
          content {
            user_name = subscriptions.value
          }
        }
      }
    }
  }
}

# Reviewers open the query to see what waits for them.
resource "databricks_permissions" "pending_escalations_query" {
  count = var.reviewers_group == null ? 0 : 1

  sql_query_id = databricks_query.pending_escalations.id

  access_control {
    group_name       = var.reviewers_group
    permission_level = "CAN_RUN"
  }
}

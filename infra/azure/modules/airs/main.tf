data "azurerm_client_config" "current" {}

locals {
  resource_group_name    = coalesce(var.resource_group_name, format("rg-%s", var.name))
  storage_account_name   = replace(format("st%s", var.name), "-", "")
  app_configuration_name = format("appcs-%s", var.name)
  function_app_name      = format("func-%s", var.name)
  service_plan_name      = format("asp-%s", var.name)
  openai_name            = format("oai-%s", var.name)
  content_safety_name    = format("cs-%s", var.name)
  insights_name          = format("appi-%s", var.name)
  workspace_name         = format("log-%s", var.name)

  tags = merge(var.tags, { "airs:component" = "enforcer" })

  # The core's escalation severities (io.airs.core.oversight.Severity), most urgent first: the
  # oversight store sends each ticket to PREFIX-<severity>.
  severities = ["critical", "high", "standard", "sampling"]

  # Every queue the functions use. Reviewers watch the severity queues and send decisions to the
  # decision queue; the filter samples decisions into the judge queue.
  queues = merge(
    { for s in local.severities : format("escalations_%s", s) => format("%s-%s", var.escalation_queue_prefix, s) },
    {
      decisions = var.decision_queue_name
      judge     = var.judge_queue_name
    },
  )

  tables = {
    tickets = var.ticket_table_name
    trips   = var.trip_table_name
  }
}

resource "azurerm_resource_group" "airs" {
  name     = local.resource_group_name
  location = var.location
  tags     = local.tags
}

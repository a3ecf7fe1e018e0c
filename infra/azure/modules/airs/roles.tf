locals {
  # Every role the function app's identity holds, each on the one resource it is needed for, with
  # the reason (it becomes the assignment's description). No role is granted on the resource group
  # or the subscription.
  function_roles = merge(
    local.function_roles_always,
    { for name, grant in local.function_roles_optional : name => grant if grant.enabled },
  )

  function_roles_always = {
    send_escalations_critical = {
      scope = azurerm_storage_queue.queue["escalations_critical"].id
      role  = "Storage Queue Data Message Sender"
      why   = "The oversight store sends critical escalations to this queue."
    }
    send_escalations_high = {
      scope = azurerm_storage_queue.queue["escalations_high"].id
      role  = "Storage Queue Data Message Sender"
      why   = "The oversight store sends high escalations to this queue."
    }
    send_escalations_standard = {
      scope = azurerm_storage_queue.queue["escalations_standard"].id
      role  = "Storage Queue Data Message Sender"
      why   = "The oversight store sends standard escalations to this queue."
    }
    send_escalations_sampling = {
      scope = azurerm_storage_queue.queue["escalations_sampling"].id
      role  = "Storage Queue Data Message Sender"
      why   = "The oversight store sends sampling escalations to this queue."
    }
    read_decisions = {
      scope = azurerm_storage_queue.queue["decisions"].id
      role  = "Storage Queue Data Reader"
      why   = "The decision-consumer queue trigger reads the queue's length and messages."
    }
    process_decisions = {
      scope = azurerm_storage_queue.queue["decisions"].id
      role  = "Storage Queue Data Message Processor"
      why   = "The decision-consumer queue trigger takes and deletes reviewers' decisions."
    }
    send_decisions = {
      scope = azurerm_storage_queue.queue["decisions"].id
      role  = "Storage Queue Data Message Sender"
      why   = "The escalation-decision admin route hands decisions to the same queue, so one consumer applies them."
    }
    send_decisions_poison = {
      scope = azurerm_storage_queue.poison["decisions"].id
      role  = "Storage Queue Data Message Sender"
      why   = "The Functions host moves decisions that keep failing here."
    }
    send_judge = {
      scope = azurerm_storage_queue.queue["judge"].id
      role  = "Storage Queue Data Message Sender"
      why   = "The filter samples decisions into the judge queue."
    }
    read_judge = {
      scope = azurerm_storage_queue.queue["judge"].id
      role  = "Storage Queue Data Reader"
      why   = "The async-judge queue trigger reads the queue's length and messages."
    }
    process_judge = {
      scope = azurerm_storage_queue.queue["judge"].id
      role  = "Storage Queue Data Message Processor"
      why   = "The async-judge queue trigger takes and deletes sampled decisions."
    }
    send_judge_poison = {
      scope = azurerm_storage_queue.poison["judge"].id
      role  = "Storage Queue Data Message Sender"
      why   = "The Functions host moves judge messages that keep failing here."
    }
    write_tickets = {
      scope = azurerm_storage_table.table["tickets"].id
      role  = "Storage Table Data Contributor"
      why   = "Escalation tickets are created, read and updated (ETag-guarded) in this table."
    }
    write_trips = {
      scope = azurerm_storage_table.table["trips"].id
      role  = "Storage Table Data Contributor"
      why   = "Automatic breaker trips are shared by every instance through this table."
    }
    host_storage = {
      scope = azurerm_storage_account.airs.id
      role  = "Storage Blob Data Owner"
      why   = "AzureWebJobsStorage: the Functions host keeps its keys, timer schedules and leases in blob containers it creates."
    }
    read_app_configuration = {
      scope = azurerm_app_configuration.airs.id
      role  = "App Configuration Data Reader"
      why   = "The functions read the kill-switch flags and the policy key."
    }
    call_openai = {
      scope = local.openai_account_id
      role  = "Cognitive Services OpenAI User"
      why   = "The filter forwards chat completions and the judge calls its deployment."
    }
    publish_telemetry = {
      scope = azurerm_application_insights.airs.id
      role  = "Monitoring Metrics Publisher"
      why   = "Application Insights accepts telemetry from Entra identities only."
    }
  }

  # Roles on optional pieces, granted only when the piece is deployed.
  function_roles_optional = {
    call_content_safety = {
      enabled = var.content_safety_enabled
      scope   = one(azurerm_cognitive_account.content_safety[*].id)
      role    = "Cognitive Services User"
      why     = "The filter asks Prompt Shields for a second opinion on prompts and documents."
    }
  }
}

resource "azurerm_role_assignment" "function" {
  for_each = local.function_roles

  scope                = each.value.scope
  role_definition_name = each.value.role
  principal_id         = azurerm_linux_function_app.airs.identity[0].principal_id
  principal_type       = "ServicePrincipal"
  description          = each.value.why
}

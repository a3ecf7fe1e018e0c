locals {
  # Either the account passed in, or the one created here.
  openai_account_id = var.openai_account_id == null ? one(azurerm_cognitive_account.openai[*].id) : var.openai_account_id
  openai_endpoint   = var.openai_account_id == null ? one(azurerm_cognitive_account.openai[*].endpoint) : one(data.azurerm_cognitive_account.existing[*].endpoint)

  # The ARM body of a raiPolicies PUT, as `airs policy compile --target azure` prints it:
  # {"name", "properties": {"basePolicyName", "mode", "contentFilters": [...], "customBlocklists": [...]}}.
  rai_policy            = jsondecode(file(var.rai_policy_file))
  rai_content_filters   = try(local.rai_policy.properties.contentFilters, [])
  rai_custom_blocklists = try(local.rai_policy.properties.customBlocklists, [])
}

resource "azurerm_cognitive_account" "openai" {
  count = var.openai_account_id == null ? 1 : 0

  name                          = local.openai_name
  resource_group_name           = azurerm_resource_group.airs.name
  location                      = azurerm_resource_group.airs.location
  kind                          = "OpenAI"
  sku_name                      = var.openai_sku
  custom_subdomain_name         = local.openai_name
  local_auth_enabled            = false
  public_network_access_enabled = true
  tags                          = local.tags
}

# An existing account: /subscriptions/<s>/resourceGroups/<rg>/providers/Microsoft.CognitiveServices/accounts/<name>,
# in the subscription the provider is configured for.
data "azurerm_cognitive_account" "existing" {
  count = var.openai_account_id == null ? 0 : 1

  name                = element(split("/", var.openai_account_id), 8)
  resource_group_name = element(split("/", var.openai_account_id), 4)
}

# Azure OpenAI's own content filter, compiled from the same policy the functions enforce, so the
# platform's filter and ours agree.
resource "azurerm_cognitive_account_rai_policy" "airs" {
  name                 = local.rai_policy.name
  cognitive_account_id = local.openai_account_id
  base_policy_name     = local.rai_policy.properties.basePolicyName
  mode                 = try(local.rai_policy.properties.mode, null)
  tags                 = local.tags

  dynamic "content_filter" {
    for_each = local.rai_content_filters
    content {
      name           = content_filter.value.name
      filter_enabled = content_filter.value.enabled
      block_enabled  = content_filter.value.blocking
      # Jailbreak, Indirect Attack and Protected Material filters have no threshold in the API, but
      # azurerm 4.x requires one on every filter; the service ignores it on those.
      severity_threshold = try(content_filter.value.severityThreshold, "High")
      source             = content_filter.value.source
    }
  }
}

# azurerm_cognitive_account_rai_policy has no custom blocklist argument in provider 4.x. A compiled
# policy that names blocklists still applies; this check warns that they are not attached.
check "rai_policy_custom_blocklists" {
  assert {
    condition     = length(local.rai_custom_blocklists) == 0
    error_message = "The compiled RAI policy names custom blocklists, which azurerm cannot attach: attach them to the policy in the Azure AI Foundry portal (the functions still enforce the AIRS policy's own lists)."
  }
}

# Every deployment the application (and the judge) calls is filtered by the compiled policy.
resource "azurerm_cognitive_deployment" "deployment" {
  for_each = var.openai_deployments

  name                 = each.key
  cognitive_account_id = local.openai_account_id
  rai_policy_name      = azurerm_cognitive_account_rai_policy.airs.name

  model {
    format  = "OpenAI"
    name    = each.value.model_name
    version = each.value.model_version
  }

  sku {
    name     = each.value.sku_name
    capacity = each.value.capacity
  }
}

# Prompt Shields as one more signal for the filter (AIRS_CONTENT_SAFETY_ENDPOINT).
resource "azurerm_cognitive_account" "content_safety" {
  count = var.content_safety_enabled ? 1 : 0

  name                          = local.content_safety_name
  resource_group_name           = azurerm_resource_group.airs.name
  location                      = azurerm_resource_group.airs.location
  kind                          = "ContentSafety"
  sku_name                      = var.content_safety_sku
  custom_subdomain_name         = local.content_safety_name
  local_auth_enabled            = false
  public_network_access_enabled = true
  tags                          = local.tags
}

# The kill switches and the policy. Local (key) authentication is off: the functions read with
# their managed identity (App Configuration Data Reader), Terraform writes with the identity it
# runs as (App Configuration Data Owner, below).
resource "azurerm_app_configuration" "airs" {
  name                  = local.app_configuration_name
  resource_group_name   = azurerm_resource_group.airs.name
  location              = azurerm_resource_group.airs.location
  sku                   = var.app_configuration_sku
  local_auth_enabled    = false
  public_network_access = "Enabled"
  tags                  = local.tags
}

# Keys and feature flags are written through App Configuration's data plane, which checks data
# roles only: Owner or Contributor on the subscription is not enough. This grant is to the
# principal running Terraform, on this store alone; turn it off when that principal already holds
# the role (a second identical assignment fails).
resource "azurerm_role_assignment" "deployer_app_configuration" {
  count = var.grant_deployer_app_configuration_data_owner ? 1 : 0

  scope                = azurerm_app_configuration.airs.id
  role_definition_name = "App Configuration Data Owner"
  principal_id         = data.azurerm_client_config.current.object_id
  description          = "Lets Terraform write the AIRS policy key and kill-switch flags of this store."
}

locals {
  # One flag per breaker scope: kill-global, kill-endpoint-<name>, kill-agent-<name>, kill-tool-<name>.
  kill_switches = merge(
    { "kill-global" = "Opens the global AIRS circuit breaker: every request gets the non-AI fallback." },
    { for e in var.kill_switch_endpoints : format("kill-endpoint-%s", e) => format("Opens the AIRS circuit breaker of endpoint %s.", e) },
    { for a in var.kill_switch_agents : format("kill-agent-%s", a) => format("Opens the AIRS circuit breaker of agent %s.", a) },
    { for t in var.kill_switch_tools : format("kill-tool-%s", t) => format("Opens the AIRS circuit breaker of tool %s.", t) },
  )
}

# Every switch starts off. A person flips one in the portal (Feature manager) and the functions
# see it within AIRS_FLAG_CACHE_SECONDS; Terraform leaves `enabled` alone after creation so the
# next apply does not close a breaker someone opened.
resource "azurerm_app_configuration_feature" "kill_switch" {
  for_each = local.kill_switches

  configuration_store_id = azurerm_app_configuration.airs.id
  name                   = each.key
  label                  = var.app_configuration_label
  description            = each.value
  enabled                = false

  lifecycle {
    ignore_changes = [enabled]
  }

  depends_on = [azurerm_role_assignment.deployer_app_configuration]
}

resource "azurerm_app_configuration_key" "policy" {
  configuration_store_id = azurerm_app_configuration.airs.id
  key                    = var.policy_key
  label                  = var.app_configuration_label
  type                   = "kv"
  content_type           = "application/x-yaml"
  value                  = file(var.policy_file)

  depends_on = [azurerm_role_assignment.deployer_app_configuration]
}

resource "azurerm_log_analytics_workspace" "airs" {
  name                = local.workspace_name
  resource_group_name = azurerm_resource_group.airs.name
  location            = azurerm_resource_group.airs.location
  sku                 = "PerGB2018"
  retention_in_days   = var.log_retention_days
  tags                = local.tags
}

# Local authentication is off, so telemetry is accepted only from Entra identities: the function
# app sends with its managed identity (Monitoring Metrics Publisher, roles.tf) and
# APPLICATIONINSIGHTS_AUTHENTICATION_STRING; the connection string alone can write nothing.
resource "azurerm_application_insights" "airs" {
  name                          = local.insights_name
  resource_group_name           = azurerm_resource_group.airs.name
  location                      = azurerm_resource_group.airs.location
  workspace_id                  = azurerm_log_analytics_workspace.airs.id
  application_type              = "java"
  local_authentication_disabled = true
  tags                          = local.tags
}

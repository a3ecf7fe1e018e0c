# One account holds the oversight queues and tables and the Functions host's own blobs
# (AzureWebJobsStorage). It accepts Entra ID only: the function app reaches it with its managed
# identity, Terraform through Resource Manager, reviewers through the portal's Entra sign-in.
resource "azurerm_storage_account" "airs" {
  name                             = local.storage_account_name
  resource_group_name              = azurerm_resource_group.airs.name
  location                         = azurerm_resource_group.airs.location
  account_kind                     = "StorageV2"
  account_tier                     = "Standard"
  account_replication_type         = var.storage_replication_type
  min_tls_version                  = "TLS1_2"
  https_traffic_only_enabled       = true
  allow_nested_items_to_be_public  = false
  shared_access_key_enabled        = false
  default_to_oauth_authentication  = true
  cross_tenant_replication_enabled = false
  tags                             = local.tags
}

resource "azurerm_storage_queue" "queue" {
  for_each = local.queues

  name               = each.value
  storage_account_id = azurerm_storage_account.airs.id
}

# After maxDequeueCount failed deliveries (5 by default) the Functions host moves a message to
# <queue>-poison. Created here so they exist before the first failure, can be watched and alerted
# on, and so the host needs only to send to them, never to create a queue.
resource "azurerm_storage_queue" "poison" {
  for_each = local.queues

  name               = format("%s-poison", each.value)
  storage_account_id = azurerm_storage_account.airs.id
}

resource "azurerm_storage_table" "table" {
  for_each = local.tables

  name               = each.value
  storage_account_id = azurerm_storage_account.airs.id
}

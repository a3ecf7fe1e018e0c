locals {
  # The settings the functions read (io.airs.azure.AzureSettings), derived from the resources.
  # No secret anywhere: storage, App Configuration, Azure OpenAI and Content Safety are reached with
  # the app's managed identity.
  airs_settings = {
    AIRS_APPCONFIG_ENDPOINT      = azurerm_app_configuration.airs.endpoint
    AIRS_APPCONFIG_POLICY_KEY    = azurerm_app_configuration_key.policy.key
    AIRS_FLAG_CACHE_SECONDS      = tostring(var.flag_cache_seconds)
    AirsStorage__queueServiceUri = azurerm_storage_account.airs.primary_queue_endpoint
    AirsStorage__tableServiceUri = azurerm_storage_account.airs.primary_table_endpoint
    AirsStorage__credential      = "managedidentity"
    AIRS_ESCALATION_QUEUE_PREFIX = var.escalation_queue_prefix
    AIRS_DECISION_QUEUE          = azurerm_storage_queue.queue["decisions"].name
    AIRS_JUDGE_QUEUE             = azurerm_storage_queue.queue["judge"].name
    AIRS_TICKET_TABLE            = azurerm_storage_table.table["tickets"].name
    AIRS_TRIP_TABLE              = azurerm_storage_table.table["trips"].name
    AIRS_OPENAI_ENDPOINT         = local.openai_endpoint
    AIRS_OPENAI_TIMEOUT_MS       = tostring(var.openai_timeout_ms)
    AIRS_JUDGE_API_VERSION       = var.judge_api_version
    AIRS_SWEEP_SCHEDULE          = var.sweep_schedule
  }

  # Settings a deployment may leave out; each is set only when configured, and all are known at
  # plan time so the app's settings are too.
  airs_optional_settings = {
    AIRS_APPCONFIG_LABEL         = var.app_configuration_label
    AIRS_JUDGE_DEPLOYMENT        = var.judge_deployment_name
    AIRS_CONTENT_SAFETY_ENDPOINT = var.content_safety_enabled ? format("https://%s.cognitiveservices.azure.com/", local.content_safety_name) : null
  }

  # Read by the Functions host itself. FUNCTIONS_EXTENSION_VERSION, FUNCTIONS_WORKER_RUNTIME,
  # AzureWebJobsStorage__accountName and APPLICATIONINSIGHTS_CONNECTION_STRING come from the
  # resource's own arguments below.
  host_settings = {
    # Deployments run the zip as it is; set here so a code deployment does not leave a drift.
    WEBSITE_RUN_FROM_PACKAGE                  = "1"
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING = "Authorization=AAD"
  }

  app_settings = merge(
    local.host_settings,
    local.airs_settings,
    { for name, value in local.airs_optional_settings : name => value if value != null },
  )
}

# A dedicated Linux plan: consumption and elastic premium plans keep the app's content on an
# Azure Files share that only a storage key can mount, and this stack uses no keys.
resource "azurerm_service_plan" "airs" {
  name                = local.service_plan_name
  resource_group_name = azurerm_resource_group.airs.name
  location            = azurerm_resource_group.airs.location
  os_type             = "Linux"
  sku_name            = var.service_plan_sku
  tags                = local.tags
}

resource "azurerm_linux_function_app" "airs" {
  name                = local.function_app_name
  resource_group_name = azurerm_resource_group.airs.name
  location            = azurerm_resource_group.airs.location
  service_plan_id     = azurerm_service_plan.airs.id

  # AzureWebJobsStorage__accountName: the host's leases, timers and keys, with the managed identity.
  storage_account_name          = azurerm_storage_account.airs.name
  storage_uses_managed_identity = true

  functions_extension_version                    = "~4"
  https_only                                     = true
  builtin_logging_enabled                        = false
  ftp_publish_basic_authentication_enabled       = false
  webdeploy_publish_basic_authentication_enabled = var.scm_basic_auth_enabled
  app_settings                                   = local.app_settings
  tags                                           = local.tags

  identity {
    type = "SystemAssigned"
  }

  site_config {
    # Timer and queue triggers run only while the app is loaded.
    always_on                              = true
    ftps_state                             = "Disabled"
    http2_enabled                          = true
    minimum_tls_version                    = "1.2"
    application_insights_connection_string = azurerm_application_insights.airs.connection_string

    application_stack {
      java_version = "21"
    }
  }
}

provider "azurerm" {
  features {}

  # null reads ARM_SUBSCRIPTION_ID (export ARM_SUBSCRIPTION_ID=$(az account show --query id -o tsv)).
  subscription_id = var.subscription_id

  # The storage account refuses shared keys: whatever the provider reads from its data plane, it
  # reads with Entra ID.
  storage_use_azuread = true
}

module "airs" {
  source = "../../modules/airs"

  name                    = var.name
  location                = var.location
  policy_file             = var.policy_file
  rai_policy_file         = var.rai_policy_file
  app_configuration_label = var.app_configuration_label
  content_safety_enabled  = var.content_safety_enabled

  # The application calls gpt-4o-mini through the filter; the judge is a different model.
  openai_deployments = {
    "gpt-4o-mini" = {
      model_name    = "gpt-4o-mini"
      model_version = "2024-07-18"
    }
    "gpt-4.1-mini" = {
      model_name    = "gpt-4.1-mini"
      model_version = "2025-04-14"
    }
  }
  judge_deployment_name = "gpt-4.1-mini"

  kill_switch_endpoints = ["gpt-4o-mini"]
  kill_switch_agents    = []
  kill_switch_tools     = []

  flag_cache_seconds = 30
  sweep_schedule     = "0 */1 * * * *"
  tags               = var.tags
}

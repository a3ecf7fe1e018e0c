terraform {
  # check blocks need 1.5; optional() object attributes 1.3.
  required_version = ">= 1.6.0"

  required_providers {
    azurerm = {
      source = "hashicorp/azurerm"
      # 4.77 creates queues and tables through Resource Manager (storage_account_id), so the
      # storage account can refuse shared keys and Terraform needs no data-plane role on it.
      version = "~> 4.77"
    }
  }
}

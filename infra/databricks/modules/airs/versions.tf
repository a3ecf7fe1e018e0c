terraform {
  # optional() object attributes with defaults need 1.3; preconditions 1.2; check blocks 1.5.
  required_version = ">= 1.6.0"

  required_providers {
    databricks = {
      source = "databricks/databricks"
      # 1.99 has AI Gateway fallback_config, PII MASK, databricks_query / databricks_alert, Unity
      # Catalog volumes and serverless job environments with java_dependencies.
      version = "~> 1.99"
    }
  }
}

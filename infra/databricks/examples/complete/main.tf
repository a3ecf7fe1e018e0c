# Authentication comes from the environment: DATABRICKS_HOST with DATABRICKS_TOKEN, or
# DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET, or a profile (DATABRICKS_CONFIG_PROFILE).
provider "databricks" {}

module "airs" {
  source = "../../modules/airs"

  name         = var.name
  catalog_name = var.catalog_name
  schema_name  = var.schema_name
  warehouse_id = var.warehouse_id

  # The compiled policy: `airs policy compile --target databricks` writes this file.
  ai_gateway = jsondecode(file(var.ai_gateway_file))

  # The application calls gpt-4o-mini through the guarded endpoint; the judge is a different model.
  endpoint_name       = format("%s-chat", var.name)
  judge_endpoint_name = format("%s-judge", var.name)
  models = {
    primary = {
      name = "gpt-4o-mini"
      external_model = {
        provider       = "openai"
        name           = "gpt-4o-mini"
        api_key_secret = "openai-api-key"
      }
    }
    judge = {
      name = "gpt-4-1-mini"
      external_model = {
        provider       = "openai"
        name           = "gpt-4.1-mini"
        api_key_secret = "openai-api-key"
      }
    }
  }
  gateway_secrets = { "openai-api-key" = var.openai_api_key }

  job_jar_file        = var.job_jar_file
  policy_file         = var.policy_file
  job_schedule        = "0 0/15 * * * ?"
  judge_sampling_rate = 0.075

  notification_destination_id = var.notification_destination_id
  reviewers_group             = var.reviewers_group
  operators_group             = var.operators_group
}

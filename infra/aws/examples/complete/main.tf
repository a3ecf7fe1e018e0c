provider "aws" {
  region = var.region

  default_tags {
    tags = {
      "airs:stack" = var.name_prefix
    }
  }
}

module "airs" {
  source = "../../modules/airs"

  name_prefix            = var.name_prefix
  lambda_jar_path        = var.lambda_jar_path
  policy_path            = var.policy_path
  guardrail_config_path  = var.guardrail_config_path
  converse_model_ids     = var.converse_model_ids
  judge_model_id         = var.judge_model_id
  invoker_principal_arns = var.invoker_principal_arns
  kill_switch_scopes     = ["global", "endpoint_converse"]
  block_rate_threshold   = 0.5
  log_retention_days     = 365
  sla_sweep_schedule     = "rate(1 minute)"
  tags                   = var.tags
}

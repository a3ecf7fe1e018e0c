resource "aws_appconfig_application" "airs" {
  name        = var.name_prefix
  description = "AIRS Enforcer: the enforcement policy and the circuit breaker kill switches"
  tags        = local.common_tags
}

resource "aws_appconfig_environment" "airs" {
  application_id = aws_appconfig_application.airs.id
  name           = "${var.name_prefix}-live"
  description    = "What the AIRS functions read"
  tags           = local.common_tags
}

resource "aws_appconfig_configuration_profile" "policy" {
  application_id = aws_appconfig_application.airs.id
  name           = "policy"
  description    = "The AIRS policy YAML"
  location_uri   = "hosted"
  type           = "AWS.Freeform"
  tags           = local.common_tags
}

resource "aws_appconfig_configuration_profile" "flags" {
  application_id = aws_appconfig_application.airs.id
  name           = "kill-switches"
  description    = "One kill switch per breaker scope: enable kill_<scope> (with a reason) to open that breaker everywhere"
  location_uri   = "hosted"
  type           = "AWS.AppConfig.FeatureFlags"
  tags           = local.common_tags
}

resource "aws_appconfig_hosted_configuration_version" "policy" {
  application_id           = aws_appconfig_application.airs.id
  configuration_profile_id = aws_appconfig_configuration_profile.policy.configuration_profile_id
  description              = "AIRS policy from ${basename(var.policy_path)}"
  content_type             = "application/x-yaml"
  content                  = file(var.policy_path)
}

# Every switch starts off. Operators flip one in the console (new version, deploy) and the
# functions pick it up on their next AppConfig poll; Terraform does not fight that, because a
# hosted version it created is never edited in place.
resource "aws_appconfig_hosted_configuration_version" "flags" {
  application_id           = aws_appconfig_application.airs.id
  configuration_profile_id = aws_appconfig_configuration_profile.flags.configuration_profile_id
  description              = "AIRS kill switches, all off"
  content_type             = "application/json"

  content = jsonencode({
    version = "1"
    flags = {
      for scope in var.kill_switch_scopes : format("kill_%s", scope) => {
        name        = format("kill_%s", scope)
        description = format("Open the AIRS circuit breaker of scope %s", scope)
        attributes = {
          reason = {
            constraints = {
              type     = "string"
              required = false
            }
          }
        }
      }
    }
    values = {
      for scope in var.kill_switch_scopes : format("kill_%s", scope) => {
        enabled = false
      }
    }
  })
}

# A kill switch must take effect at once: no linear roll-out, no bake time.
resource "aws_appconfig_deployment_strategy" "immediate" {
  name                           = "${var.name_prefix}-immediate"
  description                    = "All targets at once, for policy changes and kill switches"
  deployment_duration_in_minutes = 0
  final_bake_time_in_minutes     = 0
  growth_factor                  = 100
  growth_type                    = "LINEAR"
  replicate_to                   = "NONE"
  tags                           = local.common_tags
}

resource "aws_appconfig_deployment" "policy" {
  application_id           = aws_appconfig_application.airs.id
  environment_id           = aws_appconfig_environment.airs.environment_id
  configuration_profile_id = aws_appconfig_configuration_profile.policy.configuration_profile_id
  configuration_version    = aws_appconfig_hosted_configuration_version.policy.version_number
  deployment_strategy_id   = aws_appconfig_deployment_strategy.immediate.id
  description              = "AIRS policy"
  tags                     = local.common_tags
}

# AppConfig runs one deployment per environment at a time, so the two are ordered.
resource "aws_appconfig_deployment" "flags" {
  application_id           = aws_appconfig_application.airs.id
  environment_id           = aws_appconfig_environment.airs.environment_id
  configuration_profile_id = aws_appconfig_configuration_profile.flags.configuration_profile_id
  configuration_version    = aws_appconfig_hosted_configuration_version.flags.version_number
  deployment_strategy_id   = aws_appconfig_deployment_strategy.immediate.id
  description              = "AIRS kill switches"
  tags                     = local.common_tags

  depends_on = [aws_appconfig_deployment.policy]
}

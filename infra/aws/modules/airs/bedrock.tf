locals {
  # The JSON `airs policy compile --target bedrock` prints, in CreateGuardrail's own key names.
  guardrail      = jsondecode(file(var.guardrail_config_path))
  content_filter = try(local.guardrail.contentPolicyConfig.filtersConfig, [])
  pii_entities   = try(local.guardrail.sensitiveInformationPolicyConfig.piiEntitiesConfig, [])
}

resource "aws_bedrock_guardrail" "airs" {
  name                      = local.guardrail.name
  description               = "Compiled from the AIRS policy; the hook attaches it to Converse calls."
  blocked_input_messaging   = local.guardrail.blockedInputMessaging
  blocked_outputs_messaging = local.guardrail.blockedOutputsMessaging
  kms_key_arn               = var.kms_key_arn
  tags                      = local.common_tags

  # A policy without content filters or PII entities compiles to empty lists; the API rejects
  # an empty policy block, so each block exists only when it has entries.
  dynamic "content_policy_config" {
    for_each = length(local.content_filter) > 0 ? [local.content_filter] : []
    content {
      dynamic "filters_config" {
        for_each = content_policy_config.value
        content {
          type            = filters_config.value.type
          input_strength  = filters_config.value.inputStrength
          output_strength = filters_config.value.outputStrength
        }
      }
    }
  }

  dynamic "sensitive_information_policy_config" {
    for_each = length(local.pii_entities) > 0 ? [local.pii_entities] : []
    content {
      dynamic "pii_entities_config" {
        for_each = sensitive_information_policy_config.value
        content {
          type   = pii_entities_config.value.type
          action = pii_entities_config.value.action
        }
      }
    }
  }
}

# Converse needs a numbered version (or DRAFT); a new one is published whenever the guardrail
# changes, and old ones are kept so a rollback of the functions still finds theirs.
resource "aws_bedrock_guardrail_version" "airs" {
  guardrail_arn = aws_bedrock_guardrail.airs.guardrail_arn
  description   = "Published by Terraform for the AIRS hook"
  skip_destroy  = true

  lifecycle {
    replace_triggered_by = [aws_bedrock_guardrail.airs]
  }
}

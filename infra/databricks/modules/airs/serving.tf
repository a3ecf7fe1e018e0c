locals {
  # The guarded endpoint serves the primary model, and the fallback model at 0 % traffic when there
  # is one (AI Gateway falls back across the served entities of one endpoint). The judge endpoint
  # is created only when var.models has a judge; otherwise judge_endpoint_name is an existing one.
  endpoints = merge(
    {
      guarded = {
        name     = var.endpoint_name
        entities = [for role in ["primary", "fallback"] : var.models[role] if contains(keys(var.models), role)]
      }
    },
    contains(keys(var.models), "judge") ? {
      judge = {
        name     = var.judge_endpoint_name
        entities = [var.models["judge"]]
      }
    } : {},
  )

  judge_endpoint_created = contains(keys(var.models), "judge")
}

resource "databricks_model_serving" "endpoint" {
  for_each = local.endpoints

  name = each.value.name

  # The compiled policy (ai-gateway.json, the body of PUT /api/2.0/serving-endpoints/{name}/ai-gateway)
  # mapped field by field; only the guarded endpoint gets it. The judge must see what the guarded
  # model saw, so it is not filtered by the same guardrails.
  dynamic "ai_gateway" {
    for_each = each.key == "guarded" ? [var.ai_gateway] : []
    content {
      dynamic "guardrails" {
        for_each = ai_gateway.value.guardrails == null ? [] : [ai_gateway.value.guardrails]
        content {
          dynamic "input" {
            for_each = guardrails.value.input == null ? [] : [guardrails.value.input]
            content {
              safety           = input.value.safety
              invalid_keywords = input.value.invalid_keywords
              valid_topics     = input.value.valid_topics
              dynamic "pii" {
                for_each = input.value.pii == null ? [] : [input.value.pii]
                content {
                  behavior = pii.value.behavior
                }
              }
            }
          }
          dynamic "output" {
            for_each = guardrails.value.output == null ? [] : [guardrails.value.output]
            content {
              safety           = output.value.safety
              invalid_keywords = output.value.invalid_keywords
              valid_topics     = output.value.valid_topics
              dynamic "pii" {
                for_each = output.value.pii == null ? [] : [output.value.pii]
                content {
                  behavior = pii.value.behavior
                }
              }
            }
          }
        }
      }
      dynamic "rate_limits" {
        for_each = ai_gateway.value.rate_limits
        content {
          calls          = rate_limits.value.calls
          tokens         = rate_limits.value.tokens
          key            = rate_limits.value.key
          principal      = rate_limits.value.principal
          renewal_period = rate_limits.value.renewal_period
        }
      }
      dynamic "usage_tracking_config" {
        for_each = ai_gateway.value.usage_tracking_config == null ? [] : [ai_gateway.value.usage_tracking_config]
        content {
          enabled = usage_tracking_config.value.enabled
        }
      }
      dynamic "inference_table_config" {
        for_each = ai_gateway.value.inference_table_config == null ? [] : [ai_gateway.value.inference_table_config]
        content {
          catalog_name      = inference_table_config.value.catalog_name
          schema_name       = inference_table_config.value.schema_name
          table_name_prefix = inference_table_config.value.table_name_prefix
          enabled           = inference_table_config.value.enabled
        }
      }
      dynamic "fallback_config" {
        for_each = ai_gateway.value.fallback_config == null ? [] : [ai_gateway.value.fallback_config]
        content {
          enabled = fallback_config.value.enabled
        }
      }
    }
  }

  config {
    dynamic "served_entities" {
      for_each = each.value.entities
      content {
        name = served_entities.value.name

        entity_name                = try(served_entities.value.foundation_model.entity_name, null)
        entity_version             = try(served_entities.value.foundation_model.entity_version, null)
        min_provisioned_throughput = try(served_entities.value.foundation_model.min_provisioned_throughput, null)
        max_provisioned_throughput = try(served_entities.value.foundation_model.max_provisioned_throughput, null)
        scale_to_zero_enabled      = try(served_entities.value.foundation_model.scale_to_zero_enabled, null)

        dynamic "external_model" {
          for_each = served_entities.value.external_model == null ? [] : [served_entities.value.external_model]
          content {
            provider = external_model.value.provider
            name     = external_model.value.name
            task     = external_model.value.task

            # API keys are references to the gateway's secret scope, never values in the state.
            dynamic "openai_config" {
              for_each = external_model.value.provider == "openai" ? [external_model.value] : []
              content {
                openai_api_key         = format("{{secrets/%s/%s}}", databricks_secret_scope.gateway.name, openai_config.value.api_key_secret)
                openai_api_base        = openai_config.value.openai_api_base
                openai_api_type        = openai_config.value.openai_api_type
                openai_api_version     = openai_config.value.openai_api_version
                openai_deployment_name = openai_config.value.openai_deployment_name
              }
            }
            dynamic "anthropic_config" {
              for_each = external_model.value.provider == "anthropic" ? [external_model.value] : []
              content {
                anthropic_api_key = format("{{secrets/%s/%s}}", databricks_secret_scope.gateway.name, anthropic_config.value.api_key_secret)
              }
            }
            dynamic "databricks_model_serving_config" {
              for_each = external_model.value.provider == "databricks-model-serving" ? [external_model.value] : []
              content {
                databricks_api_token     = format("{{secrets/%s/%s}}", databricks_secret_scope.gateway.name, databricks_model_serving_config.value.api_key_secret)
                databricks_workspace_url = databricks_model_serving_config.value.databricks_workspace_url
              }
            }
          }
        }
      }
    }

    # With a fallback model, all traffic goes to the primary; the fallback only gets what fails over.
    dynamic "traffic_config" {
      for_each = length(each.value.entities) > 1 ? [each.value.entities] : []
      content {
        dynamic "routes" {
          for_each = traffic_config.value
          content {
            served_entity_name = routes.value.name
            traffic_percentage = routes.key == 0 ? 100 : 0
          }
        }
      }
    }
  }

  depends_on = [databricks_secret.gateway, databricks_schema.airs]

  lifecycle {
    precondition {
      condition     = each.key != "guarded" || !try(var.ai_gateway.fallback_config.enabled, false) || length(each.value.entities) > 1
      error_message = "ai_gateway.fallback_config.enabled needs a fallback model: add models.fallback."
    }
  }
}

# Who may use the guarded endpoint: the gateway and applications (CAN_QUERY) and, when the job's circuit breaker
# acts on the endpoint, the service principal with CAN_MANAGE. CAN_MANAGE is there only because
# the breaker trips by rewriting the endpoint's AI Gateway (rate limits to 0, or the fallback
# route) with PUT /serving-endpoints/{name}/ai-gateway, and restores the saved settings on close;
# that API accepts CAN_MANAGE and no lower level. With breaker_updates_endpoint = false the
# principal gets nothing here and breakers act in the gateway only.
resource "databricks_permissions" "guarded_endpoint" {
  serving_endpoint_id = databricks_model_serving.endpoint["guarded"].serving_endpoint_id

  # The gateway forwards the requests it lets through.
  access_control {
    service_principal_name = databricks_service_principal.gateway.application_id
    permission_level       = "CAN_QUERY"
  }

  dynamic "access_control" {
    for_each = var.breaker_updates_endpoint ? [local.service_principal] : []
    content {
      service_principal_name = access_control.value
      permission_level       = "CAN_MANAGE"
    }
  }

  dynamic "access_control" {
    for_each = toset(var.endpoint_query_groups)
    content {
      group_name       = access_control.value
      permission_level = "CAN_QUERY"
    }
  }
}

# The job calls the judge endpoint and nothing more. Permissions on an endpoint this module did
# not create are left alone: databricks_permissions replaces an object's whole access list.
resource "databricks_permissions" "judge_endpoint" {
  count = local.judge_endpoint_created ? 1 : 0

  serving_endpoint_id = databricks_model_serving.endpoint["judge"].serving_endpoint_id

  access_control {
    service_principal_name = local.service_principal
    permission_level       = "CAN_QUERY"
  }

  # The gateway's LLM judge (AIRS_JUDGE_ENDPOINT) is the same endpoint.
  access_control {
    service_principal_name = databricks_service_principal.gateway.application_id
    permission_level       = "CAN_QUERY"
  }
}

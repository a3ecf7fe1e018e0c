# The gateway's credentials: the external models' API keys (referenced by the endpoints as
# {{secrets/<scope>/<key>}}) and whatever else the gateway reads. Values come from
# var.gateway_secrets (sensitive); their names are not secret.
resource "databricks_secret_scope" "gateway" {
  name = coalesce(var.secret_scope_name, format("%s-airs-gateway", var.name))
}

resource "databricks_secret" "gateway" {
  for_each = nonsensitive(toset(keys(var.gateway_secrets)))

  scope        = databricks_secret_scope.gateway.id
  key          = each.value
  string_value = var.gateway_secrets[each.value]
}

resource "databricks_secret_acl" "service_principal" {
  scope      = databricks_secret_scope.gateway.name
  principal  = local.service_principal
  permission = "READ"
}

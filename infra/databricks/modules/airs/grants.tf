# Unity Catalog privileges of the service principal, each on the one securable that needs it;
# nothing is granted on the metastore and nothing is ALL_PRIVILEGES.
#
# The catalog, the schemas and the inference table may be shared with others, so they get
# databricks_grant (this principal's privileges only). databricks_grants replaces every grant of
# a securable, so it is used only for what this module creates: the four tables and the volume.
locals {
  # The AIRS schema and the inference table's schema may be one schema: one grant each.
  catalog_grants = toset(distinct([var.catalog_name, var.ai_gateway.inference_table_config.catalog_name]))
  schema_grants = {
    for s in distinct([local.schema_full_name, local.inference_schema_full_name]) : s =>
    s == local.schema_full_name ? ["USE_SCHEMA", "CREATE_TABLE"] : ["USE_SCHEMA"]
  }
}

resource "databricks_grant" "catalog" {
  for_each = local.catalog_grants

  catalog    = each.value
  principal  = local.service_principal
  privileges = ["USE_CATALOG"]
}

# CREATE_TABLE: the job re-creates one of its tables if someone dropped it (CREATE TABLE IF NOT
# EXISTS with the DDL of Tables).
resource "databricks_grant" "schema" {
  for_each = local.schema_grants

  schema     = each.key
  principal  = local.service_principal
  privileges = each.value

  depends_on = [databricks_schema.airs]
}

# The job reads the endpoint's traffic. AI Gateway creates the table when the endpoint is created;
# if the first apply gets here before it exists, apply again.
resource "databricks_grant" "inference_table" {
  table      = local.inference_table_full_name
  principal  = local.service_principal
  privileges = ["SELECT"]

  depends_on = [databricks_model_serving.endpoint]
}

resource "databricks_grants" "table" {
  for_each = databricks_sql_table.airs

  table = each.value.id

  grant {
    principal  = local.service_principal
    privileges = ["SELECT", "MODIFY"]
  }

  # The gateway reads the kill switches and writes them for PUT /v1/breakers/{scope}.
  dynamic "grant" {
    for_each = each.key == "breakers" ? [databricks_service_principal.gateway.application_id] : []
    content {
      principal  = grant.value
      privileges = ["SELECT", "MODIFY"]
    }
  }

  # Reviewers read the verdicts, and decide escalations by writing their decision columns.
  dynamic "grant" {
    for_each = var.reviewers_group != null && contains(["verdicts", "escalations"], each.key) ? [var.reviewers_group] : []
    content {
      principal  = grant.value
      privileges = each.key == "escalations" ? ["SELECT", "MODIFY"] : ["SELECT"]
    }
  }
}

resource "databricks_grants" "volume" {
  volume = databricks_volume.airs.id

  grant {
    principal  = local.service_principal
    privileges = ["READ_VOLUME", "WRITE_VOLUME"]
  }
}

# Reviewers reach the tables through the catalog and the schema.
resource "databricks_grant" "reviewers_catalog" {
  count = var.reviewers_group == null ? 0 : 1

  catalog    = var.catalog_name
  principal  = var.reviewers_group
  privileges = ["USE_CATALOG"]
}

resource "databricks_grant" "reviewers_schema" {
  count = var.reviewers_group == null ? 0 : 1

  schema     = local.schema_full_name
  principal  = var.reviewers_group
  privileges = ["USE_SCHEMA"]

  depends_on = [databricks_schema.airs]
}

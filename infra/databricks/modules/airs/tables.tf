resource "databricks_sql_table" "airs" {
  for_each = local.tables

  catalog_name = var.catalog_name
  schema_name  = var.schema_name
  name         = each.value.name
  table_type   = "MANAGED"
  comment      = each.value.comment
  warehouse_id = var.warehouse_id

  # The job MERGEs on the key: clustering on it keeps each MERGE to the files that hold the key.
  cluster_keys = each.value.key

  dynamic "column" {
    for_each = each.value.columns
    content {
      name     = column.value.name
      type     = column.value.type
      nullable = column.value.nullable
      comment  = column.value.comment
    }
  }

  depends_on = [databricks_schema.airs]
}

# The judge job's JAR and its streaming checkpoints.
resource "databricks_volume" "airs" {
  catalog_name = var.catalog_name
  schema_name  = var.schema_name
  name         = var.volume_name
  volume_type  = "MANAGED"
  comment      = "AIRS Enforcer: the judge job's JAR and checkpoints"

  depends_on = [databricks_schema.airs]
}

# The policy the judge job runs (the same file the gateway's AIRS_POLICY names).
resource "databricks_file" "policy" {
  count = var.policy_file == null ? 0 : 1

  source = var.policy_file
  path   = local.policy_path

  depends_on = [databricks_volume.airs]
}

resource "databricks_file" "job_jar" {
  count = var.job_jar_file == null ? 0 : 1

  source = var.job_jar_file
  path   = local.job_jar_path

  depends_on = [databricks_volume.airs]
}

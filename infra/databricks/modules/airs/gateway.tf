# The enforcement gateway's own identity. The gateway runs outside the workspace, next to the
# applications (databricks/README.md), and calls the workspace as this principal with OAuth
# machine-to-machine (DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET): it queries the guarded
# endpoint, calls the judge endpoint, and reads and writes the kill switches in the breaker table
# through a SQL warehouse. Nothing else: it reads no other table and runs no job.
resource "databricks_service_principal" "gateway" {
  display_name               = format("%s-airs-gateway", var.name)
  allow_cluster_create       = false
  allow_instance_pool_create = false
  # Statement Execution on a SQL warehouse (the breaker table); CAN_USE on the warehouse is its
  # owner's to give (databricks_permissions would replace the warehouse's whole access list).
  databricks_sql_access = true
}

# The OAuth secret the gateway authenticates with; hand it to the gateway's runtime through that
# platform's secret store (output gateway_client_secret is sensitive).
resource "databricks_service_principal_secret" "gateway" {
  service_principal_id = databricks_service_principal.gateway.id
}

resource "databricks_grant" "gateway_catalog" {
  catalog    = var.catalog_name
  principal  = databricks_service_principal.gateway.application_id
  privileges = ["USE_CATALOG"]
}

resource "databricks_grant" "gateway_schema" {
  schema     = local.schema_full_name
  principal  = databricks_service_principal.gateway.application_id
  privileges = ["USE_SCHEMA"]

  depends_on = [databricks_schema.airs]
}

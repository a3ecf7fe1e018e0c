variable "name" {
  type        = string
  description = "Base of the workspace object names, for example acme-prod; the guarded endpoint is <name>-chat and the judge <name>-judge."
  default     = "airs-demo"
}

variable "catalog_name" {
  type        = string
  description = "Catalog of the AIRS tables and of the inference table (the same as inference_table_config.catalog_name in ai-gateway.json)."
  default     = "main"
}

variable "schema_name" {
  type        = string
  description = "Schema created for the AIRS tables, the job's volume and the inference table (the same as inference_table_config.schema_name in ai-gateway.json)."
  default     = "airs"
}

variable "warehouse_id" {
  type        = string
  description = "ID of the SQL warehouse that creates the tables and runs the reviewers' query and alert."
}

variable "ai_gateway_file" {
  type        = string
  description = "Path of the output of `airs policy compile --target databricks`; ai-gateway.json here is what the default policy compiles to."
  default     = "ai-gateway.json"
}

variable "openai_api_key" {
  type        = string
  description = "OpenAI API key of the primary and judge models, stored in the gateway's secret scope (export TF_VAR_openai_api_key)."
  sensitive   = true
}

variable "job_jar_file" {
  type        = string
  description = "The judge job's JAR, built by ./mvnw -pl databricks/job -am package."
  default     = "../../../../databricks/job/target/airs-databricks-job.jar"
}

variable "notification_destination_id" {
  type        = string
  description = "Notification destination told when escalations pass their SLA; null for none."
  default     = null
}

variable "reviewers_group" {
  type        = string
  description = "Group of the reviewers; null grants nothing."
  default     = null
}

variable "operators_group" {
  type        = string
  description = "Group that may manage the judge job's runs; null grants nothing."
  default     = null
}

variable "policy_file" {
  type        = string
  description = "The policy the judge job runs (give the gateway the same file as AIRS_POLICY); null: the built-in default policy."
  default     = null
}

variable "name" {
  type        = string
  description = "Base of the names of the workspace objects: <name>-airs-judge (job), <name>-airs-enforcer (service principal), <name>-airs-gateway (secret scope), the query and the alert."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}[a-z0-9]$", var.name))
    error_message = "name must be 3-32 characters: lower-case letters, digits and hyphens, starting with a letter and ending with a letter or digit."
  }
}

variable "catalog_name" {
  type        = string
  description = "Unity Catalog catalog of the AIRS tables and the job's volume. It must exist; the deployer needs USE_CATALOG and CREATE_SCHEMA (or USE_SCHEMA and CREATE_TABLE, CREATE_VOLUME on an existing schema) and the right to grant on it."

  validation {
    condition     = can(regex("^[A-Za-z_][A-Za-z0-9_]{0,254}$", var.catalog_name))
    error_message = "catalog_name must be a plain identifier: letters, digits and underscores, not starting with a digit."
  }
}

variable "schema_name" {
  type        = string
  description = "Schema of the AIRS tables (airs_verdicts, airs_escalations, airs_breakers, airs_evidence) and the job's volume; the job's --catalog and --schema."

  validation {
    condition     = can(regex("^[A-Za-z_][A-Za-z0-9_]{0,254}$", var.schema_name))
    error_message = "schema_name must be a plain identifier: letters, digits and underscores, not starting with a digit."
  }
}

variable "create_schema" {
  type        = bool
  description = "Create schema_name in catalog_name; false uses an existing schema."
  default     = true
}

variable "volume_name" {
  type        = string
  description = "Managed volume in catalog_name.schema_name holding airs-databricks-job.jar and the job's checkpoints (checkpoints/judge)."
  default     = "airs_job"

  validation {
    condition     = can(regex("^[A-Za-z_][A-Za-z0-9_]{0,254}$", var.volume_name))
    error_message = "volume_name must be a plain identifier: letters, digits and underscores, not starting with a digit."
  }
}

variable "workspace_folder" {
  type        = string
  description = "Workspace folder created for the reviewers' query and alert."
  default     = "/Shared/airs-enforcer"

  validation {
    condition     = can(regex("^/(Shared|Workspace|Users)(/[^/]+)+$", var.workspace_folder))
    error_message = "workspace_folder must be an absolute workspace path under /Shared, /Workspace or /Users, without a trailing slash."
  }
}

variable "warehouse_id" {
  type        = string
  description = "ID of the SQL warehouse that creates the tables and runs the reviewers' query and alert (SQL Warehouses -> the warehouse -> Connection details, or the last part of its HTTP path)."

  validation {
    condition     = can(regex("^[0-9a-f]{16}$", var.warehouse_id))
    error_message = "warehouse_id must be a SQL warehouse ID: 16 lower-case hex digits."
  }
}

variable "endpoint_name" {
  type        = string
  description = "Name of the guarded serving endpoint the module creates, with the compiled AI Gateway; applications call it (or the AIRS gateway in front of it)."

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$", var.endpoint_name))
    error_message = "endpoint_name must be 1-63 characters: letters, digits, hyphens and underscores, starting with a letter or digit."
  }
}

variable "judge_endpoint_name" {
  type        = string
  description = "Serving endpoint of the LLM judge (a different model from the guarded one): created with models.judge, or an existing endpoint when models has no judge (the service principal then needs CAN_QUERY on it, which this module leaves to its owner)."

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$", var.judge_endpoint_name))
    error_message = "judge_endpoint_name must be 1-63 characters: letters, digits, hyphens and underscores, starting with a letter or digit."
  }
}

variable "models" {
  type = map(object({
    # Served entity name, unique in its endpoint.
    name = string
    external_model = optional(object({
      provider = string
      name     = string
      task     = optional(string, "llm/v1/chat")
      # Key in the gateway's secret scope that holds the provider's API key (or Databricks token).
      api_key_secret           = string
      openai_api_base          = optional(string)
      openai_api_type          = optional(string)
      openai_api_version       = optional(string)
      openai_deployment_name   = optional(string)
      databricks_workspace_url = optional(string)
    }))
    foundation_model = optional(object({
      entity_name                = string
      entity_version             = string
      min_provisioned_throughput = optional(number)
      max_provisioned_throughput = optional(number)
      scale_to_zero_enabled      = optional(bool, true)
    }))
  }))
  description = "What the endpoints serve, by role: primary (required, the guarded model), fallback (optional, served by the guarded endpoint at 0 % traffic for AI Gateway fallback), judge (optional, creates judge_endpoint_name). Each is an external model (provider openai, anthropic or databricks-model-serving, its key in the gateway's secret scope) or a foundation model (a Unity Catalog entity such as system.ai.<model> with a version)."

  validation {
    condition     = contains(keys(var.models), "primary") && alltrue([for k in keys(var.models) : contains(["primary", "fallback", "judge"], k)])
    error_message = "models must have a primary, and may have a fallback and a judge; no other roles."
  }

  validation {
    condition     = alltrue([for m in values(var.models) : (m.external_model == null) != (m.foundation_model == null)])
    error_message = "Each model is either an external_model or a foundation_model, not both and not neither."
  }

  validation {
    condition = alltrue([
      for m in values(var.models) :
      contains(["openai", "anthropic", "databricks-model-serving"], try(m.external_model.provider, "openai"))
    ])
    error_message = "external_model.provider must be openai, anthropic or databricks-model-serving."
  }

  validation {
    condition     = alltrue([for m in values(var.models) : can(regex("^[A-Za-z0-9][A-Za-z0-9_-]*$", m.name))])
    error_message = "A served entity name may hold letters, digits, hyphens and underscores."
  }
}

variable "ai_gateway" {
  type = object({
    guardrails = optional(object({
      input = optional(object({
        safety = optional(bool)
        pii = optional(object({
          behavior = string
        }))
        invalid_keywords = optional(list(string))
        valid_topics     = optional(list(string))
      }))
      output = optional(object({
        safety = optional(bool)
        pii = optional(object({
          behavior = string
        }))
        invalid_keywords = optional(list(string))
        valid_topics     = optional(list(string))
      }))
    }))
    rate_limits = optional(list(object({
      calls          = optional(number)
      tokens         = optional(number)
      key            = optional(string)
      principal      = optional(string)
      renewal_period = string
    })), [])
    usage_tracking_config = optional(object({
      enabled = bool
    }))
    inference_table_config = object({
      catalog_name      = string
      schema_name       = string
      table_name_prefix = string
      enabled           = bool
    })
    fallback_config = optional(object({
      enabled = bool
    }))
  })
  description = "AI Gateway of the guarded endpoint: the JSON body of PUT /api/2.0/serving-endpoints/{name}/ai-gateway that `airs policy compile --target databricks` prints, passed as jsondecode(file(\"ai-gateway.json\"))."

  validation {
    condition = alltrue([
      for g in [try(var.ai_gateway.guardrails.input, null), try(var.ai_gateway.guardrails.output, null)] :
      contains(["NONE", "BLOCK", "MASK"], coalesce(try(g.pii.behavior, null), "NONE"))
    ])
    error_message = "guardrails.input.pii.behavior and guardrails.output.pii.behavior must be NONE, BLOCK or MASK."
  }

  validation {
    condition = alltrue([
      for r in var.ai_gateway.rate_limits :
      r.renewal_period == "minute" && contains(["endpoint", "user", "user_group", "service_principal"], coalesce(r.key, "endpoint"))
      && (r.calls != null || r.tokens != null)
    ])
    error_message = "Each rate limit needs calls or tokens, renewal_period minute, and key endpoint, user, user_group or service_principal."
  }

  validation {
    # The judge job reads the inference table: it must be on.
    condition = (
      var.ai_gateway.inference_table_config.enabled
      && can(regex("^[A-Za-z_][A-Za-z0-9_]*$", var.ai_gateway.inference_table_config.catalog_name))
      && can(regex("^[A-Za-z_][A-Za-z0-9_]*$", var.ai_gateway.inference_table_config.schema_name))
      && can(regex("^[A-Za-z0-9_][A-Za-z0-9_-]*$", var.ai_gateway.inference_table_config.table_name_prefix))
    )
    error_message = "inference_table_config must be enabled, with catalog_name, schema_name and table_name_prefix: the judge job reads that table."
  }
}

variable "gateway_secrets" {
  type        = map(string)
  description = "Secrets written to the gateway's secret scope, by key: the external models' API keys named by models.*.external_model.api_key_secret, and the gateway's own credentials. Pass them from the environment (TF_VAR_gateway_secrets) or put them in the scope yourself and leave this empty."
  default     = {}
  sensitive   = true
}

variable "secret_scope_name" {
  type        = string
  description = "Name of the gateway's secret scope; null gives <name>-airs-gateway."
  default     = null

  validation {
    condition     = var.secret_scope_name == null || can(regex("^[A-Za-z0-9_.@-]{1,128}$", coalesce(var.secret_scope_name, "x")))
    error_message = "secret_scope_name may hold up to 128 letters, digits, underscores, hyphens, periods and @."
  }
}

variable "breaker_updates_endpoint" {
  type        = bool
  description = "Let the job's circuit breaker stop the guarded endpoint by rewriting its AI Gateway (rate limits to 0 or the fallback route), which needs CAN_MANAGE on the endpoint; false keeps breakers in the gateway only and gives the principal nothing on the endpoint."
  default     = true
}

variable "endpoint_query_groups" {
  type        = list(string)
  description = "Groups given CAN_QUERY on the guarded endpoint (the applications' identities)."
  default     = []
}

variable "job_compute" {
  type        = string
  description = "Compute of the judge job: job_cluster (a new cluster per run, see job_cluster) or serverless (needs serverless_environment_version)."
  default     = "job_cluster"

  validation {
    condition     = contains(["job_cluster", "serverless"], var.job_compute)
    error_message = "job_compute must be job_cluster or serverless."
  }
}

variable "job_cluster" {
  type = object({
    spark_version = optional(string, "17.3.x-scala2.13")
    node_type_id  = optional(string)
    num_workers   = optional(number, 1)
    # JNAME selects the JDK: the job is Java 21 bytecode.
    spark_env_vars = optional(map(string), { JNAME = "zulu21-ca-amd64" })
  })
  description = "The judge job's cluster when job_compute = job_cluster: Databricks Runtime (Scala 2.13, Spark 4), node type (null: the smallest with a local disk and 4 cores), workers, environment."
  default     = {}

  validation {
    condition     = can(regex("scala2\\.13$", var.job_cluster.spark_version)) && var.job_cluster.num_workers >= 0
    error_message = "job_cluster.spark_version must be a Scala 2.13 runtime (the job is built against Spark 4 for Scala 2.13), and num_workers at least 0."
  }
}

variable "serverless_environment_version" {
  type        = string
  description = "Serverless environment version of the judge job when job_compute = serverless; it must run Java 21 bytecode."
  default     = null

  validation {
    condition     = var.serverless_environment_version == null || can(regex("^[0-9]+$", coalesce(var.serverless_environment_version, "0")))
    error_message = "serverless_environment_version must be a version number such as 4."
  }
}

variable "job_jar_file" {
  type        = string
  description = "Local path of airs-databricks-job.jar to upload to the volume; null when it is put there another way."
  default     = null

  validation {
    condition     = var.job_jar_file == null || can(regex("\\.jar$", coalesce(var.job_jar_file, "x.jar")))
    error_message = "job_jar_file must be the path of a .jar file."
  }
}

variable "job_schedule" {
  type        = string
  description = "Quartz cron expression of the judge job (seconds minutes hours day-of-month month day-of-week [year])."
  default     = "0 0/15 * * * ?"

  validation {
    condition     = can(regex("^\\S+( \\S+){5,6}$", var.job_schedule))
    error_message = "job_schedule must be a Quartz cron expression of 6 or 7 fields, for example \"0 0/15 * * * ?\"."
  }
}

variable "job_schedule_timezone" {
  type        = string
  description = "Java time zone ID of the job schedules."
  default     = "UTC"
}

variable "job_paused" {
  type        = bool
  description = "Create the judge job's schedule paused."
  default     = false
}

variable "job_timeout_seconds" {
  type        = number
  description = "Longest run of the judge job before it is stopped."
  default     = 3600

  validation {
    condition     = var.job_timeout_seconds >= 60 && var.job_timeout_seconds <= 172800
    error_message = "job_timeout_seconds must be between 60 and 172800."
  }
}

variable "judge_sampling_rate" {
  type        = number
  description = "Share of unflagged rows sent to the LLM judge (the job's --sample-rate); the policy's tier sets the range (MEDIUM 5-10 %)."
  default     = 0.075

  validation {
    condition     = var.judge_sampling_rate >= 0 && var.judge_sampling_rate <= 1
    error_message = "judge_sampling_rate must be between 0 and 1."
  }
}

variable "alert_schedule" {
  type        = string
  description = "Quartz cron expression of the job that evaluates the overdue-escalations alert."
  default     = "0 0/10 * * * ?"

  validation {
    condition     = can(regex("^\\S+( \\S+){5,6}$", var.alert_schedule))
    error_message = "alert_schedule must be a Quartz cron expression of 6 or 7 fields."
  }
}

variable "alert_retrigger_seconds" {
  type        = number
  description = "Seconds before a triggered alert may notify again while escalations stay overdue; 0 notifies once."
  default     = 3600

  validation {
    condition     = var.alert_retrigger_seconds >= 0
    error_message = "alert_retrigger_seconds must not be negative."
  }
}

variable "notification_destination_id" {
  type        = string
  description = "Notification destination (Settings -> Notifications: email, Slack, Teams, PagerDuty, webhook) told when escalations are overdue; null for none."
  default     = null

  validation {
    condition     = var.notification_destination_id == null || can(regex("^[0-9a-f-]{36}$", coalesce(var.notification_destination_id, "x")))
    error_message = "notification_destination_id must be a destination's UUID."
  }
}

variable "alert_user_names" {
  type        = list(string)
  description = "Workspace users e-mailed when escalations are overdue."
  default     = []
}

variable "reviewers_group" {
  type        = string
  description = "Group of the reviewers: SELECT on airs_verdicts, SELECT and MODIFY on airs_escalations (they decide by writing the decision columns), CAN_RUN on the query; null grants nothing."
  default     = null
}

variable "operators_group" {
  type        = string
  description = "Group that may start, cancel and repair the judge job's runs (CAN_MANAGE_RUN); null grants nothing."
  default     = null
}

variable "policy_file" {
  type        = string
  description = "Local path of the policy file the judge job runs (uploaded to the volume as policy.yaml and passed as --policy); null runs the built-in default policy."
  default     = null

  validation {
    condition     = var.policy_file == null || can(regex("\\.(ya?ml|json)$", var.policy_file))
    error_message = "policy_file must be a .yaml, .yml or .json policy file."
  }
}

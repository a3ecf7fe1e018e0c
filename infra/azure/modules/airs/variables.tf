variable "name" {
  type        = string
  description = "Base of every resource name: rg-<name>, func-<name> (the function app's host name func-<name>.azurewebsites.net), st<name without hyphens> (storage), appcs-<name> (App Configuration), oai-<name> (Azure OpenAI subdomain), cs-<name> (Content Safety). Those are global names, so pick one nobody else uses."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,18}[a-z0-9]$", var.name)) && !strcontains(var.name, "--")
    error_message = "name must be 3-20 characters: lower-case letters, digits and single hyphens, starting with a letter and ending with a letter or digit."
  }
}

variable "location" {
  type        = string
  description = "Azure region of every resource, for example swedencentral. It must offer the Azure OpenAI models and deployment types named in openai_deployments (and Content Safety when enabled)."
}

variable "resource_group_name" {
  type        = string
  description = "Name of the resource group the module creates; null gives rg-<name>."
  default     = null
}

variable "tags" {
  type        = map(string)
  description = "Tags for every resource."
  default     = {}
}

variable "service_plan_sku" {
  type        = string
  description = "SKU of the dedicated Linux App Service plan that runs the function app (B1-B3, S1-S3, P0v3-P3v3, P1mv3-P5mv3, or the v4 equivalents). Consumption (Y1), Flex Consumption and Elastic Premium plans are not offered: their content share needs a storage key."
  default     = "P0v3"

  validation {
    condition     = can(regex("^(B[1-3]|S[1-3]|P[0-3]v[34]|P[1-5]mv[34])$", var.service_plan_sku))
    error_message = "service_plan_sku must be a dedicated plan: B1-B3, S1-S3, P0v3-P3v3, P1mv3-P5mv3 (or v4)."
  }
}

variable "storage_replication_type" {
  type        = string
  description = "Replication of the storage account that holds the escalation queues and tables."
  default     = "ZRS"

  validation {
    condition     = contains(["LRS", "ZRS", "GRS", "GZRS", "RAGRS", "RAGZRS"], var.storage_replication_type)
    error_message = "storage_replication_type must be one of LRS, ZRS, GRS, GZRS, RAGRS, RAGZRS."
  }
}

variable "escalation_queue_prefix" {
  type        = string
  description = "Prefix of the severity queues reviewers watch: <prefix>-critical, -high, -standard, -sampling (AIRS_ESCALATION_QUEUE_PREFIX)."
  default     = "airs-escalations"

  validation {
    # 47 characters leave room for "-critical-poison" within Storage's 63.
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,45}[a-z0-9]$", var.escalation_queue_prefix)) && !strcontains(var.escalation_queue_prefix, "--")
    error_message = "escalation_queue_prefix must be 3-47 characters: lower-case letters, digits and single hyphens, not starting or ending with a hyphen."
  }
}

variable "decision_queue_name" {
  type        = string
  description = "Queue reviewers send their decisions to; the decision-consumer function applies them (AIRS_DECISION_QUEUE)."
  default     = "airs-decisions"

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,54}[a-z0-9]$", var.decision_queue_name)) && !strcontains(var.decision_queue_name, "--")
    error_message = "decision_queue_name must be 3-56 characters (room for \"-poison\"): lower-case letters, digits and single hyphens, not starting or ending with a hyphen."
  }
}

variable "judge_queue_name" {
  type        = string
  description = "Queue of sampled decisions for the async-judge function (AIRS_JUDGE_QUEUE)."
  default     = "airs-judge"

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,54}[a-z0-9]$", var.judge_queue_name)) && !strcontains(var.judge_queue_name, "--")
    error_message = "judge_queue_name must be 3-56 characters (room for \"-poison\"): lower-case letters, digits and single hyphens, not starting or ending with a hyphen."
  }
}

variable "ticket_table_name" {
  type        = string
  description = "Table of escalation tickets (AIRS_TICKET_TABLE)."
  default     = "airstickets"

  validation {
    condition     = can(regex("^[A-Za-z][A-Za-z0-9]{2,62}$", var.ticket_table_name))
    error_message = "ticket_table_name must be 3-63 letters and digits, starting with a letter."
  }
}

variable "trip_table_name" {
  type        = string
  description = "Table of automatic breaker trips shared by every instance (AIRS_TRIP_TABLE)."
  default     = "airstrips"

  validation {
    condition     = can(regex("^[A-Za-z][A-Za-z0-9]{2,62}$", var.trip_table_name))
    error_message = "trip_table_name must be 3-63 letters and digits, starting with a letter."
  }
}

variable "app_configuration_sku" {
  type        = string
  description = "SKU of the App Configuration store. The free SKU allows 1,000 requests a day, fewer than one instance polling the flags every 30 seconds makes, so it only suits trials."
  default     = "standard"

  validation {
    condition     = contains(["free", "standard"], var.app_configuration_sku)
    error_message = "app_configuration_sku must be free or standard."
  }
}

variable "app_configuration_label" {
  type        = string
  description = "Label of the policy key and of every kill-switch flag (AIRS_APPCONFIG_LABEL), for example the environment name; null uses no label."
  default     = null

  validation {
    condition     = var.app_configuration_label == null || can(regex("^[A-Za-z0-9._-]{1,64}$", var.app_configuration_label))
    error_message = "app_configuration_label must be null or 1-64 letters, digits, dots, underscores and hyphens."
  }
}

variable "policy_file" {
  type        = string
  description = "Path of the AIRS policy (YAML or JSON). It is stored as the App Configuration key policy_key, where the functions read it."

  validation {
    condition     = can(regex("[.](ya?ml|json)$", var.policy_file))
    error_message = "policy_file must point at a .yaml, .yml or .json file."
  }
}

variable "policy_key" {
  type        = string
  description = "App Configuration key holding the policy (AIRS_APPCONFIG_POLICY_KEY)."
  default     = "airs:policy"

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9:/._-]*$", var.policy_key)) && !startswith(var.policy_key, ".appconfig")
    error_message = "policy_key must be letters, digits and : / . _ - and must not use the reserved .appconfig prefix."
  }
}

variable "kill_switch_endpoints" {
  type        = list(string)
  description = "Endpoints that get their own kill switch, kill-endpoint-<name> (for the Azure OpenAI filter, the deployment names clients call). kill-global always exists."
  default     = []

  validation {
    condition     = alltrue([for e in var.kill_switch_endpoints : can(regex("^[a-z0-9][a-z0-9._-]{0,62}$", e))])
    error_message = "kill_switch_endpoints must be lower-case letters, digits, dots, underscores and hyphens."
  }
}

variable "kill_switch_agents" {
  type        = list(string)
  description = "Agents that get their own kill switch, kill-agent-<name>."
  default     = []

  validation {
    condition     = alltrue([for a in var.kill_switch_agents : can(regex("^[a-z0-9][a-z0-9._-]{0,62}$", a))])
    error_message = "kill_switch_agents must be lower-case letters, digits, dots, underscores and hyphens."
  }
}

variable "kill_switch_tools" {
  type        = list(string)
  description = "Tools that get their own kill switch, kill-tool-<name>."
  default     = []

  validation {
    condition     = alltrue([for t in var.kill_switch_tools : can(regex("^[a-z0-9][a-z0-9._-]{0,62}$", t))])
    error_message = "kill_switch_tools must be lower-case letters, digits, dots, underscores and hyphens."
  }
}

variable "flag_cache_seconds" {
  type        = number
  description = "How long the functions serve the kill-switch flags before reading App Configuration again (AIRS_FLAG_CACHE_SECONDS): the longest a flipped switch takes to act."
  default     = 30

  validation {
    condition     = var.flag_cache_seconds >= 1 && var.flag_cache_seconds <= 3600 && floor(var.flag_cache_seconds) == var.flag_cache_seconds
    error_message = "flag_cache_seconds must be a whole number from 1 to 3600."
  }
}

variable "grant_deployer_app_configuration_data_owner" {
  type        = bool
  description = "Grant the principal running Terraform App Configuration Data Owner on the new store, which writing the policy key and the flags needs. Set false when it already holds that role there (or on a parent scope)."
  default     = true
}

variable "openai_account_id" {
  type        = string
  description = "Resource ID of an existing Azure OpenAI account (in the provider's subscription) to filter; null creates one, oai-<name>. The RAI policy and openai_deployments are created on whichever account is used."
  default     = null

  validation {
    condition     = var.openai_account_id == null || can(regex("^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft.CognitiveServices/accounts/[^/]+$", var.openai_account_id))
    error_message = "openai_account_id must be null or /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.CognitiveServices/accounts/<name>."
  }
}

variable "openai_sku" {
  type        = string
  description = "SKU of the Azure OpenAI account created when openai_account_id is null."
  default     = "S0"

  validation {
    condition     = var.openai_sku == "S0"
    error_message = "Azure OpenAI accounts are S0."
  }
}

variable "openai_deployments" {
  type = map(object({
    model_name    = string
    model_version = string
    sku_name      = optional(string, "GlobalStandard")
    capacity      = optional(number, 10)
  }))
  description = "Model deployments to create, by deployment name (the {deployment} clients put in /openai/deployments/{deployment}/chat/completions). Each is filtered by the compiled RAI policy. capacity is in thousands of tokens per minute."
  default     = {}

  validation {
    condition     = alltrue([for name, d in var.openai_deployments : can(regex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", name)) && contains(["Standard", "DataZoneStandard", "GlobalStandard", "GlobalBatch", "ProvisionedManaged"], d.sku_name) && d.capacity >= 1])
    error_message = "openai_deployments: names are letters, digits, dots, underscores and hyphens; sku_name is Standard, DataZoneStandard, GlobalStandard, GlobalBatch or ProvisionedManaged; capacity is at least 1."
  }
}

variable "rai_policy_file" {
  type        = string
  description = "Path of the JSON printed by `airs policy compile --target azure`: the ARM body of an Azure OpenAI content filter (RAI policy), {\"name\", \"properties\": {\"basePolicyName\", \"mode\", \"contentFilters\": [{\"name\", \"enabled\", \"blocking\", \"severityThreshold\", \"source\"}], \"customBlocklists\"}}."

  validation {
    condition     = can(regex("[.]json$", var.rai_policy_file))
    error_message = "rai_policy_file must point at a .json file."
  }
}

variable "judge_deployment_name" {
  type        = string
  description = "Azure OpenAI deployment of the LLM judge (AIRS_JUDGE_DEPLOYMENT); use a different model from the application's. null runs without the LLM judge."
  default     = null

  validation {
    condition     = var.judge_deployment_name == null || can(regex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", var.judge_deployment_name))
    error_message = "judge_deployment_name must be null or a deployment name: letters, digits, dots, underscores and hyphens."
  }
}

variable "judge_api_version" {
  type        = string
  description = "api-version of the judge's Azure OpenAI calls (AIRS_JUDGE_API_VERSION)."
  default     = "2024-10-21"

  validation {
    condition     = can(regex("^[0-9]{4}-[0-9]{2}-[0-9]{2}(-preview)?$", var.judge_api_version))
    error_message = "judge_api_version must look like 2024-10-21 or 2025-04-01-preview."
  }
}

variable "openai_timeout_ms" {
  type        = number
  description = "Timeout of one Azure OpenAI call, in milliseconds (AIRS_OPENAI_TIMEOUT_MS)."
  default     = 30000

  validation {
    condition     = var.openai_timeout_ms >= 1000 && var.openai_timeout_ms <= 230000 && floor(var.openai_timeout_ms) == var.openai_timeout_ms
    error_message = "openai_timeout_ms must be a whole number from 1000 to 230000 (App Service ends an HTTP request after 230 s)."
  }
}

variable "content_safety_enabled" {
  type        = bool
  description = "Create an Azure AI Content Safety account and let the filter ask Prompt Shields as one more signal (AIRS_CONTENT_SAFETY_ENDPOINT)."
  default     = false
}

variable "content_safety_sku" {
  type        = string
  description = "SKU of the Content Safety account: F0 (free, limited) or S0."
  default     = "S0"

  validation {
    condition     = contains(["F0", "S0"], var.content_safety_sku)
    error_message = "content_safety_sku must be F0 or S0."
  }
}

variable "sweep_schedule" {
  type        = string
  description = "NCRONTAB schedule (six fields, seconds first) of the sla-sweeper function, which re-sends unsent tickets and denies those past their SLA (AIRS_SWEEP_SCHEDULE)."
  default     = "0 */1 * * * *"

  validation {
    condition     = length(split(" ", trimspace(var.sweep_schedule))) == 6
    error_message = "sweep_schedule must be an NCRONTAB expression with six fields: {second} {minute} {hour} {day} {month} {day-of-week}."
  }
}

variable "log_retention_days" {
  type        = number
  description = "Retention of the Log Analytics workspace behind Application Insights, where the functions' logs and evidence records land."
  default     = 365

  validation {
    condition     = var.log_retention_days >= 30 && var.log_retention_days <= 730
    error_message = "log_retention_days must be between 30 and 730."
  }
}

variable "scm_basic_auth_enabled" {
  type        = bool
  description = "Allow basic-auth publishing credentials on the app's deployment (SCM) site. Set false when your deployment tool reaches the SCM site with an Entra identity only; FTP publishing is always off."
  default     = true
}

variable "name_prefix" {
  type        = string
  description = "Prefix of every resource name (functions, queues, tables, roles, AppConfig application). With the default the severity queues are airs-escalations-critical|high|standard|sampling, the names the oversight store uses by default."
  default     = "airs"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}$", var.name_prefix))
    error_message = "name_prefix must be 2-31 characters: lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "lambda_jar_path" {
  type        = string
  description = "Path of the shaded Lambda jar built by `./mvnw -pl aws -am package` (aws/target/airs-aws-lambda.jar). Every function runs from this one jar."

  validation {
    condition     = can(regex("[.]jar$", var.lambda_jar_path))
    error_message = "lambda_jar_path must point at the .jar file."
  }
}

variable "policy_path" {
  type        = string
  description = "Path of the AIRS policy YAML. It is stored as a hosted version of the AppConfig freeform policy profile and deployed to the environment."
}

variable "guardrail_config_path" {
  type        = string
  description = "Path of the JSON printed by `airs policy compile --target bedrock` (keys name, blockedInputMessaging, blockedOutputsMessaging, contentPolicyConfig.filtersConfig[], sensitiveInformationPolicyConfig.piiEntitiesConfig[]). It becomes the native Bedrock guardrail the hook can attach to Converse."

  validation {
    condition     = can(regex("[.]json$", var.guardrail_config_path))
    error_message = "guardrail_config_path must point at a .json file."
  }
}

variable "converse_model_ids" {
  type        = list(string)
  description = "Bedrock foundation model IDs the hook may call through Converse (for example anthropic.claude-3-5-haiku-20241022-v1:0). The hook's role gets bedrock:InvokeModel on exactly these models."

  validation {
    condition     = length(var.converse_model_ids) > 0 && alltrue([for id in var.converse_model_ids : can(regex("^[a-z0-9][a-z0-9.-]*(:[0-9a-z:-]+)?$", id))])
    error_message = "converse_model_ids needs at least one model ID; IDs contain lower-case letters, digits, dots, hyphens and colons, never a wildcard."
  }
}

variable "judge_model_id" {
  type        = string
  description = "Bedrock foundation model ID the judge calls (inline in the hook, and in the async judge consumer)."

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]*(:[0-9a-z:-]+)?$", var.judge_model_id))
    error_message = "judge_model_id must be a foundation model ID, without wildcards."
  }
}

variable "invoker_principal_arns" {
  type        = list(string)
  description = "IAM role or user ARNs allowed to call the hook's function URL (SigV4-signed requests, service name lambda). Each also needs lambda:InvokeFunctionUrl in its own identity policy."
  default     = []

  validation {
    condition     = alltrue([for arn in var.invoker_principal_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:(role|user)/", arn)) && !strcontains(arn, "*")])
    error_message = "invoker_principal_arns must be IAM role or user ARNs, without wildcards."
  }
}

variable "architecture" {
  type        = string
  description = "Instruction set of every function. SnapStart supports both for java21."
  default     = "arm64"

  validation {
    condition     = contains(["arm64", "x86_64"], var.architecture)
    error_message = "architecture must be arm64 or x86_64."
  }
}

variable "hook_memory_mb" {
  type        = number
  description = "Memory of the guardrail hook function in MB; Lambda gives CPU in proportion, and the hook is on the request path."
  default     = 1024

  validation {
    condition     = var.hook_memory_mb >= 512 && var.hook_memory_mb <= 10240
    error_message = "hook_memory_mb must be between 512 and 10240."
  }
}

variable "worker_memory_mb" {
  type        = number
  description = "Memory in MB of the background functions (decision consumer, SLA sweeper, alarm trip, async judge)."
  default     = 512

  validation {
    condition     = var.worker_memory_mb >= 256 && var.worker_memory_mb <= 10240
    error_message = "worker_memory_mb must be between 256 and 10240."
  }
}

variable "hook_timeout_seconds" {
  type        = number
  description = "Timeout of the hook in seconds. It covers the Bedrock Converse call, so allow for the model's latency."
  default     = 60

  validation {
    condition     = var.hook_timeout_seconds >= 3 && var.hook_timeout_seconds <= 900
    error_message = "hook_timeout_seconds must be between 3 and 900."
  }
}

variable "worker_timeout_seconds" {
  type        = number
  description = "Timeout in seconds of the background functions. The SQS queues they consume get a visibility timeout of six times this, as Lambda recommends."
  default     = 30

  validation {
    condition     = var.worker_timeout_seconds >= 3 && var.worker_timeout_seconds <= 120
    error_message = "worker_timeout_seconds must be between 3 and 120 (the queue visibility timeout is six times it, at most 12 hours)."
  }
}

variable "log_retention_days" {
  type        = number
  description = "Retention of every function's CloudWatch log group. The evidence records the functions write to stdout live here, so choose what your audit rules require."
  default     = 365

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a value CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653)."
  }
}

variable "kms_key_arn" {
  type        = string
  description = "Customer managed KMS key for the queues, tables and log groups. Null uses the AWS owned/managed keys (SQS-managed SSE, DynamoDB and CloudWatch Logs defaults)."
  default     = null

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[0-9a-f-]+$", var.kms_key_arn))
    error_message = "kms_key_arn must be the ARN of a KMS key (not an alias)."
  }
}

variable "max_receive_count" {
  type        = number
  description = "Deliveries of one message before SQS moves it to the queue's dead-letter queue."
  default     = 5

  validation {
    condition     = var.max_receive_count >= 1 && var.max_receive_count <= 1000
    error_message = "max_receive_count must be between 1 and 1000."
  }
}

variable "message_retention_seconds" {
  type        = number
  description = "How long escalation and decision messages stay in their queues (and dead-letter queues) before SQS deletes them."
  default     = 1209600

  validation {
    condition     = var.message_retention_seconds >= 60 && var.message_retention_seconds <= 1209600
    error_message = "message_retention_seconds must be between 60 and 1209600 (14 days)."
  }
}

variable "sla_sweep_schedule" {
  type        = string
  description = "EventBridge schedule expression for the SLA sweeper, which denies tickets whose review deadline has passed."
  default     = "rate(1 minute)"

  validation {
    condition     = can(regex("^(rate|cron)\\(.+\\)$", var.sla_sweep_schedule))
    error_message = "sla_sweep_schedule must be a rate(...) or cron(...) expression."
  }
}

variable "kill_switch_scopes" {
  type        = list(string)
  description = "Breaker scopes that get a kill switch in the AppConfig feature-flag profile: one flag kill_<scope> each (global, endpoint_<name>, agent_<name>), created disabled, with a reason attribute."
  default     = ["global"]

  validation {
    condition     = alltrue([for s in var.kill_switch_scopes : can(regex("^[a-zA-Z0-9_-]{1,58}$", s))])
    error_message = "kill_switch_scopes entries are 1-58 letters, digits, underscores or hyphens (the flag key kill_<scope> must stay within 64 characters)."
  }
}

variable "block_rate_threshold" {
  type        = number
  description = "Share of blocked decisions (0-1, the unit of the AIRS BlockRate metric) above which the alarm fires and the alarm trip function opens the breaker."
  default     = 0.5

  validation {
    condition     = var.block_rate_threshold > 0 && var.block_rate_threshold <= 1
    error_message = "block_rate_threshold must be greater than 0 and at most 1."
  }
}

variable "block_rate_evaluation_periods" {
  type        = number
  description = "Consecutive one-minute periods above the threshold before the block rate alarm fires."
  default     = 3

  validation {
    condition     = var.block_rate_evaluation_periods >= 1 && var.block_rate_evaluation_periods <= 60
    error_message = "block_rate_evaluation_periods must be between 1 and 60."
  }
}

variable "block_rate_dimensions" {
  type        = map(string)
  description = "Dimensions of the BlockRate metric the alarm watches (for example { endpoint = \"chat\" }); must match a dimension set the functions publish. Empty watches the dimensionless aggregate."
  default     = {}
}

variable "block_rate_alarm_scope" {
  type        = string
  description = "Breaker scope the alarm trip function opens when the block rate alarm fires (global, endpoint:<name> or agent:<name>). It travels in the alarm description as airs-scope=<value>."
  default     = "global"

  validation {
    condition     = can(regex("^(global|endpoint:[A-Za-z0-9_.-]+|agent:[A-Za-z0-9_.-]+)$", var.block_rate_alarm_scope))
    error_message = "block_rate_alarm_scope must be global, endpoint:<name> or agent:<name>."
  }
}

variable "java_tool_options" {
  type        = string
  description = "JAVA_TOOL_OPTIONS of every function. C1-only compilation shortens the restore-to-first-request time of short functions."
  default     = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource that takes tags."
  default     = {}
}

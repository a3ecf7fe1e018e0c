variable "subscription_id" {
  type        = string
  description = "Azure subscription to deploy into; null takes ARM_SUBSCRIPTION_ID from the environment."
  default     = null
}

variable "name" {
  type        = string
  description = "Globally unique base of the resource names (3-20 lower-case letters, digits, hyphens), for example airs-acme-prod."
}

variable "location" {
  type        = string
  description = "Azure region; it must offer Azure OpenAI GlobalStandard deployments of gpt-4o-mini and gpt-4.1-mini, and Content Safety."
  default     = "swedencentral"
}

variable "policy_file" {
  type        = string
  description = "Path of the AIRS policy YAML stored in App Configuration."
  default     = "../../../../common/core/src/main/resources/io/airs/core/policy/default.yaml"
}

variable "rai_policy_file" {
  type        = string
  description = "Path of the output of `airs policy compile --target azure`; rai-policy.json here is a sample of its shape."
  default     = "rai-policy.json"
}

variable "app_configuration_label" {
  type        = string
  description = "Label of the policy key and the kill-switch flags; null uses no label."
  default     = null
}

variable "content_safety_enabled" {
  type        = bool
  description = "Create a Content Safety account for Prompt Shields."
  default     = true
}

variable "tags" {
  type        = map(string)
  description = "Tags for every resource."
  default     = {}
}

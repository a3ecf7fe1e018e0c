variable "region" {
  type        = string
  description = "AWS Region to deploy into; it must offer the Bedrock models named below."
  default     = "us-east-1"
}

variable "name_prefix" {
  type        = string
  description = "Prefix of every resource name."
  default     = "airs"
}

variable "lambda_jar_path" {
  type        = string
  description = "Path of the shaded Lambda jar (build it with ./mvnw -pl aws -am package)."
  default     = "../../../../aws/target/airs-aws-lambda.jar"
}

variable "policy_path" {
  type        = string
  description = "Path of the AIRS policy YAML to deploy through AppConfig."
  default     = "../../../../common/core/src/main/resources/io/airs/core/policy/default.yaml"
}

variable "guardrail_config_path" {
  type        = string
  description = "Path of the output of `airs policy compile --target bedrock`; guardrail.json here is a sample of its shape."
  default     = "guardrail.json"
}

variable "converse_model_ids" {
  type        = list(string)
  description = "Bedrock foundation model IDs the application may call through the hook."
  default     = ["anthropic.claude-3-5-haiku-20241022-v1:0"]
}

variable "judge_model_id" {
  type        = string
  description = "Bedrock foundation model ID of the judge."
  default     = "anthropic.claude-3-5-haiku-20241022-v1:0"
}

variable "invoker_principal_arns" {
  type        = list(string)
  description = "IAM roles or users allowed to call the hook's function URL (for example the application's task role)."
  default     = []
}

variable "tags" {
  type        = map(string)
  description = "Tags for every resource."
  default     = {}
}

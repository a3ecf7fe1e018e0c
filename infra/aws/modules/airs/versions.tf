terraform {
  # strcontains() in variable validation needs 1.5; optional() object attributes 1.3.
  required_version = ">= 1.6.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # 6.28 adds invoked_via_function_url to aws_lambda_permission, which function URLs
      # created since October 2025 need next to lambda:InvokeFunctionUrl.
      version = ">= 6.28.0, < 7.0.0"
    }
  }
}

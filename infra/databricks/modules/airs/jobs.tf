locals {
  serverless = var.job_compute == "serverless"

  # What JudgeJob reads, passed as --name=value arguments to its main method.
  job_parameters = {
    "inference-table" = local.inference_table_full_name
    "endpoint"        = databricks_model_serving.endpoint["guarded"].name
    "judge-endpoint"  = var.judge_endpoint_name
    "catalog"         = var.catalog_name
    "schema"          = var.schema_name
    "checkpoint"      = local.checkpoint_dir
    "sample-rate"     = tostring(var.judge_sampling_rate)
  }
  # The policy the job judges with: the file uploaded to the volume, or the built-in default.
  job_policy = var.policy_file == null ? {} : { "policy" = local.policy_path }

  # How the job reaches the workspace's REST API (the LLM judge, the AI Gateway kill switch): as
  # its own service principal, OAuth machine-to-machine, the secret read from the secret scope.
  job_env = {
    DATABRICKS_HOST          = data.databricks_current_config.this.host
    DATABRICKS_CLIENT_ID     = local.service_principal
    DATABRICKS_CLIENT_SECRET = format("{{secrets/%s/%s}}", databricks_secret_scope.gateway.name, local.job_secret_key)
  }
  job_secret_key = "airs-job-client-secret"
}

data "databricks_current_config" "this" {}

# The job principal's OAuth secret, kept in the secret scope (which it may READ) and handed to the
# job cluster as DATABRICKS_CLIENT_SECRET; never in the job's parameters.
resource "databricks_service_principal_secret" "airs" {
  service_principal_id = databricks_service_principal.airs.id
}

resource "databricks_secret" "job_client_secret" {
  scope        = databricks_secret_scope.gateway.id
  key          = local.job_secret_key
  string_value = databricks_service_principal_secret.airs.secret
}

data "databricks_node_type" "job" {
  count = !local.serverless && var.job_cluster.node_type_id == null ? 1 : 0

  local_disk = true
  min_cores  = 4
}

# The judge: reads new inference-table rows since its checkpoint, runs the policy and the sampled
# LLM judge over them, and MERGEs verdicts, escalations, breakers and evidence.
resource "databricks_job" "judge" {
  name                = format("%s-airs-judge", var.name)
  description         = "AIRS Enforcer: judges the inference table of the guarded endpoint and writes verdicts and escalations"
  max_concurrent_runs = 1
  timeout_seconds     = var.job_timeout_seconds

  schedule {
    quartz_cron_expression = var.job_schedule
    timezone_id            = var.job_schedule_timezone
    pause_status           = var.job_paused ? "PAUSED" : "UNPAUSED"
  }

  # The job's identity; the deployer stays the owner (see databricks_permissions.judge_job).
  run_as {
    service_principal_name = local.service_principal
  }

  dynamic "job_cluster" {
    for_each = local.serverless ? [] : [var.job_cluster]
    content {
      job_cluster_key = "airs"
      new_cluster {
        spark_version = job_cluster.value.spark_version
        node_type_id  = coalesce(job_cluster.value.node_type_id, one(data.databricks_node_type.job[*].id))
        num_workers   = job_cluster.value.num_workers
        # Unity Catalog access as the run_as principal only.
        data_security_mode = "SINGLE_USER"
        single_user_name   = local.service_principal
        # The job is Java 21 bytecode; Databricks Runtime starts Java 17 unless told otherwise.
        spark_env_vars = merge(job_cluster.value.spark_env_vars, local.job_env)
      }
    }
  }

  dynamic "environment" {
    for_each = local.serverless ? [1] : []
    content {
      environment_key = "airs"
      spec {
        environment_version = var.serverless_environment_version
        java_dependencies   = [local.job_jar_path]
      }
    }
  }

  task {
    task_key        = "judge"
    job_cluster_key = local.serverless ? null : "airs"
    environment_key = local.serverless ? "airs" : null

    spark_jar_task {
      main_class_name = "io.airs.databricks.job.JudgeJob"
      parameters      = [for k, v in merge(local.job_parameters, local.job_policy) : format("--%s=%s", k, v)]
    }

    dynamic "library" {
      for_each = local.serverless ? [] : [local.job_jar_path]
      content {
        jar = library.value
      }
    }
  }

  depends_on = [
    databricks_file.job_jar,
    databricks_grants.volume,
    databricks_grants.table,
    databricks_grant.inference_table,
  ]

  lifecycle {
    precondition {
      condition     = !local.serverless || var.serverless_environment_version != null
      error_message = "job_compute = \"serverless\" needs serverless_environment_version: one whose JDK runs Java 21 bytecode."
    }
  }
}

# The service principal needs no permission on the job to run as it. The deployer stays IS_OWNER:
# were the principal the owner, the job's own identity could rewrite the job. Operators may start,
# stop and repair runs (CAN_MANAGE_RUN) but not change what the job runs.
resource "databricks_permissions" "judge_job" {
  count = var.operators_group == null ? 0 : 1

  job_id = databricks_job.judge.id

  access_control {
    group_name       = var.operators_group
    permission_level = "CAN_MANAGE_RUN"
  }
}

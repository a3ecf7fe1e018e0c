/**
 * The Lambda side of the AWS package: the per-container composition root ({@link
 * io.airs.aws.lambda.AwsRuntime}) built from environment variables, the stdout evidence sink that
 * CloudWatch Logs keeps, and the small HTTP value types the Function URL handlers decode into and
 * encode from. Nothing here decides anything: the decisions are the core's.
 */
package io.airs.aws.lambda;

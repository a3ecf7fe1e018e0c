/** Test helpers for the aws module: the in-memory DynamoDB (dynalite) and SQS (ElasticMQ) emulators. */
package io.airs.aws.testing;

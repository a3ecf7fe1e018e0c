/**
 * Human oversight on AWS: escalation tickets kept in a DynamoDB table (decisions applied with
 * conditional writes, so concurrent reviewers cannot both win), every opened ticket sent to the SQS
 * queue of its severity for reviewers through an outbox in that table (an SQS outage delays the
 * message, never loses the ticket), and the two Lambda functions around the core's {@link
 * io.airs.core.oversight.Oversight}: the consumer of reviewers' decisions and the SLA sweeper.
 */
package io.airs.aws.oversight;

/**
 * The escalation store contract: the behaviour {@link io.airs.core.oversight.EscalationStore}
 * promises, as JUnit tests that every store (the core's, DynamoDB and SQS, Azure Table and Queue
 * storage) extends with a fresh store per test, so each platform proves the same rules.
 */
package io.airs.testkit.oversight;

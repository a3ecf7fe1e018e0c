/**
 * Human oversight on Azure Storage: {@link io.airs.azure.oversight.TableQueueEscalationStore} keeps
 * escalation tickets in a Table (one partition per ticket, held content in rows of its own, every
 * change ETag-conditional) and sends each to the Storage queue of its severity through a
 * transactional outbox; {@link io.airs.azure.oversight.DecisionMessages} applies reviewers' decisions
 * from the decision queue idempotently; {@link io.airs.azure.oversight.SlaSweep} resends unsent
 * tickets and expires overdue ones. Plain Java: the {@code @FunctionName} methods call these.
 */
package io.airs.azure.oversight;

/**
 * Human oversight ("humans decide"): an escalated request is held in a queue chosen by severity
 * (CRITICAL, HIGH, STANDARD, SAMPLING, each with an SLA), and a reviewer approves, denies, modifies or
 * moves it to a higher queue; a ticket nobody decides before its deadline is denied (fail safe). The
 * {@link io.airs.core.oversight.EscalationStore} port keeps tickets and their held payloads, apart
 * from what reviewers see; {@link io.airs.core.oversight.Oversight} routes, decides, sweeps and
 * records evidence; {@link io.airs.core.oversight.ReviewQuality} flags possible rubber-stamping.
 */
package io.airs.core.oversight;

-- AIRS Enforcer: pending escalations, the most urgent first. overdue: the SLA deadline has passed
-- (the judge job denies an unanswered escalation at its deadline). Decide by writing decision
-- (approve or deny), reviewer, decision_note and decided_at on the row.
SELECT
  ticket,
  severity,
  endpoint,
  reason,
  findings,
  excerpt,
  created_at,
  sla_deadline,
  sla_deadline < current_timestamp() AS overdue,
  count_if(sla_deadline < current_timestamp()) OVER () AS overdue_count,
  count(*) OVER () AS pending_count
FROM ${escalations}
WHERE status = 'pending'
ORDER BY sla_deadline ASC

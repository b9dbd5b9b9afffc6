/** What the audit log keeps of an incident before and after a change: its status and paging state, not its whole row. */
import type { IncidentRow } from './incidents.repo.js';

export const auditState = (row: IncidentRow) => ({
  number: Number(row.number),
  status: row.status,
  assigneeIds: row.assignee_ids,
  escalationPolicyId: (row.escalation_policy as { id?: string }).id ?? null,
  escalationLevel: row.escalation_level,
  escalationLoop: row.escalation_loop,
  nextEscalationAt: row.next_escalation_at?.toISOString() ?? null,
  snoozedUntil: row.snoozed_until?.toISOString() ?? null,
});

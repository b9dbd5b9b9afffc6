/** "Escalate now": a person does not want to wait for the level's delay; the engine notifies the next level at once. */
import { inTransaction } from '../../db/client.js';
import { conflict } from '../../lib/errors.js';
import { requireRole } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { withDb, type Ctx } from '../context.js';
import type { EscalationPolicySnapshot } from '../escalation/index.js';
import {
  actorName,
  auditState,
  markTriggered,
  reloadIncident,
  requireIncidentRow,
  type Incident,
} from '../incidents/index.js';
import { appendTimelineEntry } from '../timeline/index.js';
import { escalateNowPosition } from './escalation-plan.js';
import { updateEscalation, wakeEngine } from './paging.repo.js';

/** Also re-triggers an acknowledged (or snoozed) incident: asking to escalate means someone else should look. */
export async function escalateIncident(ctx: Ctx, idOrNumber: string): Promise<Incident> {
  requireRole(ctx.actor, 'responder', 'escalate incidents');
  return inTransaction(ctx.db, async (tx) => {
    const row = await requireIncidentRow(tx, idOrNumber, { as: ctx.actor, forUpdate: true });
    if (row.status === 'resolved') {
      throw conflict(`Incident #${row.number} is resolved, so it cannot be escalated.`, {
        incidentId: row.id,
        status: row.status,
      });
    }
    const policy = row.escalation_policy as EscalationPolicySnapshot;
    if (policy.levels.length === 0) {
      throw conflict(
        `Incident #${row.number} follows policy ${policy.name}, which has no levels: reassign it to people or to another policy.`,
      );
    }
    const now = ctx.clock.now();
    const position = escalateNowPosition({ level: row.escalation_level, loop: row.escalation_loop }, policy);
    if (row.status !== 'triggered') await markTriggered(tx, row.id, now);
    await updateEscalation(tx, row.id, {
      escalation_level: position.level,
      escalation_loop: position.loop,
      next_escalation_at: now,
      snoozed_until: null,
      updated_at: now,
    });
    await appendTimelineEntry(tx, ctx, row.id, {
      kind: 'escalate_requested',
      message: `${await actorName(tx, ctx.actor)} escalated to the next level now`,
    });
    await wakeEngine(tx);
    const after = await reloadIncident(tx, row.id);
    await recordAudit(withDb(ctx, tx), {
      action: 'incident.escalated',
      entityType: 'incident',
      entityId: row.id,
      before: auditState(row),
      after: auditState(after.row),
    });
    return after.incident;
  });
}

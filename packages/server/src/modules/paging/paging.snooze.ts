/**
 * Snoozing: acknowledged for a while (the incident's lifecycle, through
 * incidents), then the escalation reconciler triggers it again and escalation
 * starts over from level 1 (EscalationReconciler, endSnooze).
 */
import { inTransaction } from '../../db/client.js';
import { badRequest } from '../../lib/errors.js';
import { requireRole } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { withDb, type Ctx } from '../context.js';
import {
  actorName,
  auditState,
  markAcknowledged,
  refuseResolved,
  reloadIncident,
  requireIncidentRow,
  type Incident,
} from '../incidents/index.js';
import { appendTimelineEntry } from '../timeline/index.js';
import { updateEscalation } from './paging.repo.js';

/** Acknowledges for `minutes`; then the engine triggers it again and escalation starts over from level 1. */
export async function snoozeIncident(ctx: Ctx, idOrNumber: string, minutes: number): Promise<Incident> {
  requireRole(ctx.actor, 'responder', 'snooze incidents');
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 10_080) {
    throw badRequest(`Snooze for 1 to 10080 minutes (7 days), not ${minutes}.`, { minutes });
  }
  return inTransaction(ctx.db, async (tx) => {
    const txCtx = withDb(ctx, tx);
    const row = await requireIncidentRow(tx, idOrNumber, { as: ctx.actor, forUpdate: true });
    refuseResolved(row, 'snoozed');
    const now = ctx.clock.now();
    const until = new Date(now.getTime() + minutes * 60_000);
    await markAcknowledged(txCtx, row);
    await updateEscalation(tx, row.id, { next_escalation_at: null, snoozed_until: until, updated_at: now });
    await appendTimelineEntry(tx, ctx, row.id, {
      kind: 'snoozed',
      message: `Snoozed for ${minutes} minutes by ${await actorName(tx, ctx.actor)}: it triggers again at ${until.toISOString()} unless resolved first`,
      data: { minutes, until: until.toISOString() },
    });
    const after = await reloadIncident(tx, row.id);
    await recordAudit(txCtx, {
      action: 'incident.snoozed',
      entityType: 'incident',
      entityId: row.id,
      before: auditState(row),
      after: auditState(after.row),
    });
    return after.incident;
  });
}

/**
 * Acknowledging ("I'm on it": escalation stops, the time counts for MTTA) and
 * snoozing (acknowledged for a while, then it triggers again and escalation
 * starts over).
 */
import { inTransaction } from '../../db/client.js';
import { publishEvent } from '../../db/outbox.js';
import { badRequest, conflict } from '../../lib/errors.js';
import { requireRole } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { withDb, type Ctx } from '../context.js';
import { auditState } from './incidents.audit.js';
import { updateIncidentRow, type IncidentRow } from './incidents.repo.js';
import type { Incident } from './incidents.schema.js';
import { actorRef, type IncidentAcknowledgedEvent } from './incidents.types.js';
import { actorName, loadIncident, requireIncidentRow } from './incidents.view.js';
import { appendTimelineEntry } from '../timeline/index.js';

function refuseResolved(row: IncidentRow, what: string): void {
  if (row.status === 'resolved') {
    throw conflict(`Incident #${row.number} is resolved, so it cannot be ${what}. Declare a new incident if the problem is back.`, {
      incidentId: row.id,
      status: row.status,
    });
  }
}

/** Moves a triggered incident to acknowledged (inside the caller's transaction); returns the new row. */
async function markAcknowledged(ctx: Ctx, row: IncidentRow, extra: { snoozed_until?: Date }): Promise<IncidentRow> {
  const now = ctx.clock.now();
  const updated = await updateIncidentRow(ctx.db, row.id, {
    status: 'acknowledged',
    // MTTA counts the first acknowledgement; a re-trigger does not reset it.
    acknowledged_at: row.acknowledged_at ?? now,
    acknowledged_by: row.acknowledged_at ? row.acknowledged_by : ctx.actor.type === 'user' ? ctx.actor.userId : null,
    next_escalation_at: null,
    snoozed_until: extra.snoozed_until ?? null,
    updated_at: now,
  });
  if (row.status === 'triggered') {
    const event: IncidentAcknowledgedEvent = { incidentId: row.id, serviceId: row.service_id, by: actorRef(ctx.actor) };
    await publishEvent(ctx.db, now, 'IncidentAcknowledged', event);
  }
  return updated;
}

/** Stops the escalation. Idempotent for an acknowledged incident; a resolved one answers 409. */
export async function acknowledgeIncident(ctx: Ctx, idOrNumber: string): Promise<Incident> {
  requireRole(ctx.actor, 'responder', 'acknowledge incidents');
  return inTransaction(ctx.db, async (tx) => {
    const txCtx = withDb(ctx, tx);
    const row = await requireIncidentRow(tx, idOrNumber, { forUpdate: true });
    refuseResolved(row, 'acknowledged');
    if (row.status === 'acknowledged') return loadIncident(tx, row.id);
    const updated = await markAcknowledged(txCtx, row, {});
    await appendTimelineEntry(tx, ctx, row.id, { kind: 'acknowledged', message: `Acknowledged by ${await actorName(tx, ctx.actor)}` });
    await recordAudit(txCtx, { action: 'incident.acknowledged', entityType: 'incident', entityId: row.id, before: auditState(row), after: auditState(updated) });
    return loadIncident(tx, row.id);
  });
}

/** Acknowledges for `minutes`; then the engine triggers it again and escalation starts over from level 1. */
export async function snoozeIncident(ctx: Ctx, idOrNumber: string, minutes: number): Promise<Incident> {
  requireRole(ctx.actor, 'responder', 'snooze incidents');
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 10_080) {
    throw badRequest(`Snooze for 1 to 10080 minutes (7 days), not ${minutes}.`, { minutes });
  }
  return inTransaction(ctx.db, async (tx) => {
    const txCtx = withDb(ctx, tx);
    const row = await requireIncidentRow(tx, idOrNumber, { forUpdate: true });
    refuseResolved(row, 'snoozed');
    const until = new Date(ctx.clock.now().getTime() + minutes * 60_000);
    const updated = await markAcknowledged(txCtx, row, { snoozed_until: until });
    await appendTimelineEntry(tx, ctx, row.id, {
      kind: 'snoozed',
      message: `Snoozed for ${minutes} minutes by ${await actorName(tx, ctx.actor)}: it triggers again at ${until.toISOString()} unless resolved first`,
      data: { minutes, until: until.toISOString() },
    });
    await recordAudit(txCtx, { action: 'incident.snoozed', entityType: 'incident', entityId: row.id, before: auditState(row), after: auditState(updated) });
    return loadIncident(tx, row.id);
  });
}

/**
 * Acknowledging ("I'm on it": escalation stops, the time counts for MTTA).
 * Paging stops the escalation when it hears IncidentAcknowledged; snoozing
 * (acknowledged for a while) is paging's, through markAcknowledged.
 */
import { inTransaction } from '../../db/client.js';
import { publishEvent } from '../../db/outbox.js';
import { conflict } from '../../lib/errors.js';
import { requireRole } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { withDb, type Ctx } from '../context.js';
import { appendTimelineEntry } from '../timeline/index.js';
import { auditState } from './incidents.audit.js';
import { updateIncidentRow, type IncidentRow } from './incidents.repo.js';
import type { Incident } from './incidents.schema.js';
import type { IncidentAcknowledgedEvent } from './incidents.events.js';
import { actorRef } from './incidents.types.js';
import { actorName, loadIncident, reloadIncident, requireIncidentRow } from './incidents.view.js';

/** Refuses to act on a resolved incident, saying what to do instead. */
export function refuseResolved(row: Pick<IncidentRow, 'id' | 'number' | 'status'>, what: string): void {
  if (row.status === 'resolved') {
    throw conflict(
      `Incident #${row.number} is resolved, so it cannot be ${what}. Declare a new incident if the problem is back.`,
      {
        incidentId: row.id,
        status: row.status,
      },
    );
  }
}

/**
 * Moves an open incident to acknowledged (inside the caller's transaction,
 * the incident locked): a triggered one publishes IncidentAcknowledged, and
 * paging stops its escalation in this transaction.
 */
export async function markAcknowledged(ctx: Ctx, row: IncidentRow): Promise<void> {
  const now = ctx.clock.now();
  await updateIncidentRow(ctx.db, row.id, {
    status: 'acknowledged',
    // MTTA counts the first acknowledgement; a re-trigger does not reset it.
    acknowledged_at: row.acknowledged_at ?? now,
    acknowledged_by: row.acknowledged_at ? row.acknowledged_by : ctx.actor.type === 'user' ? ctx.actor.userId : null,
    updated_at: now,
  });
  if (row.status === 'triggered') {
    const event: IncidentAcknowledgedEvent = { incidentId: row.id, serviceId: row.service_id, by: actorRef(ctx.actor) };
    await publishEvent(ctx.db, now, 'IncidentAcknowledged', event);
  }
}

/** Stops the escalation. Idempotent for an acknowledged incident; a resolved one answers 409. */
export async function acknowledgeIncident(ctx: Ctx, idOrNumber: string): Promise<Incident> {
  requireRole(ctx.actor, 'responder', 'acknowledge incidents');
  return inTransaction(ctx.db, async (tx) => {
    const txCtx = withDb(ctx, tx);
    const row = await requireIncidentRow(tx, idOrNumber, { as: ctx.actor, forUpdate: true });
    refuseResolved(row, 'acknowledged');
    if (row.status === 'acknowledged') return loadIncident(tx, row.id);
    await markAcknowledged(txCtx, row);
    await appendTimelineEntry(tx, ctx, row.id, {
      kind: 'acknowledged',
      message: `Acknowledged by ${await actorName(tx, ctx.actor)}`,
    });
    const after = await reloadIncident(tx, row.id);
    await recordAudit(txCtx, {
      action: 'incident.acknowledged',
      entityType: 'incident',
      entityId: row.id,
      before: auditState(row),
      after: auditState(after.row),
    });
    return after.incident;
  });
}

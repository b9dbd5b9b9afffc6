/**
 * Resolving: the problem is over. Paging stops escalation and snoozes, and
 * the alerts module resolves the incident's open alerts, both subscribed to
 * IncidentResolved (incidents never writes alerts or paging state).
 */
import { inTransaction } from '../../db/client.js';
import { publishEvent } from '../../db/outbox.js';
import { requireRole } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { withDb, type Ctx } from '../context.js';
import { appendTimelineEntry } from '../timeline/index.js';
import { auditState } from './incidents.audit.js';
import { updateIncidentRow } from './incidents.repo.js';
import type { Incident } from './incidents.schema.js';
import type { IncidentResolvedEvent } from './incidents.events.js';
import { actorRef } from './incidents.types.js';
import { actorName, loadIncident, reloadIncident, requireIncidentRow } from './incidents.view.js';

/** Idempotent: resolving a resolved incident changes nothing. */
export async function resolveIncident(ctx: Ctx, idOrNumber: string): Promise<Incident> {
  requireRole(ctx.actor, 'responder', 'resolve incidents');
  return inTransaction(ctx.db, async (tx) => {
    const row = await requireIncidentRow(tx, idOrNumber, { as: ctx.actor, forUpdate: true });
    if (row.status === 'resolved') return loadIncident(tx, row.id);
    const now = ctx.clock.now();
    await updateIncidentRow(tx, row.id, {
      status: 'resolved',
      resolved_at: now,
      resolved_by: ctx.actor.type === 'user' ? ctx.actor.userId : null,
      updated_at: now,
    });
    await appendTimelineEntry(tx, ctx, row.id, {
      kind: 'resolved',
      message: `Resolved by ${await actorName(tx, ctx.actor)}`,
    });
    const event: IncidentResolvedEvent = { incidentId: row.id, serviceId: row.service_id, by: actorRef(ctx.actor) };
    await publishEvent(tx, now, 'IncidentResolved', event, row.id);
    const after = await reloadIncident(tx, row.id);
    await recordAudit(withDb(ctx, tx), {
      action: 'incident.resolved',
      entityType: 'incident',
      entityId: row.id,
      before: auditState(row),
      after: auditState(after.row),
    });
    return after.incident;
  });
}

/**
 * The incident's last open alert resolved: a paged incident resolves; a
 * declared one (ADR 17) stays open for its owner to resolve, and its timeline
 * says that every alert resolved. Inside the alert processing transaction.
 */
export async function resolveByAlerts(ctx: Ctx, incidentId: string): Promise<{ number: number; resolved: boolean }> {
  const row = await requireIncidentRow(ctx.db, incidentId, { as: ctx.actor, forUpdate: true });
  if (row.declared_at === null || row.status === 'resolved') {
    const incident = await resolveIncident(ctx, incidentId);
    return { number: incident.number, resolved: true };
  }
  await appendTimelineEntry(ctx.db, ctx, row.id, {
    kind: 'alerts_resolved',
    message: 'Every alert of this declared incident resolved: it stays open until its owner resolves it',
  });
  return { number: Number(row.number), resolved: false };
}

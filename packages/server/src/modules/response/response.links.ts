/**
 * Links between incidents: related ones (both ways), and merging one into
 * another (seed 004: "each event, which may be multiple related pages, should
 * result in an issue"): the merged incident's alerts move (the alerts module
 * hears IncidentMerged), its timeline is copied into the other's, and it is
 * resolved with a link saying where it went.
 */
import { inTransaction } from '../../db/client.js';
import { publishEvent } from '../../db/outbox.js';
import { AppError, conflict, notFound } from '../../lib/errors.js';
import { requireRole } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { withDb, type Ctx } from '../context.js';
import { actorName, loadIncident, requireIncidentRow, resolveIncident, type Incident } from '../incidents/index.js';
import { appendTimelineEntry, copyTimeline } from '../timeline/index.js';
import type { IncidentMergedEvent } from './response.events.js';
import { requireOwner } from './response.change.js';
import { deleteLinks, findResponse, insertLinks, selectLinks, updateResponse } from './response.repo.js';
import { LinkSchema, MergeSchema } from './response.schema.js';

export async function linkIncidents(ctx: Ctx, idOrNumber: string, input: { otherId: string }): Promise<Incident> {
  requireRole(ctx.actor, 'responder', 'link incidents');
  const data = LinkSchema.parse(input);
  return inTransaction(ctx.db, async (tx) => {
    const txCtx = withDb(ctx, tx);
    const row = await requireIncidentRow(tx, idOrNumber, { as: ctx.actor });
    const other = await requireIncidentRow(tx, data.otherId, { as: ctx.actor });
    if (other.id === row.id) throw new AppError('bad_request', 'An incident is not related to itself: name another.');
    const merge = (await selectLinks(tx, row.id, ctx.actor)).find((l) => l.id === other.id && l.kind !== 'related');
    if (merge)
      throw conflict(`Incidents #${row.number} and #${other.number} are merged already: that link stays as it is.`);
    const now = ctx.clock.now();
    const by = await actorName(tx, ctx.actor);
    await insertLinks(tx, [
      { incident_id: row.id, other_id: other.id, kind: 'related', created_by_label: by, created_at: now },
      { incident_id: other.id, other_id: row.id, kind: 'related', created_by_label: by, created_at: now },
    ]);
    for (const [a, b] of [
      [row, other],
      [other, row],
    ] as const)
      await appendTimelineEntry(tx, ctx, a.id, {
        kind: 'linked',
        message: `${by} linked it to related incident #${b.number}`,
        data: { otherId: b.id, kind: 'related' },
      });
    await recordAudit(txCtx, {
      action: 'incident.linked',
      entityType: 'incident',
      entityId: row.id,
      after: { otherId: other.id },
    });
    return loadIncident(tx, row.id);
  });
}

export async function unlinkIncidents(ctx: Ctx, idOrNumber: string, otherIdOrNumber: string): Promise<Incident> {
  requireRole(ctx.actor, 'responder', 'unlink incidents');
  return inTransaction(ctx.db, async (tx) => {
    const row = await requireIncidentRow(tx, idOrNumber, { as: ctx.actor });
    const other = await requireIncidentRow(tx, otherIdOrNumber, { as: ctx.actor });
    if ((await deleteLinks(tx, row.id, other.id)) === 0) throw notFound('Related incident', otherIdOrNumber);
    await appendTimelineEntry(tx, ctx, row.id, {
      kind: 'unlinked',
      message: `${await actorName(tx, ctx.actor)} unlinked related incident #${other.number}`,
      data: { otherId: other.id },
    });
    await recordAudit(withDb(ctx, tx), {
      action: 'incident.unlinked',
      entityType: 'incident',
      entityId: row.id,
      before: { otherId: other.id },
    });
    return loadIncident(tx, row.id);
  });
}

/** Merges this incident into another: answers with the one it joined. */
export async function mergeIncident(ctx: Ctx, idOrNumber: string, input: { intoId: string }): Promise<Incident> {
  requireRole(ctx.actor, 'responder', 'merge incidents');
  const data = MergeSchema.parse(input);
  return inTransaction(ctx.db, async (tx) => {
    const txCtx = withDb(ctx, tx);
    // Lock both in id order, as any two writers would.
    const first = await requireIncidentRow(tx, idOrNumber, { as: ctx.actor });
    const second = await requireIncidentRow(tx, data.intoId, { as: ctx.actor });
    if (first.id === second.id)
      throw new AppError('bad_request', 'An incident cannot be merged into itself: name another.');
    const [a, b] = first.id < second.id ? [first, second] : [second, first];
    await requireIncidentRow(tx, a.id, { as: ctx.actor, forUpdate: true });
    await requireIncidentRow(tx, b.id, { as: ctx.actor, forUpdate: true });
    const from = await requireIncidentRow(tx, first.id, { as: ctx.actor });
    const into = await requireIncidentRow(tx, second.id, { as: ctx.actor });
    if (from.status === 'resolved')
      throw conflict(`Incident #${from.number} is resolved: only an open incident is merged.`, { incidentId: from.id });
    if (into.status === 'resolved')
      throw conflict(`Incident #${into.number} is resolved: merge into an open incident.`, { incidentId: into.id });
    // Merging resolves it: for a declared incident, that is its owner's call (seed 004), as resolving is.
    const response = await findResponse(tx, from.id);
    // Its alerts and timeline would show on the other (ADR 18).
    if (response?.private && !(await findResponse(tx, into.id))?.private)
      throw conflict(
        `Incident #${from.number} is private and #${into.number} is not: make #${into.number} private first, or merge the other way.`,
        { incidentId: from.id },
      );
    if (response && response.stage !== 'resolved' && response.stage !== 'closed')
      await requireOwner(txCtx, { incident: from, response }, `merge it into #${into.number}`);
    const now = ctx.clock.now();
    const by = await actorName(tx, ctx.actor);
    const event: IncidentMergedEvent = { incidentId: from.id, intoId: into.id };
    // The alerts move first (in this transaction), so resolving the merged incident resolves none of them.
    await publishEvent(tx, now, 'IncidentMerged', event, from.id);
    await copyTimeline(tx, from.id, into.id, Number(from.number));
    await insertLinks(tx, [
      { incident_id: from.id, other_id: into.id, kind: 'merged_into', created_by_label: by, created_at: now },
      { incident_id: into.id, other_id: from.id, kind: 'merged_from', created_by_label: by, created_at: now },
    ]);
    await appendTimelineEntry(tx, ctx, into.id, {
      kind: 'linked',
      message: `${by} merged incident #${from.number} into this one: its alerts and timeline are here now`,
      data: { otherId: from.id, kind: 'merged_from' },
    });
    await appendTimelineEntry(tx, ctx, from.id, {
      kind: 'linked',
      message: `${by} merged it into incident #${into.number}`,
      data: { otherId: into.id, kind: 'merged_into' },
    });
    // A declared incident merged away is resolved by its owner's merge: the response goes on in the other one.
    if (response && response.stage !== 'resolved' && response.stage !== 'closed')
      await updateResponse(tx, from.id, {
        stage: 'resolved',
        stage_changed_at: now,
        resolved_at: now,
        next_rule_at: null,
        // Updates and the document go on in the incident it joined: no more reminders here.
        next_update_reminder_at: null,
        next_review_reminder_at: null,
        updated_at: now,
      });
    await resolveIncident(txCtx, from.id);
    await recordAudit(txCtx, {
      action: 'incident.merged',
      entityType: 'incident',
      entityId: from.id,
      after: { intoId: into.id },
    });
    return loadIncident(tx, into.id);
  });
}

/**
 * Changing a declared incident's response: severity (every change kept with
 * who, when and why; raising to a severity that engages the IMOC engages
 * them), stage (only the owner resolves or closes, seed 004), category and
 * impacted services. Resolving as a responder goes through here for every
 * way a person has to resolve (ADR 17).
 */
import { inTransaction } from '../../db/client.js';
import { publishEvent } from '../../db/outbox.js';
import { AppError, forbidden } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { requireRole } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { withDb, type Ctx } from '../context.js';
import { actorName, loadIncident, requireIncidentRow, resolveIncident, type Incident } from '../incidents/index.js';
import { appendTimelineEntry } from '../timeline/index.js';
import { selectUserNames } from '../users/index.js';
import { requireCategory, requireServiceId } from './response.declare.js';
import type {
  IncidentCategoryChangedEvent,
  IncidentImpactedServicesChangedEvent,
  IncidentSeverityChangedEvent,
  IncidentStageChangedEvent,
} from './response.events.js';
import { findResponse, insertSeverityChange, replaceImpactedServices, updateResponse } from './response.repo.js';
import {
  ChangeCategorySchema,
  ChangeSeveritySchema,
  ChangeStageSchema,
  ImpactedServicesSchema,
  type SeverityKey,
  type Stage,
} from './response.schema.js';
import { engageOnCall, lockDeclared, replan, requireSeverity, type Declared } from './response.state.js';

const userIdOf = (ctx: Ctx): string | null => (ctx.actor.type === 'user' ? ctx.actor.userId : null);

/** Runs a change of a declared incident in one transaction, audited, and answers with the incident. */
export async function change(
  ctx: Ctx,
  idOrNumber: string,
  action: string,
  work: (txCtx: Ctx, declared: Declared) => Promise<void>,
): Promise<Incident> {
  requireRole(ctx.actor, 'responder', 'change incidents');
  return inTransaction(ctx.db, async (tx) => {
    const txCtx = withDb(ctx, tx);
    const declared = await lockDeclared(tx, idOrNumber, ctx.actor);
    const before = { ...declared.response };
    await work(txCtx, declared);
    await replan(tx, declared);
    const after = await findResponse(tx, declared.incident.id);
    await recordAudit(txCtx, { action, entityType: 'incident', entityId: declared.incident.id, before, after });
    return loadIncident(tx, declared.incident.id);
  });
}

const ORDER: readonly Stage[] = ['investigating', 'identified', 'monitoring', 'resolved', 'closed'];
const done = (stage: Stage) => stage === 'resolved' || stage === 'closed';

/** 403 unless the actor owns the incident, naming the owner. */
export async function requireOwner(ctx: Ctx, declared: Declared, what: string): Promise<void> {
  const ownerId = declared.response.owner_id;
  if (ownerId !== null && ownerId === userIdOf(ctx)) return;
  const [owner] = ownerId ? await selectUserNames(ctx.db, [ownerId]) : [];
  throw forbidden(
    owner
      ? `Only the owner of incident #${declared.incident.number}, ${owner.name}, may ${what}: ask them, or take their role (hand-off).`
      : `Incident #${declared.incident.number} has no owner: take the EOC role first, then ${what}.`,
  );
}

export async function changeSeverity(
  ctx: Ctx,
  idOrNumber: string,
  input: { severity: SeverityKey; reason?: string },
): Promise<Incident> {
  const data = ChangeSeveritySchema.parse(input);
  return change(ctx, idOrNumber, 'incident.severity_changed', async (txCtx, declared) => {
    const { incident, response } = declared;
    const from = await requireSeverity(txCtx.db, response.severity);
    const to = await requireSeverity(txCtx.db, data.severity);
    if (from.key === to.key) return;
    const now = txCtx.clock.now();
    const by = await actorName(txCtx.db, txCtx.actor);
    await updateResponse(txCtx.db, incident.id, { severity: to.key, updated_at: now });
    response.severity = to.key;
    await insertSeverityChange(txCtx.db, {
      id: newId(now),
      incident_id: incident.id,
      from_severity: from.key,
      to_severity: to.key,
      changed_by: userIdOf(txCtx),
      changed_by_label: by,
      reason: data.reason,
      changed_at: now,
    });
    await appendTimelineEntry(txCtx.db, txCtx, incident.id, {
      kind: 'severity_changed',
      message: `${by} changed the severity from ${from.key} to ${to.key}${data.reason ? `: ${data.reason}` : ''}`,
      data: { from: from.key, to: to.key, reason: data.reason },
    });
    const event: IncidentSeverityChangedEvent = {
      incidentId: incident.id,
      number: Number(incident.number),
      title: incident.title,
      from: from.key,
      to: to.key,
      by,
      reason: data.reason,
      announceChannelId: response.announce_channel_id,
      at: now.toISOString(),
    };
    await publishEvent(txCtx.db, now, 'IncidentSeverityChanged', event);
    // Raised to a severity that engages the IMOC (S1/S2 by default, seed 004): engage them, once.
    if (to.engages_imoc && !from.engages_imoc && !response.near_miss && !done(response.stage))
      await engageOnCall(txCtx, declared, 'imoc', { page: true });
  });
}

/** Moves the stage in the locked transaction; the owner alone may resolve, close or reopen. */
export async function moveStage(ctx: Ctx, declared: Declared, to: Stage): Promise<void> {
  const { incident, response } = declared;
  const from = response.stage;
  if (from === to) return;
  if (done(to) || done(from))
    await requireOwner(ctx, declared, to === 'closed' ? 'close it' : done(to) ? 'resolve it' : 'reopen it');
  const now = ctx.clock.now();
  const by = await actorName(ctx.db, ctx.actor);
  const patch = {
    stage: to,
    stage_changed_at: now,
    resolved_at: done(to) ? (response.resolved_at ?? now) : null,
    closed_at: to === 'closed' ? now : null,
    updated_at: now,
  };
  await updateResponse(ctx.db, incident.id, patch);
  Object.assign(response, patch);
  await appendTimelineEntry(ctx.db, ctx, incident.id, {
    kind: 'stage_changed',
    message: `${by} moved the stage from ${from} to ${to}`,
    data: { from, to },
  });
  const event: IncidentStageChangedEvent = {
    incidentId: incident.id,
    number: Number(incident.number),
    title: incident.title,
    from,
    to,
    by,
    announceChannelId: response.announce_channel_id,
    at: now.toISOString(),
  };
  await publishEvent(ctx.db, now, 'IncidentStageChanged', event);
  // Resolved means nobody needs waking: the paging status follows (stops escalation, resolves alerts).
  if (done(to) && (await requireIncidentRow(ctx.db, incident.id, { as: ctx.actor })).status !== 'resolved')
    await resolveIncident(ctx, incident.id);
}

export async function changeStage(ctx: Ctx, idOrNumber: string, input: { stage: Stage }): Promise<Incident> {
  const data = ChangeStageSchema.parse(input);
  if (ORDER.indexOf(data.stage) < 0) throw new AppError('bad_request', 'Unknown stage.');
  return change(ctx, idOrNumber, 'incident.stage_changed', (txCtx, declared) => moveStage(txCtx, declared, data.stage));
}

/** What every incident event carries about the incident. */
const refOf = ({ incident }: Declared) => ({
  incidentId: incident.id,
  number: Number(incident.number),
  title: incident.title,
});

export async function changeCategory(
  ctx: Ctx,
  idOrNumber: string,
  input: { category: string | null },
): Promise<Incident> {
  const data = ChangeCategorySchema.parse(input);
  return change(ctx, idOrNumber, 'incident.category_changed', async (txCtx, declared) => {
    const category = await requireCategory(txCtx.db, data.category);
    const from = declared.response.category;
    if (from === category) return;
    await updateResponse(txCtx.db, declared.incident.id, { category, updated_at: txCtx.clock.now() });
    await appendTimelineEntry(txCtx.db, txCtx, declared.incident.id, {
      kind: 'category_changed',
      message: `${await actorName(txCtx.db, txCtx.actor)} set the category to ${category ?? 'none'}`,
      data: { from, to: category },
    });
    const event: IncidentCategoryChangedEvent = {
      ...refOf(declared),
      from,
      to: category,
      by: await actorName(txCtx.db, txCtx.actor),
      at: txCtx.clock.now().toISOString(),
    };
    await publishEvent(txCtx.db, txCtx.clock.now(), 'IncidentCategoryChanged', event);
  });
}

export async function setImpactedServices(
  ctx: Ctx,
  idOrNumber: string,
  input: { serviceIds: string[] },
): Promise<Incident> {
  const data = ImpactedServicesSchema.parse(input);
  return change(ctx, idOrNumber, 'incident.impacted_services_changed', async (txCtx, declared) => {
    const ids = await Promise.all(data.serviceIds.map((s) => requireServiceId(txCtx.db, s)));
    // The service that pages is always impacted.
    const all = [...new Set([declared.incident.service_id, ...ids])];
    await replaceImpactedServices(txCtx.db, declared.incident.id, all);
    await appendTimelineEntry(txCtx.db, txCtx, declared.incident.id, {
      kind: 'impacted_services_changed',
      message: `${await actorName(txCtx.db, txCtx.actor)} set the impacted services (${all.length})`,
      data: { serviceIds: all },
    });
    const event: IncidentImpactedServicesChangedEvent = {
      ...refOf(declared),
      serviceIds: all,
      by: await actorName(txCtx.db, txCtx.actor),
      at: txCtx.clock.now().toISOString(),
    };
    await publishEvent(txCtx.db, txCtx.clock.now(), 'IncidentImpactedServicesChanged', event);
  });
}

/**
 * Resolving, as a person: a declared incident needs its owner and moves to
 * Resolved (seed 004: only the owner declares it resolved); a paged-only
 * incident resolves as it always did. The HTTP routes and the acting links
 * (email, SMS, voice) call this, never incidents' resolveIncident directly.
 */
export async function resolveAsResponder(ctx: Ctx, idOrNumber: string): Promise<Incident> {
  requireRole(ctx.actor, 'responder', 'resolve incidents');
  return inTransaction(ctx.db, async (tx) => {
    const txCtx = withDb(ctx, tx);
    const row = await requireIncidentRow(tx, idOrNumber, { as: ctx.actor, forUpdate: true });
    if (row.declared_at === null) return resolveIncident(txCtx, row.id);
    const declared = await lockDeclared(tx, row.id, ctx.actor);
    if (done(declared.response.stage)) return loadIncident(tx, row.id);
    const before = { ...declared.response };
    await moveStage(txCtx, declared, 'resolved');
    await replan(tx, declared);
    await recordAudit(txCtx, {
      action: 'incident.stage_changed',
      entityType: 'incident',
      entityId: row.id,
      before,
      after: await findResponse(tx, row.id),
    });
    return loadIncident(tx, row.id);
  });
}

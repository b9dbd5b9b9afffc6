/**
 * How a response begins (ADR 17): a responder declares an incident (choosing
 * who is paged and the optional steps), someone not on call reports one (the
 * EOC is paged, the reporter stays as a stakeholder), or a paged incident is
 * promoted to a declared one (its paging goes on).
 */
import { inTransaction, type Db } from '../../db/client.js';
import { publishEvent } from '../../db/outbox.js';
import type { Actor } from '../../lib/actor.js';
import { AppError, conflict } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { requireRole } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { withDb, type Ctx } from '../context.js';
import {
  acknowledgeIncident,
  actorName,
  loadIncident,
  markDeclared,
  requireIncidentRow,
  openIncident,
  type Incident,
  type IncidentRow,
} from '../incidents/index.js';
import { findMissingChannelIds } from '../channels/index.js';
import { findServiceRef } from '../services/index.js';
import { appendTimelineEntry } from '../timeline/index.js';
import {
  addStakeholder,
  findCategory,
  findResponse,
  findRoleBySlug,
  insertResponse,
  insertSeverityChange,
  replaceImpactedServices,
  selectCategories,
  type SeverityRow,
} from './response.repo.js';
import {
  DeclareResponseSchema,
  PromoteSchema,
  ReportSchema,
  type DeclareResponseInput,
  type DeclareSteps,
  type PageChoice,
  type PromoteInput,
  type ReportInput,
} from './response.schema.js';
import type { IncidentDeclaredEvent } from './response.events.js';
import { engage, engageOnCall, onCallFor, replan, requireSeverity, type Declared } from './response.state.js';

export async function requireServiceId(db: Db, idOrSlug: string): Promise<string> {
  const ref = await findServiceRef(db, idOrSlug);
  if (!ref)
    throw new AppError('not_found', `No service has id or slug "${idOrSlug}": pick one from GET /api/v1/services.`);
  return ref.id;
}

export async function requireCategory(db: Db, slug: string | undefined | null): Promise<string | null> {
  if (slug === undefined || slug === null) return null;
  if (await findCategory(db, slug)) return slug;
  const known = (await selectCategories(db)).map((c) => c.slug).join(', ');
  throw new AppError('bad_request', `No category is called "${slug}": use one of ${known}, or add it.`);
}

/** The steps as asked, once every channel they name exists. */
async function requireSteps(db: Db, steps: DeclareSteps | undefined): Promise<DeclareSteps> {
  const channelId = steps?.announceChannelId;
  if (channelId && (await findMissingChannelIds(db, [channelId])).length > 0)
    throw new AppError(
      'bad_request',
      `No chat channel has id ${channelId}: pick one from GET /api/v1/channels for steps.announceChannelId.`,
    );
  return steps ?? {};
}

/** Private when asked; unsaid, a security incident is private (ADR 18). */
const privateByDefault = (asked: boolean | undefined, category: string | null): boolean =>
  asked ?? category === 'security';

const userIdOf = (actor: Actor): string | null => (actor.type === 'user' ? actor.userId : null);

interface Start {
  incident: IncidentRow;
  severity: SeverityRow;
  category: string | null;
  nearMiss: boolean;
  private: boolean;
  origin: 'declared' | 'reported' | 'promoted';
  page: PageChoice;
  steps: DeclareSteps;
  impactedServiceIds: string[];
  /** Who holds EOC when it is known already (a promoted incident's responder). */
  eocUserId?: string | null;
}

/** Writes the response of an incident just opened or promoted, engages its roles, and tells whoever listens. */
async function startResponse(ctx: Ctx, start: Start): Promise<Declared> {
  const { db } = ctx;
  const now = ctx.clock.now();
  const { incident, severity } = start;
  const by = await actorName(db, ctx.actor);
  await markDeclared(db, incident.id, now);
  await insertResponse(db, {
    incident_id: incident.id,
    severity: severity.key,
    stage: 'investigating',
    category: start.category,
    near_miss: start.nearMiss,
    private: start.private,
    owner_id: null,
    owner_role_id: null,
    owner_since: null,
    declared_by: userIdOf(ctx.actor),
    declared_by_label: by,
    declared_at: now,
    origin: start.origin,
    announce_channel_id: start.steps.announceChannelId ?? null,
    stage_changed_at: now,
    resolved_at: null,
    closed_at: null,
    next_rule_at: null,
    updated_at: now,
  });
  await insertSeverityChange(db, {
    id: newId(now),
    incident_id: incident.id,
    from_severity: null,
    to_severity: severity.key,
    changed_by: userIdOf(ctx.actor),
    changed_by_label: by,
    reason: start.origin,
    changed_at: now,
  });
  await replaceImpactedServices(db, incident.id, [incident.service_id, ...start.impactedServiceIds]);
  const what = start.nearMiss ? `a near miss (would have been ${severity.key})` : `${severity.key} ${severity.name}`;
  const verb = { declared: 'Declared', reported: 'Reported', promoted: 'Declared (promoted from a paged incident)' }[
    start.origin
  ];
  await appendTimelineEntry(db, ctx, incident.id, {
    kind: 'declared',
    message: `${verb} by ${by}: ${what}`,
    data: { severity: severity.key, origin: start.origin, nearMiss: start.nearMiss, page: start.page },
  });
  const declared: Declared = {
    incident: await requireIncidentRow(db, incident.id, { as: ctx.actor }),
    response: (await findResponse(db, incident.id))!,
  };
  await engageFirstRoles(ctx, declared, start);
  const event: IncidentDeclaredEvent = {
    incidentId: incident.id,
    number: Number(incident.number),
    title: incident.title,
    severity: severity.key,
    nearMiss: start.nearMiss,
    origin: start.origin,
    declaredBy: by,
    announceChannelId: start.steps.announceChannelId ?? null,
  };
  await publishEvent(db, now, 'IncidentDeclared', event, incident.id);
  await replan(db, declared);
  return declared;
}

/**
 * The EOC first (seed 004: once the EOC is engaged, the EOC owns the
 * incident), then the IMOC and CMOC as the steps and the severity ask.
 */
async function engageFirstRoles(ctx: Ctx, declared: Declared, start: Start): Promise<void> {
  const declarer = userIdOf(ctx.actor);
  const eoc = await findRoleBySlug(ctx.db, 'eoc');
  if (eoc && start.eocUserId) {
    await engage(ctx, declared, { role: eoc, userId: start.eocUserId, how: 'engaged', page: false });
  } else if (eoc) {
    if (start.page === 'none' && declarer && start.origin !== 'reported') {
      await engage(ctx, declared, { role: eoc, userId: declarer, how: 'declared', page: false });
    } else {
      // Paged by the policy (its first level) or directly; a reporter never becomes EOC.
      const fallback = start.origin === 'reported' ? undefined : (declarer ?? undefined);
      await engageOnCall(ctx, declared, 'eoc', {
        page: start.page === 'eoc',
        ...(fallback && { fallbackUserId: fallback }),
      });
    }
  }
  const defaults = (start.severity.default_steps ?? {}) as DeclareSteps;
  // A near miss pages nobody unless asked; otherwise S1/S2 (the severity's setting) engages the IMOC.
  const imoc =
    start.steps.pageImoc ?? (start.nearMiss ? false : (defaults.pageImoc ?? false) || start.severity.engages_imoc);
  const cmoc = start.steps.pageCmoc ?? (start.nearMiss ? false : (defaults.pageCmoc ?? false));
  if (imoc) await engageOnCall(ctx, declared, 'imoc', { page: true });
  if (cmoc) await engageOnCall(ctx, declared, 'cmoc', { page: true });
}

async function auditDeclared(ctx: Ctx, incident: Incident, action: string): Promise<void> {
  await recordAudit(ctx, { action, entityType: 'incident', entityId: incident.id, after: incident });
}

/** A responder declares an incident on a service (ADR 17). */
export async function declareResponse(ctx: Ctx, input: DeclareResponseInput): Promise<Incident> {
  requireRole(ctx.actor, 'responder', 'declare incidents');
  const data = DeclareResponseSchema.parse(input);
  return inTransaction(ctx.db, async (tx) => {
    const txCtx = withDb(ctx, tx);
    const serviceId = await requireServiceId(tx, data.serviceId);
    const severity = await requireSeverity(tx, data.severity);
    const category = await requireCategory(tx, data.category);
    const impacted = await Promise.all((data.impactedServiceIds ?? []).map((s) => requireServiceId(tx, s)));
    const steps = await requireSteps(tx, data.steps);
    const page: PageChoice = data.page ?? (data.nearMiss ? 'none' : 'eoc');
    const triggered = await openIncident(txCtx, {
      serviceId,
      title: data.title,
      urgency: data.urgency,
      priority: data.priority,
      details: data.details,
      holdPaging: page !== 'policy',
      declared: true,
    });
    // Nobody must be woken when the declarer pages nobody: they are on it.
    if (page === 'none' && ctx.actor.type === 'user') await acknowledgeIncident(txCtx, triggered.id);
    await startResponse(txCtx, {
      incident: await requireIncidentRow(tx, triggered.id, { as: ctx.actor, forUpdate: true }),
      severity,
      category,
      nearMiss: data.nearMiss,
      private: privateByDefault(data.private, category),
      origin: 'declared',
      page,
      steps,
      impactedServiceIds: impacted,
    });
    const incident = await loadIncident(tx, triggered.id);
    await auditDeclared(txCtx, incident, 'incident.declared');
    return incident;
  });
}

/**
 * Someone who is not on call reports a problem (seed 004's /incident
 * report): the service's EOC is paged (its policy when nobody is on call
 * for EOC), and the reporter stays on the incident as a stakeholder.
 */
export async function reportIncident(ctx: Ctx, input: ReportInput): Promise<Incident> {
  requireRole(ctx.actor, 'stakeholder', 'report incidents');
  if (ctx.actor.type !== 'user') throw new AppError('forbidden', 'Only a person can report an incident.');
  const reporterId = ctx.actor.userId;
  const data = ReportSchema.parse(input);
  return inTransaction(ctx.db, async (tx) => {
    const txCtx = withDb(ctx, tx);
    const serviceId = await requireServiceId(tx, data.serviceId);
    const severity = await requireSeverity(tx, data.severity);
    const now = ctx.clock.now();
    const eoc = await findRoleBySlug(tx, 'eoc');
    const eocOnCall = eoc ? await onCallFor(tx, eoc, serviceId, now) : null;
    const page: PageChoice = eocOnCall ? 'eoc' : 'policy';
    const triggered = await openIncident(txCtx, {
      serviceId,
      title: data.title,
      urgency: 'high',
      priority: null,
      details: data.details,
      holdPaging: page !== 'policy',
      declared: true,
    });
    await addStakeholder(tx, { incident_id: triggered.id, user_id: reporterId, reason: 'reporter', added_at: now });
    await appendTimelineEntry(tx, ctx, triggered.id, {
      kind: 'stakeholder_added',
      message: `${await actorName(tx, ctx.actor)} reported it and follows it as a stakeholder`,
      data: { userId: reporterId, reason: 'reporter' },
    });
    await startResponse(txCtx, {
      incident: await requireIncidentRow(tx, triggered.id, { as: ctx.actor, forUpdate: true }),
      severity,
      category: null,
      nearMiss: false,
      private: false,
      origin: 'reported',
      page,
      // A report engages only the EOC, whatever the severity's defaults.
      steps: { pageImoc: false, pageCmoc: false },
      impactedServiceIds: [],
    });
    const incident = await loadIncident(tx, triggered.id);
    await auditDeclared(txCtx, incident, 'incident.reported');
    return incident;
  });
}

/** A paged incident becomes a declared one: its paging goes on; whoever is on it holds EOC. */
export async function promoteIncident(ctx: Ctx, idOrNumber: string, input: PromoteInput): Promise<Incident> {
  requireRole(ctx.actor, 'responder', 'declare incidents');
  const data = PromoteSchema.parse(input);
  return inTransaction(ctx.db, async (tx) => {
    const txCtx = withDb(ctx, tx);
    const row = await requireIncidentRow(tx, idOrNumber, { as: ctx.actor, forUpdate: true });
    if (row.status === 'resolved')
      throw conflict(`Incident #${row.number} is resolved: declare a new incident instead.`, { incidentId: row.id });
    if (await findResponse(tx, row.id))
      throw conflict(`Incident #${row.number} is already declared: change its severity instead.`, {
        incidentId: row.id,
      });
    const severity = await requireSeverity(tx, data.severity);
    const category = await requireCategory(tx, data.category);
    const steps = await requireSteps(tx, data.steps);
    // Whoever acknowledged it, else whoever it paged last, is its EOC; the declarer when nobody is.
    const eocUser = row.acknowledged_by ?? row.assignee_ids[0] ?? (ctx.actor.type === 'user' ? ctx.actor.userId : null);
    await startResponse(txCtx, {
      incident: row,
      severity,
      category,
      nearMiss: false,
      private: privateByDefault(data.private, category),
      origin: 'promoted',
      page: 'policy',
      steps,
      impactedServiceIds: [],
      eocUserId: eocUser,
    });
    const incident = await loadIncident(tx, row.id);
    await auditDeclared(txCtx, incident, 'incident.promoted');
    return incident;
  });
}

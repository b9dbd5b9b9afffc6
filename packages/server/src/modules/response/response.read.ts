/**
 * Reading a declared incident's response: who holds which role since when,
 * the owner, hand-offs, severity history, impacted services, stakeholders,
 * links, and seed 003's start checklist (items Tocsin knows tick themselves).
 */
import { inTransaction, type Db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../../lib/actor.js';
import { requireRole } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { withDb, type Ctx } from '../context.js';
import { requireIncidentRow, type IncidentRow } from '../incidents/index.js';
import { selectUserNames } from '../users/index.js';
import {
  findResponse,
  selectHandoffs,
  selectHolders,
  selectImpactedServices,
  selectLinks,
  selectRoles,
  selectSeverityChanges,
  selectStakeholders,
  updateResponse,
  type ResponseRow,
} from './response.repo.js';
import type { IncidentResponse } from './response.schema.js';
import { nextUpdateDueAt } from './response.cadence.js';
import { reviewState } from './response.review-plan.js';
import { reviewDueAt } from './response.review.js';
import { cadenceState, lockDeclared } from './response.state.js';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

const toLink = (l: {
  id: string;
  number: string | number;
  title: string;
  kind: IncidentResponse['links'][number]['kind'];
}) => ({
  incident: { id: l.id, number: Number(l.number), title: l.title },
  kind: l.kind,
});

export interface ChecklistItem {
  key: string;
  label: string;
  done: boolean;
  auto: boolean;
}

/** Seed 003's "an incident officially starts when", for S1 and S2 incidents that are not near misses. */
export const CHECKLIST_KEYS = ['declared', 'acknowledged', 'channel', 'customers_informed'] as const;

export function startChecklist(incident: IncidentRow, response: ResponseRow): ChecklistItem[] {
  if (response.near_miss || (response.severity !== 'S1' && response.severity !== 'S2')) return [];
  const ticked = new Set(response.checklist_ticked);
  return [
    { key: 'declared', label: `Declared with severity ${response.severity}`, done: true, auto: true },
    {
      key: 'acknowledged',
      label: 'Someone acknowledged the page',
      done: incident.acknowledged_at !== null,
      auto: true,
    },
    {
      key: 'channel',
      label: 'A channel for this incident exists',
      done: response.announce_channel_id !== null || ticked.has('channel'),
      auto: response.announce_channel_id !== null,
    },
    {
      key: 'customers_informed',
      label: 'Customers are informed',
      done: ticked.has('customers_informed'),
      auto: false,
    },
  ];
}

async function view(db: Db, incident: IncidentRow, response: ResponseRow, viewer: Actor): Promise<IncidentResponse> {
  const [holders, roles, handoffs, changes, impacted, stakeholders, links] = await Promise.all([
    selectHolders(db, incident.id),
    selectRoles(db),
    selectHandoffs(db, incident.id),
    selectSeverityChanges(db, incident.id),
    selectImpactedServices(db, incident.id),
    selectStakeholders(db, incident.id),
    selectLinks(db, incident.id, viewer),
  ]);
  const userIds = [
    ...holders.map((h) => h.user_id),
    ...handoffs.flatMap((h) => [h.from_user_id, h.to_user_id]),
    ...stakeholders.map((s) => s.user_id),
    ...(response.owner_id ? [response.owner_id] : []),
  ];
  const names = new Map((await selectUserNames(db, userIds)).map((u) => [u.id, u.name]));
  const ref = (id: string) => ({ id, name: names.get(id) ?? 'Deleted user' });
  const roleById = new Map(roles.map((r) => [r.id, r]));
  const roleRef = (id: string) => {
    const r = roleById.get(id);
    return { id, slug: r?.slug ?? 'removed', name: r?.name ?? 'Removed role', rank: r?.rank ?? null };
  };
  return {
    incidentId: incident.id,
    severity: response.severity,
    stage: response.stage,
    category: response.category,
    nearMiss: response.near_miss,
    private: response.private,
    origin: response.origin,
    owner: response.owner_id ? ref(response.owner_id) : null,
    ownerRole: response.owner_role_id ? (roleById.get(response.owner_role_id)?.slug ?? null) : null,
    ownerSince: iso(response.owner_since),
    declaredBy: response.declared_by_label,
    declaredAt: response.declared_at.toISOString(),
    stageChangedAt: response.stage_changed_at.toISOString(),
    resolvedAt: iso(response.resolved_at),
    closedAt: iso(response.closed_at),
    impactedServices: impacted,
    roles: holders.map((h) => ({
      role: roleRef(h.role_id),
      user: ref(h.user_id),
      engagedAt: h.engaged_at.toISOString(),
      engagedBy: h.engaged_by_label,
      acceptedAt: iso(h.accepted_at),
      how: h.how,
      paged: h.paged,
      endedAt: iso(h.ended_at),
    })),
    handoffs: handoffs.map((h) => ({
      id: h.id,
      role: { slug: roleRef(h.role_id).slug, name: roleRef(h.role_id).name },
      from: ref(h.from_user_id),
      to: ref(h.to_user_id),
      note: h.note,
      state: h.state,
      requestedAt: h.requested_at.toISOString(),
      settledAt: iso(h.settled_at),
    })),
    severityChanges: changes.map((c) => ({
      from: c.from_severity,
      to: c.to_severity,
      by: c.changed_by_label,
      reason: c.reason,
      at: c.changed_at.toISOString(),
    })),
    stakeholders: stakeholders.map((s) => ({ user: ref(s.user_id), reason: s.reason })),
    links: links.map(toLink),
    checklist: startChecklist(incident, response),
    nextRuleAt: iso(response.next_rule_at),
    nextUpdateDueAt: iso(nextUpdateDueAt(await cadenceState(db, { incident, response }))),
    detailedStatusReviewDueAt: iso(reviewDueAt(await reviewState(db, { incident, response }))),
  };
}

/** The response of a declared incident; 404 names how to declare it when it is only paged. */
export async function getIncidentResponse(ctx: Ctx, idOrNumber: string): Promise<IncidentResponse> {
  const incident = await requireIncidentRow(ctx.db, idOrNumber, { as: ctx.actor });
  const response = await findResponse(ctx.db, incident.id);
  if (!response)
    throw new AppError(
      'not_found',
      `Incident #${incident.number} is not declared, so it has no response: declare it with POST /api/v1/incidents/${incident.number}/declare.`,
    );
  return view(ctx.db, incident, response, ctx.actor);
}

/** Ticks (or unticks) a start checklist item Tocsin cannot know by itself. */
export async function tickChecklist(
  ctx: Ctx,
  idOrNumber: string,
  input: { key: string; done: boolean },
): Promise<IncidentResponse> {
  requireRole(ctx.actor, 'responder', 'tick the incident checklist');
  return inTransaction(ctx.db, async (tx) => {
    const { incident, response } = await lockDeclared(tx, idOrNumber, ctx.actor);
    const item = startChecklist(incident, response).find((i) => i.key === input.key);
    if (!item)
      throw new AppError(
        'bad_request',
        `"${input.key}" is not an item of this incident's checklist: use channel or customers_informed (S1 and S2 only).`,
      );
    if (item.auto) throw new AppError('bad_request', `"${item.label}" ticks itself: Tocsin knows the answer.`);
    const ticked = new Set(response.checklist_ticked);
    if (input.done) ticked.add(input.key);
    else ticked.delete(input.key);
    await updateResponse(tx, incident.id, { checklist_ticked: [...ticked], updated_at: ctx.clock.now() });
    await recordAudit(withDb(ctx, tx), {
      action: 'incident.checklist_ticked',
      entityType: 'incident',
      entityId: incident.id,
      after: { key: input.key, done: input.done },
    });
    return view(tx, incident, (await findResponse(tx, incident.id))!, ctx.actor);
  });
}

/** The incidents linked to one, declared or only paged: related ones and merges. */
export async function listIncidentLinks(ctx: Ctx, idOrNumber: string): Promise<IncidentResponse['links']> {
  requireRole(ctx.actor, 'stakeholder', 'read incidents');
  const incident = await requireIncidentRow(ctx.db, idOrNumber, { as: ctx.actor });
  return (await selectLinks(ctx.db, incident.id, ctx.actor)).map(toLink);
}

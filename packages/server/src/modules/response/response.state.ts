/**
 * What every response use case does with a declared incident, inside its
 * transaction: lock it (the incident first, then its response row: the order
 * every writer takes), give a role to someone (paging them at most once),
 * work out the one owner after any change of holders, and plan the next rule.
 */
import type { Db } from '../../db/client.js';
import { publishEvent } from '../../db/outbox.js';
import { AppError, conflict } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { roleAtLeast, systemActor, type Actor } from '../../lib/actor.js';
import type { Ctx } from '../context.js';
import { actorName, requireIncidentRow, type IncidentRow } from '../incidents/index.js';
import { resolveTargets } from '../paging/index.js';
import { computeOnCallIds } from '../schedules/index.js';
import { getPagingSettings } from '../services/index.js';
import { appendTimelineEntry, pagedUserIds } from '../timeline/index.js';
import { getUserRecord, selectUserNames } from '../users/index.js';
import {
  acceptHolder,
  endHolder,
  findResponse,
  findRoleBySlug,
  findSeverity,
  insertHolder,
  selectHolders,
  selectRoles,
  setNextRuleAt,
  updateResponse,
  type HolderRow,
  type ResponseRow,
  type RoleRow,
  type SeverityRow,
} from './response.repo.js';
import type { IncidentOwnerChangedEvent, IncidentRoleEngagedEvent } from './response.events.js';
import { nextReminderAt, type CadenceState } from './response.cadence.js';
import { nextRuleAt, type RuleState } from './response.rules.js';
import { replanReviewReminder } from './response.review-plan.js';
import { setNextUpdateReminderAt } from './response.updates.repo.js';

export interface Declared {
  incident: IncidentRow;
  response: ResponseRow;
}

/** The incident and its response, locked (404 when `actor` may not see it); 409 when it was never declared. */
export async function lockDeclared(db: Db, idOrNumber: string, actor: Actor): Promise<Declared> {
  const incident = await requireIncidentRow(db, idOrNumber, { as: actor, forUpdate: true });
  const response = await findResponse(db, incident.id, { forUpdate: true });
  if (!response)
    throw conflict(
      `Incident #${incident.number} is not declared: declare it first (POST /api/v1/incidents/${incident.number}/declare, or "tocsin incident promote ${incident.number}").`,
      { incidentId: incident.id },
    );
  return { incident, response };
}

export async function requireRoleDef(db: Db, slug: string): Promise<RoleRow> {
  const role = await findRoleBySlug(db, slug);
  if (!role) {
    const known = (await selectRoles(db)).map((r) => r.slug).join(', ');
    throw new AppError('bad_request', `No role is called "${slug}": use one of ${known}.`, { details: { role: slug } });
  }
  return role;
}

export async function requireSeverity(db: Db, key: string): Promise<SeverityRow> {
  const severity = await findSeverity(db, key);
  if (!severity) throw new AppError('bad_request', `No severity is called "${key}": use S1, S2, S3 or S4.`);
  return severity;
}

/** A person who may hold a role: an enabled user who may respond (responder or above). */
export async function requireEligible(db: Db, userId: string, role: RoleRow): Promise<{ id: string; name: string }> {
  const user = await getUserRecord(db, userId);
  if (!user)
    throw new AppError('bad_request', `No user has id ${userId}: pick someone from GET /api/v1/users.`, {
      details: { userId },
    });
  if (user.is_disabled)
    throw new AppError(
      'bad_request',
      `${user.name} is disabled and cannot hold the ${role.name} role: pick someone else.`,
    );
  if (!roleAtLeast(user.role, 'responder'))
    throw new AppError(
      'bad_request',
      `${user.name} is a ${user.role} and cannot hold the ${role.name} role: only responders, admins and owners respond.`,
    );
  return { id: user.id, name: user.name };
}

/**
 * Who holds a role when it is engaged without naming someone: whoever its
 * schedule has on call, or for the EOC without a schedule whoever the
 * service's escalation policy reaches first. Null when nobody is.
 */
export async function onCallFor(db: Db, role: RoleRow, serviceId: string, at: Date): Promise<string | null> {
  if (role.schedule_id) return (await computeOnCallIds(db, [role.schedule_id], at)).get(role.schedule_id)?.[0] ?? null;
  if (role.slug !== 'eoc') return null;
  const service = await getPagingSettings(db, serviceId, at);
  const first = service.policy.levels[0];
  if (!first) return null;
  const reached = await resolveTargets(db, first.targets, at);
  return reached.users[0]?.id ?? null;
}

const currentHolders = async (db: Db, incidentId: string): Promise<HolderRow[]> =>
  (await selectHolders(db, incidentId)).filter((h) => h.ended_at === null);

export interface Engagement {
  role: RoleRow;
  userId: string;
  how: HolderRow['how'];
  /** Page them (skipped when they were already paged for this incident). */
  page: boolean;
}

/**
 * Gives a role to a person and records when: the previous holder steps down,
 * the timeline says so, the person is paged unless they already were for this
 * incident (or asked for it themselves), and the owner is worked out again.
 * Taking up a role one was only asked for records when they took it up.
 * Returns whether anything changed.
 */
export async function engage(ctx: Ctx, declared: Declared, engagement: Engagement): Promise<boolean> {
  const { db } = ctx;
  const { incident } = declared;
  const { role, userId } = engagement;
  const now = ctx.clock.now();
  const self = ctx.actor.type === 'user' && ctx.actor.userId === userId;
  // Asked by someone else (or a rule), they hold it but have not taken it up yet.
  const takesUp = engagement.how !== 'engaged' || self;
  const holders = await currentHolders(db, incident.id);
  const current = holders.find((h) => h.role_id === role.id);
  if (current?.user_id === userId) {
    if (!takesUp || current.accepted_at) return false;
    await acceptHolder(db, current.id, now);
    await appendTimelineEntry(db, ctx, incident.id, {
      kind: 'role_engaged',
      message: `${(await requireEligible(db, userId, role)).name} engaged as ${role.name}`,
      data: { roleId: role.id, role: role.slug, userId, how: 'took', paged: false },
    });
    await settleOwner(ctx, declared);
    return true;
  }
  const user = await requireEligible(db, userId, role);
  if (current?.accepted_at && engagement.how !== 'handoff') await requireMayDisplace(ctx, incident, role, current);
  if (current) await endHolder(db, current.id, now);
  const page = engagement.page && !self && !(await pagedUserIds(db, incident.id)).has(userId);
  const engagementId = newId(now);
  const by = await actorName(db, ctx.actor);
  await insertHolder(db, {
    id: engagementId,
    incident_id: incident.id,
    role_id: role.id,
    user_id: userId,
    engaged_at: now,
    engaged_by_label: by,
    accepted_at: takesUp ? now : null,
    how: engagement.how,
    paged: page,
    ended_at: null,
  });
  const verb = { engaged: 'engaged', took: 'took', handoff: 'took over', declared: 'holds' }[engagement.how];
  await appendTimelineEntry(db, ctx, incident.id, {
    kind: 'role_engaged',
    message:
      engagement.how === 'engaged' && !self
        ? `${by} asked ${user.name} to be ${role.name}${page ? ' (paged)' : engagement.page ? ' (already paged for this incident)' : ''}`
        : `${user.name} ${verb} the ${role.name} role`,
    data: { roleId: role.id, role: role.slug, userId, how: engagement.how, paged: page },
  });
  const event: IncidentRoleEngagedEvent = {
    incidentId: incident.id,
    number: Number(incident.number),
    title: incident.title,
    holderId: userId,
    roleId: role.id,
    roleSlug: role.slug,
    roleName: role.name,
    page,
    engagementId,
  };
  await publishEvent(db, now, 'IncidentRoleEngaged', event, engagementId);
  await settleOwner(ctx, declared);
  return true;
}

/**
 * A role someone has taken up moves by hand-off (seed 003: they agree), not
 * by someone else taking it: otherwise anyone could make themselves owner and
 * resolve. An admin may still reassign it (the person may be unreachable);
 * the audit log and the timeline say who did.
 */
async function requireMayDisplace(ctx: Ctx, incident: IncidentRow, role: RoleRow, current: HolderRow): Promise<void> {
  if (ctx.actor.type === 'user' && roleAtLeast(ctx.actor.role, 'admin')) return;
  const [holder] = await selectUserNames(ctx.db, [current.user_id]);
  throw conflict(
    `${holder?.name ?? 'Someone'} holds the ${role.name} role of incident #${incident.number}: ask them to hand it off (POST /api/v1/incidents/${incident.number}/handoffs), or ask an admin to reassign it.`,
    { role: role.slug, holderId: current.user_id },
  );
}

/**
 * Engages a vacant role with whoever is on call for it; when nobody is, the
 * timeline says so (a declaration does not fail for want of an IMOC). A role
 * someone holds already is left with them.
 */
export async function engageOnCall(
  ctx: Ctx,
  declared: Declared,
  slug: string,
  options: { page: boolean; fallbackUserId?: string },
): Promise<string | null> {
  const role = await findRoleBySlug(ctx.db, slug);
  if (!role) return null;
  // Someone holds it already (asked or engaged): they stay; a rule or a raise never replaces them.
  const holder = (await currentHolders(ctx.db, declared.incident.id)).find((h) => h.role_id === role.id);
  if (holder) return holder.user_id;
  const userId =
    (await onCallFor(ctx.db, role, declared.incident.service_id, ctx.clock.now())) ?? options.fallbackUserId ?? null;
  if (!userId) {
    await appendTimelineEntry(ctx.db, ctx, declared.incident.id, {
      kind: 'role_not_engaged',
      message: `Nobody is on call for ${role.name}${role.schedule_id ? '' : ' (the role names no schedule)'}: engage someone by name`,
      data: { role: role.slug, reason: 'nobody on call' },
    });
    return null;
  }
  await engage(ctx, declared, { role, userId, how: 'engaged', page: options.page });
  return userId;
}

/**
 * The one owner (seed 004): the holder of the owning role of highest rank
 * who has taken it up; until anyone has, the holder of the lowest (the EOC
 * paged at declaration owns it before answering). Null while nobody holds an
 * owning role.
 */
export function ownerOf(holders: HolderRow[], roles: RoleRow[]): { holder: HolderRow; role: RoleRow } | null {
  const owning = holders
    .filter((h) => h.ended_at === null)
    .map((holder) => ({ holder, role: roles.find((r) => r.id === holder.role_id) }))
    .filter((x): x is { holder: HolderRow; role: RoleRow } => x.role !== undefined && x.role.rank !== null)
    .sort((a, b) => a.role.rank! - b.role.rank!);
  const engaged = owning.filter((x) => x.holder.accepted_at !== null);
  return engaged[engaged.length - 1] ?? owning[0] ?? null;
}

/** Works the owner out again after a change of holders; a new owner is written and told on the timeline. */
export async function settleOwner(ctx: Ctx, declared: Declared): Promise<void> {
  const { db } = ctx;
  const { incident, response } = declared;
  const owner = ownerOf(await currentHolders(db, incident.id), await selectRoles(db));
  const ownerId = owner?.holder.user_id ?? null;
  if (ownerId === response.owner_id && (owner?.role.id ?? null) === response.owner_role_id) return;
  const now = ctx.clock.now();
  const patch = {
    owner_id: ownerId,
    owner_role_id: owner?.role.id ?? null,
    owner_since: ownerId === response.owner_id ? response.owner_since : ownerId ? now : null,
    updated_at: now,
  };
  await updateResponse(db, incident.id, patch);
  if (ownerId !== response.owner_id) {
    const [name] = ownerId ? await selectUserNames(db, [ownerId]) : [];
    await appendTimelineEntry(db, ctx, incident.id, {
      kind: 'owner_changed',
      message: ownerId
        ? `${name?.name ?? 'Someone'} owns the incident now, as ${owner!.role.name}`
        : 'Nobody owns the incident now',
      data: { from: response.owner_id, to: ownerId, role: owner?.role.slug ?? null },
    });
    const event: IncidentOwnerChangedEvent = {
      incidentId: incident.id,
      number: Number(incident.number),
      title: incident.title,
      fromUserId: response.owner_id,
      toUserId: ownerId,
      roleSlug: owner?.role.slug ?? null,
      at: now.toISOString(),
    };
    await publishEvent(db, now, 'IncidentOwnerChanged', event);
  }
  Object.assign(response, patch);
}

/** The state the rules read, now. */
export async function ruleState(db: Db, declared: Declared): Promise<RuleState> {
  const { incident, response } = declared;
  const severity = await requireSeverity(db, response.severity);
  const roles = await selectRoles(db);
  const holders = await selectHolders(db, incident.id);
  const eoc = roles.find((r) => r.slug === 'eoc');
  const imoc = roles.find((r) => r.slug === 'imoc');
  const eocEngaged = holders
    .filter((h) => h.role_id === eoc?.id)
    .map((h) => h.engaged_at.getTime())
    .sort((a, b) => a - b)[0];
  return {
    settings: {
      investigatingMinutes: severity.investigating_minutes,
      unacknowledgedMinutes: severity.unacknowledged_minutes,
      troubleshootMinutes: severity.troubleshoot_minutes,
    },
    stage: response.stage,
    nearMiss: response.near_miss,
    // Re-read: this transaction may have acknowledged or resolved it since it was locked.
    pagingStatus: (await requireIncidentRow(db, incident.id, { as: systemActor() })).status,
    declaredAt: response.declared_at,
    eocEngagedAt: eocEngaged === undefined ? null : new Date(eocEngaged),
    ownerSince: response.owner_since,
    imocEngaged: holders.some((h) => h.role_id === imoc?.id && h.ended_at === null),
    settled: response.rules_settled,
  };
}

/** The state the update cadence reads, now. */
export async function cadenceState(db: Db, declared: Declared): Promise<CadenceState> {
  const { response } = declared;
  return {
    minutes: (await requireSeverity(db, response.severity)).update_minutes,
    stage: response.stage,
    nearMiss: response.near_miss,
    declaredAt: response.declared_at,
    lastUpdateAt: response.last_update_at,
    remindedAt: response.update_reminded_at,
  };
}

/** Plans when the next rule falls due, and the next update and review reminders, after any change that may move them. */
export async function replan(db: Db, declared: Declared): Promise<void> {
  await replanUpdateReminder(db, declared);
  await replanReviewReminder(db, declared);
  const at = nextRuleAt(await ruleState(db, declared));
  const same = (at?.getTime() ?? null) === (declared.response.next_rule_at?.getTime() ?? null);
  if (same) return;
  await setNextRuleAt(db, declared.incident.id, at);
  declared.response.next_rule_at = at;
}

async function replanUpdateReminder(db: Db, declared: Declared): Promise<void> {
  const at = nextReminderAt(await cadenceState(db, declared));
  if ((at?.getTime() ?? null) === (declared.response.next_update_reminder_at?.getTime() ?? null)) return;
  await setNextUpdateReminderAt(db, declared.incident.id, at);
  declared.response.next_update_reminder_at = at;
}

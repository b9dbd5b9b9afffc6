/**
 * People and roles during an incident: engage a role (page whoever holds it
 * now, or a named person), take one yourself, and hand one off (seed 003:
 * ask, they accept, the role and with it ownership move; nobody is paged and
 * the escalation policy is not touched).
 */
import { inTransaction } from '../../db/client.js';
import { publishEvent } from '../../db/outbox.js';
import { AppError, conflict, forbidden, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { requireRole } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { withDb, type Ctx } from '../context.js';
import { actorName, loadIncident, type Incident } from '../incidents/index.js';
import { appendTimelineEntry } from '../timeline/index.js';
import { selectUserNames } from '../users/index.js';
import type { IncidentHandoffRequestedEvent } from './response.events.js';
import {
  findHandoff,
  findPendingHandoff,
  insertHandoff,
  selectHolders,
  selectRoles,
  settleHandoff,
  type HandoffRow,
} from './response.repo.js';
import { EngageRoleSchema, HandoffRequestSchema, TakeRoleSchema } from './response.schema.js';
import {
  engage,
  lockDeclared,
  onCallFor,
  replan,
  requireEligible,
  requireRoleDef,
  type Declared,
} from './response.state.js';

const requireUser = (ctx: Ctx, what: string): string => {
  if (ctx.actor.type !== 'user') throw forbidden(`Only a person can ${what}.`);
  return ctx.actor.userId;
};

/** Runs a roles change in one transaction, audited; answers with the incident. */
async function rolesChange(
  ctx: Ctx,
  idOrNumber: string,
  action: string,
  work: (txCtx: Ctx, declared: Declared) => Promise<unknown>,
): Promise<Incident> {
  requireRole(ctx.actor, 'responder', 'hold incident roles');
  return inTransaction(ctx.db, async (tx) => {
    const txCtx = withDb(ctx, tx);
    const declared = await lockDeclared(tx, idOrNumber, ctx.actor);
    if (declared.response.stage === 'closed')
      throw conflict(`Incident #${declared.incident.number} is closed: its roles no longer change.`);
    const before = await selectHolders(tx, declared.incident.id);
    const detail = await work(txCtx, declared);
    await replan(tx, declared);
    await recordAudit(txCtx, {
      action,
      entityType: 'incident',
      entityId: declared.incident.id,
      before: before.filter((h) => h.ended_at === null),
      after: { holders: (await selectHolders(tx, declared.incident.id)).filter((h) => h.ended_at === null), detail },
    });
    return loadIncident(tx, declared.incident.id);
  });
}

/** Engage a role: a named person, or whoever is on call for it now; they are paged unless asked not to. */
export async function engageRole(
  ctx: Ctx,
  idOrNumber: string,
  input: { role: string; userId?: string; page?: boolean },
): Promise<Incident> {
  const data = EngageRoleSchema.parse(input);
  return rolesChange(ctx, idOrNumber, 'incident.role_engaged', async (txCtx, declared) => {
    const role = await requireRoleDef(txCtx.db, data.role);
    const userId = data.userId ?? (await onCallFor(txCtx.db, role, declared.incident.service_id, txCtx.clock.now()));
    if (!userId)
      throw new AppError(
        'conflict',
        `Nobody is on call for ${role.name}${role.schedule_id ? ' now' : ' (the role names no schedule)'}: name someone with userId.`,
      );
    await engage(txCtx, declared, { role, userId, how: 'engaged', page: data.page });
    return { role: role.slug, userId };
  });
}

/** Take a role yourself (the IMOC co-assigning themselves, seed 004): recorded with the time, nobody paged. */
export async function takeRole(ctx: Ctx, idOrNumber: string, input: { role: string }): Promise<Incident> {
  const data = TakeRoleSchema.parse(input);
  const userId = requireUser(ctx, 'take a role');
  return rolesChange(ctx, idOrNumber, 'incident.role_taken', async (txCtx, declared) => {
    const role = await requireRoleDef(txCtx.db, data.role);
    await engage(txCtx, declared, { role, userId, how: 'took', page: false });
    return { role: role.slug, userId };
  });
}

/**
 * Ask someone to take a role you hold (by default the one that makes you
 * owner). They are told; nothing moves until they accept.
 */
export async function requestHandoff(
  ctx: Ctx,
  idOrNumber: string,
  input: { role?: string; toUserId: string; note?: string },
): Promise<Incident> {
  const data = HandoffRequestSchema.parse(input);
  const fromId = requireUser(ctx, 'hand off a role');
  return rolesChange(ctx, idOrNumber, 'incident.handoff_requested', async (txCtx, declared) => {
    const { db } = txCtx;
    const { incident, response } = declared;
    const roles = await selectRoles(db);
    const role = data.role
      ? await requireRoleDef(db, data.role)
      : roles.find((r) => r.id === response.owner_role_id && response.owner_id === fromId);
    if (!role)
      throw new AppError('bad_request', 'You do not own this incident: name the role to hand off with "role".');
    const holder = (await selectHolders(db, incident.id)).find((h) => h.role_id === role.id && h.ended_at === null);
    if (holder?.user_id !== fromId)
      throw forbidden(
        `You do not hold the ${role.name} role of incident #${incident.number}: only its holder hands it off.`,
      );
    if (data.toUserId === fromId)
      throw new AppError('bad_request', 'You already hold the role: hand it to someone else.');
    const to = await requireEligible(db, data.toUserId, role);
    if (await findPendingHandoff(db, incident.id, role.id))
      throw conflict(`A hand-off of ${role.name} is already waiting for an answer: cancel it first.`);
    const now = txCtx.clock.now();
    const id = newId(now);
    const fromName = await actorName(db, txCtx.actor);
    await insertHandoff(db, {
      id,
      incident_id: incident.id,
      role_id: role.id,
      from_user_id: fromId,
      to_user_id: to.id,
      note: data.note,
      state: 'pending',
      requested_at: now,
      settled_at: null,
    });
    await appendTimelineEntry(db, txCtx, incident.id, {
      kind: 'handoff_requested',
      message: `${fromName} asked ${to.name} to take over as ${role.name}${data.note ? `: ${data.note}` : ''}`,
      data: { handoffId: id, role: role.slug, toUserId: to.id },
    });
    const event: IncidentHandoffRequestedEvent = {
      incidentId: incident.id,
      number: Number(incident.number),
      title: incident.title,
      handoffId: id,
      roleName: role.name,
      fromName,
      toUserId: to.id,
      note: data.note,
    };
    await publishEvent(db, now, 'IncidentHandoffRequested', event, id);
    return { handoffId: id };
  });
}

async function requirePending(ctx: Ctx, declared: Declared, handoffId: string): Promise<HandoffRow> {
  const handoff = await findHandoff(ctx.db, declared.incident.id, handoffId);
  if (!handoff) throw notFound('Hand-off', handoffId);
  if (handoff.state !== 'pending')
    throw conflict(`This hand-off was already ${handoff.state}.`, { state: handoff.state });
  return handoff;
}

/** The person asked answers (accept or decline), or the asker cancels. Accepting moves the role and ownership. */
export async function answerHandoff(
  ctx: Ctx,
  idOrNumber: string,
  handoffId: string,
  answer: 'accept' | 'decline' | 'cancel',
): Promise<Incident> {
  const userId = requireUser(ctx, 'answer a hand-off');
  const state = ({ accept: 'accepted', decline: 'declined', cancel: 'cancelled' } as const)[answer];
  return rolesChange(ctx, idOrNumber, `incident.handoff_${state}`, async (txCtx, declared) => {
    const { db } = txCtx;
    const handoff = await requirePending(txCtx, declared, handoffId);
    const mine = answer === 'cancel' ? handoff.from_user_id : handoff.to_user_id;
    if (mine !== userId) {
      const [who] = await selectUserNames(db, [mine]);
      throw forbidden(`Only ${who?.name ?? 'the person concerned'} may ${answer} this hand-off.`);
    }
    const roles = await selectRoles(db);
    const role = roles.find((r) => r.id === handoff.role_id)!;
    const now = txCtx.clock.now();
    await settleHandoff(db, handoff.id, state, now);
    const toName = (await selectUserNames(db, [handoff.to_user_id]))[0]?.name ?? 'someone';
    await appendTimelineEntry(db, txCtx, declared.incident.id, {
      kind: 'handoff_settled',
      message:
        answer === 'cancel'
          ? `The hand-off of ${role.name} to ${toName} was cancelled`
          : `${toName} ${state} the hand-off of ${role.name}`,
      data: { handoffId: handoff.id, role: role.slug, state },
    });
    if (answer !== 'accept') return { handoffId, state };
    // The asker may have lost the role since: then the hand-off still gives it to the person who accepted.
    await engage(txCtx, declared, { role, userId: handoff.to_user_id, how: 'handoff', page: false });
    return { handoffId, state };
  });
}

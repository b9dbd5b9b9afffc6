/**
 * Private incidents' people (ADR 18): following an incident (a stakeholder
 * with reason "subscriber"), which makes one a member of a private incident,
 * and the security team, whose members see every private incident. The
 * rule itself is the incidents module's (incidents.visibility.ts).
 */
import { inTransaction } from '../../db/client.js';
import { AppError, notFound } from '../../lib/errors.js';
import { isSelf, requireRole } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { withDb, type Ctx } from '../context.js';
import { actorName, requireIncidentRow, SECURITY_TEAM_SETTING } from '../incidents/index.js';
import { getSetting, putSetting } from '../settings/index.js';
import { getTeam } from '../teams/index.js';
import { appendTimelineEntry } from '../timeline/index.js';
import { selectUserNames } from '../users/index.js';
import { addStakeholder, removeStakeholder, updateResponse } from './response.repo.js';
import { lockDeclared } from './response.state.js';

export interface Following {
  incidentId: string;
  userId: string;
  following: boolean;
}

/** Whom the call is about: the caller, or (for someone who may see the incident) another person. */
function followerOf(ctx: Ctx, userId: string | undefined): string {
  if (userId) return userId;
  if (ctx.actor.type !== 'user') throw new AppError('bad_request', 'Name the person who follows it (userId).');
  return ctx.actor.userId;
}

/**
 * Anyone who may see the incident follows it, or makes another person
 * follow it; for a private one that makes them a member.
 */
export async function followIncident(ctx: Ctx, idOrNumber: string, userId?: string): Promise<Following> {
  requireRole(ctx.actor, 'stakeholder', 'follow incidents');
  const follower = followerOf(ctx, userId);
  return inTransaction(ctx.db, async (tx) => {
    const row = await requireIncidentRow(tx, idOrNumber, { as: ctx.actor });
    const [user] = await selectUserNames(tx, [follower]);
    if (!user || user.is_disabled) throw notFound('User', follower);
    await addStakeholder(tx, {
      incident_id: row.id,
      user_id: follower,
      reason: 'subscriber',
      added_at: ctx.clock.now(),
    });
    const by = await actorName(tx, ctx.actor);
    await appendTimelineEntry(tx, ctx, row.id, {
      kind: 'stakeholder_added',
      message: isSelf(ctx.actor, follower) ? `${by} follows it` : `${by} added ${user.name} as a follower`,
      data: { userId: follower, reason: 'subscriber' },
    });
    await recordAudit(withDb(ctx, tx), {
      action: 'incident.follower_added',
      entityType: 'incident',
      entityId: row.id,
      after: { userId: follower },
    });
    return { incidentId: row.id, userId: follower, following: true };
  });
}

/** A follower stops following; removing someone else needs a responder. */
export async function unfollowIncident(ctx: Ctx, idOrNumber: string, userId?: string): Promise<Following> {
  requireRole(ctx.actor, 'stakeholder', 'unfollow incidents');
  const follower = followerOf(ctx, userId);
  if (!isSelf(ctx.actor, follower)) requireRole(ctx.actor, 'responder', "remove someone else's follow");
  return inTransaction(ctx.db, async (tx) => {
    const row = await requireIncidentRow(tx, idOrNumber, { as: ctx.actor });
    if (await removeStakeholder(tx, row.id, follower))
      await recordAudit(withDb(ctx, tx), {
        action: 'incident.follower_removed',
        entityType: 'incident',
        entityId: row.id,
        before: { userId: follower },
      });
    return { incidentId: row.id, userId: follower, following: false };
  });
}

/**
 * Makes a declared incident private or public: its owner, or an admin
 * (audited, and said on its timeline). Making it public shows it to
 * everyone from then on; making it private hides it from non-members from
 * then on (what was already sent stays sent).
 */
export async function setIncidentPrivate(
  ctx: Ctx,
  idOrNumber: string,
  isPrivate: boolean,
): Promise<{ incidentId: string; private: boolean }> {
  requireRole(ctx.actor, 'responder', 'make incidents private or public');
  return inTransaction(ctx.db, async (tx) => {
    const { incident, response } = await lockDeclared(tx, idOrNumber, ctx.actor);
    const isOwner = ctx.actor.type === 'user' && response.owner_id === ctx.actor.userId;
    if (!isOwner) requireRole(ctx.actor, 'admin', 'make an incident you do not own private or public (its owner may)');
    if (response.private !== isPrivate) {
      await updateResponse(tx, incident.id, { private: isPrivate, updated_at: ctx.clock.now() });
      const by = await actorName(tx, ctx.actor);
      await appendTimelineEntry(tx, ctx, incident.id, {
        kind: 'privacy_changed',
        message: isPrivate ? `${by} made it private` : `${by} made it public`,
        data: { private: isPrivate },
      });
      await recordAudit(withDb(ctx, tx), {
        action: 'incident.privacy_changed',
        entityType: 'incident',
        entityId: incident.id,
        before: { private: response.private },
        after: { private: isPrivate },
      });
    }
    return { incidentId: incident.id, private: isPrivate };
  });
}

/** The team whose members see every private incident (admin). */
export async function readSecurityTeam(ctx: Ctx): Promise<{ teamId: string | null }> {
  requireRole(ctx.actor, 'admin', 'read the security team');
  return { teamId: (await getSetting<string | null>(ctx.db, SECURITY_TEAM_SETTING)) ?? null };
}

/** Names (or clears, with null) the security team (admin, audited). */
export async function setSecurityTeam(ctx: Ctx, teamIdOrSlug: string | null): Promise<{ teamId: string | null }> {
  requireRole(ctx.actor, 'admin', 'set the security team');
  const teamId = teamIdOrSlug === null ? null : (await getTeam(ctx, teamIdOrSlug)).id;
  const before = await readSecurityTeam(ctx);
  await putSetting(ctx.db, ctx.clock, SECURITY_TEAM_SETTING, teamId);
  await recordAudit(ctx, {
    action: 'settings.security_team_set',
    entityType: 'settings',
    entityId: SECURITY_TEAM_SETTING,
    before,
    after: { teamId },
  });
  return { teamId };
}

/**
 * The default way a level's targets become people: a user is that user, a
 * team is its members, a channel is posted to. Schedule targets reach nobody
 * until on-call schedules exist: the schedules module replaces this function
 * with one that asks who is on call (createEscalationReconciler's resolveTargets).
 */
import type { Db } from '../../db/client.js';
import { systemActor } from '../../lib/actor.js';
import { isAppError } from '../../lib/errors.js';
import type { EscalationTarget } from '../escalation/index.js';
import { getTeam } from '../teams/index.js';
import { selectUserNames } from './incidents.repo.js';
import type { ResolvedTargets, ResolveTargets } from './incidents.types.js';

export const resolveTargets: ResolveTargets = async (db: Db, targets: EscalationTarget[], at: Date): Promise<ResolvedTargets> => {
  const userIds: string[] = [];
  const channelIds: string[] = [];
  const notes: string[] = [];
  const ctx = { db, clock: { now: () => at }, actor: systemActor('escalation') };
  for (const target of targets) {
    switch (target.type) {
      case 'user':
        userIds.push(target.id);
        break;
      case 'team': {
        try {
          const team = await getTeam(ctx, target.id);
          if (team.members.length === 0) notes.push(`team ${team.name} has no members`);
          userIds.push(...team.members.map((m) => m.userId));
        } catch (error) {
          if (!isAppError(error) || error.code !== 'not_found') throw error;
          notes.push(`team ${target.id} no longer exists`);
        }
        break;
      }
      case 'channel':
        if (!channelIds.includes(target.id)) channelIds.push(target.id);
        break;
      case 'schedule':
        notes.push('schedule targets arrive with on-call schedules');
        break;
    }
  }
  const known = new Map((await selectUserNames(db, userIds)).map((u) => [u.id, u]));
  const users: ResolvedTargets['users'] = [];
  for (const id of new Set(userIds)) {
    const user = known.get(id);
    if (!user) notes.push(`user ${id} no longer exists`);
    else if (user.is_disabled) notes.push(`${user.name} is disabled`);
    else users.push({ id: user.id, name: user.name });
  }
  return { users, channelIds, notes };
};

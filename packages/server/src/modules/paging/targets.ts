/**
 * How a level's targets become people at the moment the level is reached: a
 * user is that user, a team is its members, a schedule is whoever is on call
 * on it then (the schedules module's calculator, the same one the UI and
 * calendars use), a channel is posted to.
 */
import type { Db } from '../../db/client.js';
import { expectedPagedUsers, transactionValue } from '../../db/context.js';
import { systemActor } from '../../lib/actor.js';
import { isAppError } from '../../lib/errors.js';
import type { EscalationTarget } from '../escalation/index.js';
import { computeOnCallIds, scheduleNames } from '../schedules/index.js';
import { getTeam } from '../teams/index.js';
import { selectUserNames, userNamesOnce, type UserName } from '../users/index.js';
import type { ResolvedTargets, ResolveTargets } from './paging.types.js';

/** Where knowUsers keeps the users it read, for the rest of the transaction (db/context.ts). */
const KNOWN_USERS = 'paging.known-users';

/** Finds a level's people; in a transaction where knowUsers ran, without reading those users again. */
export const resolveTargets: ResolveTargets = (db, targets, at) =>
  resolveWith(db, targets, at, transactionValue.get<Map<string, UserName>>(db, KNOWN_USERS) ?? new Map());

/**
 * For a batch of steps (the alerts a batch triggers): reads these users up
 * front, in one query, and keeps them for the rest of the transaction, so a
 * step then reads only people it finds some other way (team members, whoever
 * is on call). For people who cannot change within the batch's transaction.
 */
export async function knowUsers(db: Db, userIds: string[]): Promise<void> {
  // Read with the policies' labels already, in an alerts batch (escalation's labelTargets).
  transactionValue.set(db, KNOWN_USERS, new Map((await userNamesOnce(db, userIds)).map((u) => [u.id, u])));
  expectedPagedUsers.set(db, userIds);
}

async function resolveWith(
  db: Db,
  targets: EscalationTarget[],
  at: Date,
  known: Map<string, UserName>,
): Promise<ResolvedTargets> {
  const userIds: string[] = [];
  const channelIds: string[] = [];
  const notes: string[] = [];
  const scheduleIds: string[] = [];
  const ctx = { db, clock: { now: () => at }, actor: systemActor('escalation'), source: 'engine' as const };
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
        scheduleIds.push(target.id);
        break;
    }
  }
  if (scheduleIds.length > 0) {
    const onCall = await computeOnCallIds(db, scheduleIds, at);
    const names = await scheduleNames(db, scheduleIds);
    for (const id of scheduleIds) {
      const people = onCall.get(id);
      if (!names.has(id)) notes.push(`schedule ${id} no longer exists`);
      else if (!people || people.length === 0) notes.push(`nobody is on call on schedule ${names.get(id)}`);
      else userIds.push(...people);
    }
  }
  for (const user of await selectUserNames(
    db,
    userIds.filter((id) => !known.has(id)),
  ))
    known.set(user.id, user);
  const users: ResolvedTargets['users'] = [];
  for (const id of new Set(userIds)) {
    const user = known.get(id);
    if (!user) notes.push(`user ${id} no longer exists`);
    else if (user.is_disabled) notes.push(`${user.name} is disabled`);
    else users.push({ id: user.id, name: user.name });
  }
  return { users, channelIds, notes };
}

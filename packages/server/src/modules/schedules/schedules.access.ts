/**
 * Who may change a schedule. Admins may do anything; managers of the
 * schedule's team may change it and act for its people; participants (in a
 * layer of the version in effect, or members of its team) may create
 * overrides and swaps for themselves. Reading needs the viewer role.
 */
import { roleAtLeast, scopeAllows, type Actor } from '../../lib/actor.js';
import { AppError, isAppError } from '../../lib/errors.js';
import { requireRole } from '../access/index.js';
import type { Ctx } from '../context.js';
import { getTeam, type Team } from '../teams/index.js';
import type { ScheduleDefinition } from './oncall/definition.js';

export function isAdmin(actor: Actor): boolean {
  return actor.type === 'system' || (roleAtLeast(actor.role, 'admin') && scopeAllows(actor.scopes, 'admin'));
}

export const actorUserId = (actor: Actor): string | undefined => (actor.type === 'user' ? actor.userId : undefined);

async function teamOf(ctx: Ctx, teamId: string | null): Promise<Team | undefined> {
  if (!teamId) return undefined;
  try {
    return await getTeam(ctx, teamId);
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') return undefined;
    throw error;
  }
}

/** Admin, or a manager of the team (with a token that may write). */
export async function canManage(ctx: Ctx, teamId: string | null): Promise<boolean> {
  if (isAdmin(ctx.actor)) return true;
  const userId = actorUserId(ctx.actor);
  if (
    !userId ||
    ctx.actor.type !== 'user' ||
    !scopeAllows(ctx.actor.scopes, 'write') ||
    !roleAtLeast(ctx.actor.role, 'responder')
  )
    return false;
  const team = await teamOf(ctx, teamId);
  return team?.members.some((m) => m.userId === userId && m.role === 'manager') ?? false;
}

export async function requireManager(ctx: Ctx, teamId: string | null, what: string): Promise<void> {
  requireRole(ctx.actor, 'responder', what);
  if (await canManage(ctx, teamId)) return;
  throw new AppError('forbidden', `Only an admin${teamId ? " or a manager of the schedule's team" : ''} can ${what}.`, {
    details: { teamId },
  });
}

/** Someone who takes part: in a layer of the given definition, or a member of the team. */
export async function isParticipant(
  ctx: Ctx,
  userId: string,
  definition: ScheduleDefinition | undefined,
  teamId: string | null,
): Promise<boolean> {
  if (definition?.layers.some((l) => l.participants.includes(userId))) return true;
  const team = await teamOf(ctx, teamId);
  return team?.members.some((m) => m.userId === userId) ?? false;
}

/** Everyone who takes part (isParticipant), each once: the layers' people first, then the team's. */
export async function participantIds(
  ctx: Ctx,
  definition: ScheduleDefinition | undefined,
  teamId: string | null,
): Promise<string[]> {
  const team = await teamOf(ctx, teamId);
  return [
    ...new Set([
      ...(definition?.layers.flatMap((l) => l.participants) ?? []),
      ...(team?.members.map((m) => m.userId) ?? []),
    ]),
  ];
}

/**
 * For actions on behalf of `userIds` (offering, taking, being put on call):
 * managers may act for anyone; others only for themselves, and only if they
 * take part in the schedule.
 */
export async function requireSelfOrManager(
  ctx: Ctx,
  userIds: string[],
  schedule: { teamId: string | null; definition: ScheduleDefinition | undefined },
  what: string,
): Promise<void> {
  requireRole(ctx.actor, 'responder', what);
  if (await canManage(ctx, schedule.teamId)) return;
  const self = actorUserId(ctx.actor);
  if (!self || !userIds.includes(self)) {
    throw new AppError(
      'forbidden',
      `You can ${what} only for yourself; an admin or a manager of the schedule's team can do it for others.`,
    );
  }
  if (!(await isParticipant(ctx, self, schedule.definition, schedule.teamId))) {
    throw new AppError('forbidden', `You can ${what} only on a schedule you take part in (a layer or its team).`);
  }
}

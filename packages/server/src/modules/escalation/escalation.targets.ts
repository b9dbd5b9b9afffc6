/**
 * Checking a policy's levels before they are stored: every target exists, no
 * target is listed twice in a level. Problems are collected, so one answer names them all.
 */
import { AppError, isAppError } from '../../lib/errors.js';
import { findMissingChannelIds } from '../channels/index.js';
import { findMissingScheduleIds } from '../schedules/index.js';
import type { Ctx } from '../context.js';
import { getTeam } from '../teams/index.js';
import { getUserRecord } from '../users/index.js';
import type { LevelInput } from './escalation.schema.js';

interface Problem {
  path: string;
  message: string;
}

async function teamExists(ctx: Ctx, id: string): Promise<boolean> {
  try {
    await getTeam(ctx, id);
    return true;
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') return false;
    throw error;
  }
}

export async function validateLevels(ctx: Ctx, levels: LevelInput[]): Promise<void> {
  const problems: Problem[] = [];
  const channelIds = levels.flatMap((l) => l.targets.filter((t) => t.type === 'channel').map((t) => t.id));
  const missingChannels = new Set(await findMissingChannelIds(ctx.db, channelIds));
  const scheduleIds = levels.flatMap((l) => l.targets.filter((t) => t.type === 'schedule').map((t) => t.id));
  const missingSchedules = new Set(await findMissingScheduleIds(ctx.db, scheduleIds));
  for (const [l, level] of levels.entries()) {
    const seen = new Set<string>();
    for (const [t, target] of level.targets.entries()) {
      const path = `levels.${l}.targets.${t}`;
      const where = `level ${l + 1}, target ${t + 1}`;
      if (seen.has(`${target.type}:${target.id}`)) {
        problems.push({ path, message: `${where}: ${target.type} ${target.id} is listed twice in this level` });
        continue;
      }
      seen.add(`${target.type}:${target.id}`);
      if (target.type === 'schedule') {
        if (missingSchedules.has(target.id))
          problems.push({ path, message: `${where}: schedule ${target.id} does not exist` });
      } else if (target.type === 'user') {
        const user = await getUserRecord(ctx.db, target.id);
        if (!user) problems.push({ path, message: `${where}: user ${target.id} does not exist` });
        else if (user.is_disabled)
          problems.push({
            path,
            message: `${where}: user ${user.email} (${target.id}) is disabled: enable them or choose someone else`,
          });
      } else if (target.type === 'team') {
        if (!(await teamExists(ctx, target.id)))
          problems.push({ path, message: `${where}: team ${target.id} does not exist` });
      } else if (missingChannels.has(target.id)) {
        problems.push({ path, message: `${where}: chat channel ${target.id} does not exist` });
      }
    }
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, 5).map((p) => p.message);
    throw new AppError(
      'bad_request',
      `Invalid escalation policy: ${shown.join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`,
      {
        details: { issues: problems },
      },
    );
  }
}

export async function validateTeam(ctx: Ctx, teamId: string | null | undefined): Promise<void> {
  if (teamId && !(await teamExists(ctx, teamId))) {
    throw new AppError('bad_request', `Invalid escalation policy: teamId: team ${teamId} does not exist`, {
      details: { issues: [{ path: 'teamId', message: `team ${teamId} does not exist` }] },
    });
  }
}

/**
 * Checking what a service refers to before it is stored: its team, its
 * escalation policy and its notice channels must exist. A missing one is the
 * caller's mistake (400 naming the id), not a missing page (404).
 */
import { AppError, isAppError } from '../../lib/errors.js';
import { findMissingChannelIds } from '../channels/index.js';
import type { Ctx } from '../context.js';
import { getPolicy } from '../escalation/index.js';
import { getTeam } from '../teams/index.js';

async function exists(read: () => Promise<unknown>): Promise<boolean> {
  try {
    await read();
    return true;
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') return false;
    throw error;
  }
}

const invalid = (path: string, message: string) =>
  new AppError('bad_request', `Invalid service: ${path}: ${message}`, { details: { issues: [{ path, message }] } });

export async function validateReferences(
  ctx: Ctx,
  refs: { teamId?: string | null; escalationPolicyId?: string; noticeChannelIds?: string[] },
): Promise<void> {
  if (refs.teamId && !(await exists(() => getTeam(ctx, refs.teamId!)))) {
    throw invalid('teamId', `team ${refs.teamId} does not exist`);
  }
  if (refs.escalationPolicyId && !(await exists(() => getPolicy(ctx, refs.escalationPolicyId!)))) {
    throw invalid('escalationPolicyId', `escalation policy ${refs.escalationPolicyId} does not exist`);
  }
  const missing = refs.noticeChannelIds ? await findMissingChannelIds(ctx.db, refs.noticeChannelIds) : [];
  if (missing.length > 0) {
    throw invalid(
      'noticeChannelIds',
      `chat channel${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'do' : 'does'} not exist`,
    );
  }
}

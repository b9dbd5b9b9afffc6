/**
 * An escalation policy's levels with every target resolved to the people it
 * would page now: a user is that user, a team its members, a schedule whoever
 * is on call on it (and until when), a channel nobody. The same reading as
 * paging's (paging/targets.ts), for showing, not for paging: it explains in
 * a note why a target pages nobody instead of skipping it.
 */
import { isAppError } from '../../lib/errors.js';
import type { Ctx } from '../context.js';
import { getTeam } from '../teams/index.js';
import { onCallUntil } from './oncall-load.js';
import type { LevelOnCall } from './schedules.schema.js';
import { selectSchedules } from './schedules.repo.js';
import type { LevelTargets } from './schedules.types.js';
import { iso, loadPeople, onCallUser } from './schedules.view.js';

type Resolved = LevelOnCall['targets'][number];

export async function resolveLevels(ctx: Ctx, levels: LevelTargets[], at: Date): Promise<LevelOnCall[]> {
  const targets = levels.flatMap((l) => l.targets);
  const scheduleIds = [...new Set(targets.filter((t) => t.type === 'schedule').map((t) => t.id))];
  const existing = new Set((await selectSchedules(ctx.db, { ids: scheduleIds })).map((s) => s.id));
  const onCall = await onCallUntil(
    ctx.db,
    scheduleIds.filter((id) => existing.has(id)),
    at,
  );
  const members = new Map<string, string[] | undefined>();
  for (const target of targets) {
    if (target.type !== 'team' || members.has(target.id)) continue;
    try {
      members.set(
        target.id,
        (await getTeam(ctx, target.id)).members.map((m) => m.userId),
      );
    } catch (error) {
      if (!isAppError(error) || error.code !== 'not_found') throw error;
      members.set(target.id, undefined);
    }
  }
  const people = await loadPeople(ctx.db, [
    ...targets.filter((t) => t.type === 'user').map((t) => t.id),
    ...[...members.values()].flatMap((ids) => ids ?? []),
    ...[...onCall.values()].flat().map((u) => u.userId),
  ]);
  const person = (userId: string, until: number | null) => ({
    ...onCallUser(people.get(userId)),
    until: until === null ? null : iso(until),
  });
  const enabled = (ids: string[]) => ids.filter((id) => !people.get(id).isDisabled);

  const resolve = (target: LevelTargets['targets'][number]): Resolved => {
    const base = { type: target.type, id: target.id, label: target.label };
    switch (target.type) {
      case 'user': {
        const found = people.get(target.id);
        if (!found.email) return { ...base, users: [], note: 'this user no longer exists' };
        if (found.isDisabled) return { ...base, users: [], note: `${found.name} is disabled: not paged` };
        return { ...base, users: [person(target.id, null)], note: null };
      }
      case 'team': {
        const ids = members.get(target.id);
        if (!ids) return { ...base, users: [], note: 'this team no longer exists' };
        const paged = enabled(ids);
        return {
          ...base,
          users: paged.map((id) => person(id, null)),
          note: paged.length === 0 ? 'the team has no members who can be paged' : null,
        };
      }
      case 'schedule': {
        if (!existing.has(target.id)) return { ...base, users: [], note: 'this schedule no longer exists' };
        const now = (onCall.get(target.id) ?? []).filter((u) => !people.get(u.userId).isDisabled);
        return {
          ...base,
          users: now.map((u) => person(u.userId, u.until)),
          note: now.length === 0 ? 'nobody is on call on this schedule now' : null,
        };
      }
      case 'channel':
        return { ...base, users: [], note: 'posts to the channel; pages nobody' };
    }
  };
  return levels.map((level) => ({
    level: level.level,
    delayMinutes: level.delayMinutes,
    targets: level.targets.map(resolve),
  }));
}

/**
 * What other modules need to refer to schedules by id: which of some ids
 * exist (escalation checks its targets) and their names (for labels), in one
 * query each.
 */
import type { Db } from '../../db/client.js';
import { isUuid } from '../../lib/ids.js';
import { selectSchedules } from './schedules.repo.js';

/** The ids among `ids` that name no schedule. */
export async function findMissingScheduleIds(db: Db, ids: string[]): Promise<string[]> {
  const wanted = [...new Set(ids)];
  const found = new Set((await selectSchedules(db, { ids: wanted.filter(isUuid) })).map((s) => s.id));
  return wanted.filter((id) => !found.has(id));
}

/** Schedule id → name, for the ids that exist. */
export async function scheduleNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)].filter(isUuid);
  return new Map((await selectSchedules(db, { ids: wanted })).map((s) => [s.id, s.name]));
}

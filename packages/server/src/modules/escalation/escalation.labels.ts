/** Display names for escalation targets (people, teams, schedules, channels), so policies read well. */
import type { Db } from '../../db/client.js';
import { scheduleNames } from '../schedules/index.js';
import { userNamesOnce } from '../users/index.js';
import { targetLabels } from './escalation.repo.js';
import type { EscalationTarget } from './escalation.types.js';

export async function labelTargets(db: Db, targets: EscalationTarget[]): Promise<Map<string, string>> {
  const ofType = (type: EscalationTarget['type']) => targets.filter((t) => t.type === type).map((t) => t.id);
  const labels = await targetLabels(db, { teams: ofType('team'), channels: ofType('channel') });
  // People through the users module, once per transaction: an alerts batch asks for its first steps' people next.
  for (const user of await userNamesOnce(db, ofType('user'))) labels.set(user.id, user.name);
  for (const [id, name] of await scheduleNames(db, ofType('schedule'))) labels.set(id, name);
  return labels;
}

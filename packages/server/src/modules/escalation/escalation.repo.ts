/** The only SQL on escalation_policies. */
import type { Selectable } from 'kysely';
import type { Db } from '../../db/client.js';
import type { EscalationPoliciesTable } from '../../db/schema.js';
import { isUuid } from '../../lib/ids.js';

export type EscalationPolicyRow = Selectable<EscalationPoliciesTable>;

export async function getPolicyRow(db: Db, id: string): Promise<EscalationPolicyRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom('escalation_policies').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Display names for targets, so a snapshot reads well even after renames. */
export async function targetLabels(db: Db, ids: { users: string[]; teams: string[]; channels: string[] }): Promise<Map<string, string>> {
  const labels = new Map<string, string>();
  if (ids.users.length) {
    for (const u of await db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids.users).execute()) labels.set(u.id, u.name);
  }
  if (ids.teams.length) {
    for (const t of await db.selectFrom('teams').select(['id', 'name']).where('id', 'in', ids.teams).execute()) labels.set(t.id, t.name);
  }
  if (ids.channels.length) {
    for (const c of await db.selectFrom('chat_channels').select(['id', 'name']).where('id', 'in', ids.channels).execute()) labels.set(c.id, c.name);
  }
  return labels;
}

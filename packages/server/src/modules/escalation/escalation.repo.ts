/** The only SQL on escalation_policies, plus read-only lookups of the names a policy shows. */
import { sql, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../db/client.js';
import { rememberedByIds } from '../../db/remembered.js';
import { compiledOnce } from '../../db/compiled.js';
import type { EscalationPoliciesTable } from '../../db/schema.js';
import { isUuid } from '../../lib/ids.js';

export type EscalationPolicyRow = Selectable<EscalationPoliciesTable>;

export async function getPolicyRow(db: Db, id: string): Promise<EscalationPolicyRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom('escalation_policies').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The policies with these ids that exist; in an alerts batch, as remembered until a policy changes (ADR 38). */
export async function selectPolicyRows(db: Db, ids: string[]): Promise<EscalationPolicyRow[]> {
  const wanted = [...new Set(ids.filter(isUuid))];
  if (wanted.length === 0) return [];
  return [...(await rememberedPolicyRows(db, wanted)).values()];
}

const policyRows = compiledOnce((db: Db, v: { ids: string[] }) =>
  db.selectFrom('escalation_policies').selectAll().where('id', 'in', v.ids),
);

const rememberedPolicyRows = rememberedByIds(
  ['escalation_policies'],
  async (db, ids) => new Map((await policyRows(db, { ids })).map((row) => [row.id, row])),
);

/** By id, or by name without regard to case. */
export async function findPolicyRow(db: Db, idOrName: string): Promise<EscalationPolicyRow | undefined> {
  if (isUuid(idOrName)) return getPolicyRow(db, idOrName);
  return db
    .selectFrom('escalation_policies')
    .selectAll()
    .where(sql`lower(name)`, '=', idOrName.toLowerCase())
    .executeTakeFirst();
}

export async function selectPolicies(db: Db): Promise<EscalationPolicyRow[]> {
  return db
    .selectFrom('escalation_policies')
    .selectAll()
    .orderBy(sql`lower(name)`)
    .execute();
}

export async function insertPolicyRow(
  db: Db,
  row: EscalationPolicyRow & { levels: string },
): Promise<EscalationPolicyRow> {
  return db.insertInto('escalation_policies').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updatePolicyRow(
  db: Db,
  id: string,
  patch: Updateable<EscalationPoliciesTable>,
): Promise<EscalationPolicyRow | undefined> {
  return db.updateTable('escalation_policies').set(patch).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function deletePolicyRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('escalation_policies').where('id', '=', id).execute();
}

/**
 * The services that page through a policy. Services depend on this module,
 * so it cannot ask them; it reads the referring rows only to name them when
 * refusing a delete (the foreign key would refuse it anyway).
 */
export async function selectServicesUsingPolicy(
  db: Db,
  policyId: string,
): Promise<Array<{ id: string; slug: string }>> {
  return db
    .selectFrom('services')
    .select(['id', 'slug'])
    .where('escalation_policy_id', '=', policyId)
    .orderBy('slug')
    .execute();
}

/** Display names for teams and channels named as targets, so a snapshot reads well even after renames (people's: the users module). */
export async function targetLabels(db: Db, ids: { teams: string[]; channels: string[] }): Promise<Map<string, string>> {
  const labels = new Map<string, string>();
  const teams = ids.teams.filter(isUuid);
  const channels = ids.channels.filter(isUuid);
  if (teams.length) {
    for (const t of await db.selectFrom('teams').select(['id', 'name']).where('id', 'in', teams).execute())
      labels.set(t.id, t.name);
  }
  if (channels.length) {
    for (const c of await db.selectFrom('chat_channels').select(['id', 'name']).where('id', 'in', channels).execute())
      labels.set(c.id, c.name);
  }
  return labels;
}

/** Names of the policies with a level that targets this user, team, schedule or channel. */
export async function selectPoliciesTargeting(db: Db, type: string, id: string): Promise<string[]> {
  const probe = JSON.stringify([{ targets: [{ type, id }] }]);
  const rows = await db
    .selectFrom('escalation_policies')
    .select('name')
    .where(sql<boolean>`levels @> ${probe}::jsonb`)
    .orderBy('name')
    .execute();
  return rows.map((r) => r.name);
}

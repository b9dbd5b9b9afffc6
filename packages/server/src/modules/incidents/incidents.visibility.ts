/**
 * Who may see a private incident (ADR 18): the one rule every read of an
 * incident, or of something about one, applies. A declared incident marked
 * private (incident_responses.private, the response module's) is seen only
 * by its members: whoever declared it, anyone who holds or held one of its
 * roles, whoever its paging is assigned to now (they were woken for it), its
 * stakeholders (reporters and followers), the members of the security team
 * (the setting security.teamId), and the organisation's owners and admins.
 * Everyone else is told it does not exist (404), so not even its existence
 * leaks. Public incidents are seen by every signed-in role, as before.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/client.js';
import { roleAtLeast, type Actor } from '../../lib/actor.js';
import { isUuid } from '../../lib/ids.js';

/** The setting naming the team whose members see every private incident. */
export const SECURITY_TEAM_SETTING = 'security.teamId';

/** True when the actor sees every incident, private ones included. */
function seesAll(actor: Actor): boolean {
  return actor.type === 'system' || roleAtLeast(actor.role, 'admin');
}

/**
 * A SQL condition, true when the incident whose id is in `incidentIdColumn`
 * (e.g. 'i.id', 'a.incident_id'; null counts as visible) may be seen by the
 * actor. Use it in every query that returns incidents or things about them.
 */
export function incidentVisibleTo(actor: Actor, incidentIdColumn: string): RawBuilder<boolean> {
  if (seesAll(actor)) return sql<boolean>`true`;
  const incident = sql.ref(incidentIdColumn);
  const userId = actor.type === 'user' ? actor.userId : null;
  return sql<boolean>`(
    ${incident} IS NULL
    OR NOT EXISTS (
      SELECT 1 FROM incident_responses pv
      WHERE pv.incident_id = ${incident} AND pv.private AND pv.declared_by IS DISTINCT FROM ${userId}
    )
    OR EXISTS (SELECT 1 FROM incident_role_holders pvh WHERE pvh.incident_id = ${incident} AND pvh.user_id = ${userId})
    OR EXISTS (
      SELECT 1 FROM incident_escalations pve WHERE pve.incident_id = ${incident} AND ${userId} = ANY (pve.assignee_ids)
    )
    OR EXISTS (SELECT 1 FROM incident_stakeholders pvs WHERE pvs.incident_id = ${incident} AND pvs.user_id = ${userId})
    OR EXISTS (
      SELECT 1 FROM team_memberships pvt JOIN settings pvset ON pvset.key = ${SECURITY_TEAM_SETTING}
      WHERE pvt.user_id = ${userId} AND pvt.team_id::text = pvset.value #>> '{}'
    )
  )`;
}

/** The ids among `incidentIds` the actor may not see: one query however many. */
export async function hiddenIncidents(db: Db, actor: Actor, incidentIds: readonly string[]): Promise<Set<string>> {
  const wanted = [...new Set(incidentIds)].filter(isUuid); // anything else names no incident
  if (seesAll(actor) || wanted.length === 0) return new Set();
  const rows = await db
    .selectFrom('incident_responses as r')
    .select('r.incident_id')
    .where('r.incident_id', 'in', wanted)
    .where('r.private', '=', true)
    .where(sql<boolean>`NOT ${incidentVisibleTo(actor, 'r.incident_id')}`)
    .execute();
  return new Set(rows.map((r) => r.incident_id));
}

/** The ids among `incidentIds` of private incidents, whoever asks: one query however many. */
export async function privateAmong(db: Db, incidentIds: readonly string[]): Promise<Set<string>> {
  const wanted = [...new Set(incidentIds)].filter(isUuid);
  if (wanted.length === 0) return new Set();
  const rows = await db
    .selectFrom('incident_responses')
    .select('incident_id')
    .where('incident_id', 'in', wanted)
    .where('private', '=', true)
    .execute();
  return new Set(rows.map((r) => r.incident_id));
}

/**
 * Whether the incident is private: for what no person reads through an
 * actor (outbound webhooks, chat channel notices), which send nothing of a
 * private incident.
 */
export async function isPrivateIncident(db: Db, incidentId: string): Promise<boolean> {
  const row = await db
    .selectFrom('incident_responses')
    .select('private')
    .where('incident_id', '=', incidentId)
    .executeTakeFirst();
  return row?.private ?? false;
}

/** Whether the actor may see the incident (false for a private one they are no member of). */
export async function canSeeIncident(db: Db, actor: Actor, incidentId: string): Promise<boolean> {
  return !(await hiddenIncidents(db, actor, [incidentId])).has(incidentId);
}

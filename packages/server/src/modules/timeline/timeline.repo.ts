/** The only SQL on incident_timeline. */
import { sql, type Insertable, type Selectable, type UpdateQueryBuilder } from 'kysely';
import { insertDeferrable, insertManyDeferrable } from '../../db/batch.js';
import type { Db } from '../../db/client.js';
import type { Database, IncidentTimelineTable } from '../../db/schema.js';

export type TimelineRow = Selectable<IncidentTimelineTable>;
export type NewTimelineRow = Insertable<IncidentTimelineTable>;

/** A statement whose returned rows decide whether an entry is written (an UPDATE ... RETURNING). */
// Any table, any returned columns: only whether it returned a row matters.
export type TimelineGate = UpdateQueryBuilder<Database, any, any, any>;

/** Deferred to the commit in a fail-fast batch (db/batch.ts), now anywhere else. */
export async function insertRowDeferrable(db: Db, row: NewTimelineRow): Promise<void> {
  await insertDeferrable(db, 'incident_timeline', row);
}

export async function insertRowsDeferrable(db: Db, rows: readonly NewTimelineRow[]): Promise<void> {
  await insertManyDeferrable(db, 'incident_timeline', rows);
}

export async function insertRowReturning(db: Db, row: NewTimelineRow): Promise<TimelineRow> {
  return db.insertInto('incident_timeline').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Runs `gate` and writes `row` in the same statement (one round trip), only if `gate` returned a row. */
export async function insertRowIfGated(db: Db, row: NewTimelineRow, gate: TimelineGate): Promise<void> {
  await db
    .with('gate', () => gate)
    .insertInto('incident_timeline')
    .columns(['incident_id', 'at', 'kind', 'actor_type', 'actor_id', 'actor_label', 'source', 'message', 'data'])
    .expression((eb) =>
      eb
        .selectFrom('gate')
        .select([
          eb.val(row.incident_id).as('incident_id'),
          eb.val(row.at).as('at'),
          eb.val(row.kind).as('kind'),
          eb.val(row.actor_type).as('actor_type'),
          eb.val(row.actor_id ?? null).as('actor_id'),
          eb.val(row.actor_label).as('actor_label'),
          eb.val(row.source).as('source'),
          eb.val(row.message).as('message'),
          eb.val(row.data ?? null).as('data'),
        ]),
    )
    .execute();
}

/** Oldest first (entries copied from a merged incident fall in their place by time). */
export async function selectRows(db: Db, incidentId: string): Promise<TimelineRow[]> {
  return db
    .selectFrom('incident_timeline')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/** Copies every entry of one incident to another, marking each with where it came from. */
export async function copyRows(db: Db, fromId: string, toId: string, fromNumber: number): Promise<void> {
  await sql`
    INSERT INTO incident_timeline (incident_id, at, kind, actor_type, actor_id, actor_label, source, message, data)
    SELECT ${toId}, at, kind, actor_type, actor_id, actor_label, source, ${`#${fromNumber}: `} || message,
           COALESCE(data, '{}'::jsonb) || jsonb_build_object('mergedFrom', ${fromId}::text)
    FROM incident_timeline WHERE incident_id = ${fromId} ORDER BY id`.execute(db);
}

/** The people paged for an incident so far: by escalation steps, reassignments, and roles engaged with a page. */
export async function selectPagedUserIds(db: Db, incidentId: string): Promise<string[]> {
  const { rows } = await sql<{ user_id: string }>`
    SELECT DISTINCT u.user_id FROM incident_timeline t
    CROSS JOIN LATERAL jsonb_array_elements_text(
      CASE WHEN t.kind IN ('escalated', 'reassigned') AND jsonb_typeof(t.data -> 'userIds') = 'array' THEN t.data -> 'userIds'
           WHEN t.kind = 'role_engaged' AND (t.data ->> 'paged')::boolean THEN jsonb_build_array(t.data -> 'userId')
           ELSE '[]'::jsonb END) AS u(user_id)
    WHERE t.incident_id = ${incidentId} AND t.kind IN ('escalated', 'reassigned', 'role_engaged')`.execute(db);
  return rows.map((r) => r.user_id);
}

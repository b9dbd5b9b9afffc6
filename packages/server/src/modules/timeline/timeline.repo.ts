/** The only SQL on incident_timeline. */
import { sql, type Insertable, type RawBuilder, type Selectable } from 'kysely';
import { insertDeferrable, insertManyDeferrable } from '../../db/batch.js';
import type { Db } from '../../db/client.js';
import type { Database, IncidentTimelineTable } from '../../db/schema.js';
import { NOTE_DELETED_BY } from './timeline.types.js';

export type TimelineRow = Selectable<IncidentTimelineTable>;
export type NewTimelineRow = Insertable<IncidentTimelineTable>;

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

/** A statement returning an `id` column (an UPDATE ... RETURNING): the rows it returns say which entries are written. */
export type TimelineBatchGate = RawBuilder<{ id: string }>;

/**
 * Runs `gate` and writes, in the same statement, each row whose `key` is
 * among the ids it returned, in the order given (one round trip for a batch).
 */
export async function insertRowsIfGated(
  db: Db,
  rows: ReadonlyArray<NewTimelineRow & { key: string }>,
  gate: TimelineBatchGate,
): Promise<void> {
  const column = <K extends keyof NewTimelineRow>(name: K) => rows.map((row) => row[name] ?? null);
  await sql`
    WITH gate AS (${gate})
    INSERT INTO incident_timeline (incident_id, at, kind, actor_type, actor_id, actor_label, source, message, data)
    SELECT e.incident_id, e.at, e.kind, e.actor_type, e.actor_id, e.actor_label, e.source, e.message, e.data
    FROM unnest(${rows.map((row) => row.key)}::text[], ${column('incident_id')}::uuid[], ${column('at')}::timestamptz[],
                ${column('kind')}::text[], ${column('actor_type')}::text[], ${column('actor_id')}::uuid[],
                ${column('actor_label')}::text[], ${column('source')}::text[], ${column('message')}::text[],
                ${column('data')}::jsonb[])
      WITH ORDINALITY AS e(key, incident_id, at, kind, actor_type, actor_id, actor_label, source, message, data, ord)
    WHERE e.key IN (SELECT id::text FROM gate)
    ORDER BY e.ord`.execute(db);
}

/** An entry with its star and its latest revision (a note's edit or deletion), if any. */
export type TimelineViewRow = TimelineRow & {
  starred_at: Date | null;
  star_actor_id: string | null;
  star_actor_label: string | null;
  rev_version: number | null;
  rev_at: Date | null;
  rev_actor_id: string | null;
  rev_actor_label: string | null;
  rev_message: string | null;
};

export interface RowFilters {
  entryId?: string;
  kinds?: readonly string[];
  sources?: readonly string[];
  starred?: boolean;
}

/** Oldest first (entries copied from a merged incident fall in their place by time). */
export async function selectRows(db: Db, incidentId: string, filters: RowFilters = {}): Promise<TimelineViewRow[]> {
  const { entryId, kinds, sources, starred } = filters;
  return db
    .selectFrom('incident_timeline as t')
    .leftJoin('incident_timeline_stars as s', 's.entry_id', 't.id')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('incident_timeline_revisions')
          .select(['version', 'at', 'actor_id', 'actor_label', 'message'])
          .whereRef('entry_id', '=', 't.id')
          .orderBy('version', 'desc')
          .limit(1)
          .as('r'),
      (join) => join.onTrue(),
    )
    .selectAll('t')
    .select([
      's.starred_at',
      's.actor_id as star_actor_id',
      's.actor_label as star_actor_label',
      'r.version as rev_version',
      'r.at as rev_at',
      'r.actor_id as rev_actor_id',
      'r.actor_label as rev_actor_label',
      'r.message as rev_message',
    ])
    .where('t.incident_id', '=', incidentId)
    .$if(entryId !== undefined, (q) => q.where('t.id', '=', entryId!))
    .$if(kinds !== undefined, (q) => q.where('t.kind', 'in', kinds!))
    .$if(sources !== undefined, (q) => q.where('t.source', 'in', sources!))
    .$if(starred !== undefined, (q) => q.where('s.entry_id', starred ? 'is not' : 'is', null))
    .orderBy('t.at')
    .orderBy('t.id')
    .execute();
}

/** The entry's text as first written (its row; later versions are revisions). */
export async function selectFirstMessage(db: Db, entryId: string): Promise<string> {
  const row = await db
    .selectFrom('incident_timeline')
    .select('message')
    .where('id', '=', entryId)
    .executeTakeFirstOrThrow();
  return row.message;
}

/** Copies every entry of one incident to another as it reads now (a note's last text, a tombstone), marking each with where it came from. */
export async function copyRows(db: Db, fromId: string, toId: string, fromNumber: number): Promise<void> {
  await sql`
    INSERT INTO incident_timeline (incident_id, at, kind, actor_type, actor_id, actor_label, source, message, data)
    SELECT ${toId}, t.at, t.kind, t.actor_type, t.actor_id, t.actor_label, t.source,
           ${`#${fromNumber}: `} || CASE WHEN r.entry_id IS NULL THEN t.message
                                         WHEN r.message IS NULL THEN ${NOTE_DELETED_BY} || r.actor_label
                                         ELSE r.message END,
           COALESCE(t.data, '{}'::jsonb) || jsonb_build_object('mergedFrom', ${fromId}::text)
    FROM incident_timeline t
    LEFT JOIN LATERAL (
      SELECT entry_id, message, actor_label FROM incident_timeline_revisions
      WHERE entry_id = t.id ORDER BY version DESC LIMIT 1) r ON true
    WHERE t.incident_id = ${fromId} ORDER BY t.id`.execute(db);
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

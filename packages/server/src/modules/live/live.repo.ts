/**
 * The change notes the triggers of migration 0015 write (incident_changes):
 * read from a cursor, and pruned. The live module is their only reader and
 * the only code that deletes them; no code inserts them.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/client.js';
import type { LivePart } from './live.types.js';

export interface ChangeRow {
  xid: string;
  incidentId: string;
  part: LivePart;
}

export interface ChangesRead {
  /** Where to ask from next time: the snapshot this was read with. */
  horizon: string;
  /** The notes committed since the cursor asked from, oldest first. */
  rows: ChangeRow[];
  /** More notes were there than asked for. */
  truncated: boolean;
  /** The highest xid pruned so far (null: nothing yet). */
  prunedThrough: string | null;
}

/**
 * The notes of transactions that committed after the snapshot `since` was
 * taken (those it did not see), and the snapshot of this read as the new
 * horizon, in one statement so both are one snapshot: asking from it next
 * time tells exactly what committed in between, in whatever order
 * transactions commit. `since` null reads no rows (a first look: where to
 * start from).
 */
export async function readChangesSince(db: Db, since: string | null, limit: number): Promise<ChangesRead> {
  const unseen =
    since === null
      ? sql`false`
      : sql`xid >= pg_snapshot_xmin(${since}::pg_snapshot)::text::bigint
          AND NOT pg_visible_in_snapshot(xid::text::xid8, ${since}::pg_snapshot)`;
  const result = await sql<{ horizon: string; pruned: string | null; rows: ChangeRow[] }>`
    SELECT pg_current_snapshot()::text AS horizon,
      (SELECT through::text FROM incident_changes_pruned) AS pruned,
      COALESCE((
        SELECT json_agg(json_build_object('xid', c.xid::text, 'incidentId', c.incident_id, 'part', c.part) ORDER BY c.xid)
        FROM (
          SELECT xid, incident_id, part FROM incident_changes
          WHERE ${unseen}
          ORDER BY xid LIMIT ${limit + 1}
        ) c
      ), '[]'::json) AS rows
  `.execute(db);
  const row = result.rows[0]!;
  const truncated = row.rows.length > limit;
  return {
    horizon: row.horizon,
    rows: truncated ? row.rows.slice(0, limit) : row.rows,
    truncated,
    prunedThrough: row.pruned,
  };
}

/** Deletes notes older than `keepSeconds`, remembering the highest xid deleted. */
export async function pruneChanges(db: Db, keepSeconds: number): Promise<void> {
  await sql`
    WITH gone AS (
      DELETE FROM incident_changes WHERE at < now() - make_interval(secs => ${keepSeconds}) RETURNING xid
    )
    INSERT INTO incident_changes_pruned (singleton, through)
    SELECT true, max(xid) FROM gone HAVING count(*) > 0
    ON CONFLICT (singleton) DO UPDATE SET through = GREATEST(incident_changes_pruned.through, EXCLUDED.through)
  `.execute(db);
}

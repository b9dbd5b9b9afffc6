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
  /** Where to ask from next time: the oldest transaction running when this was read. */
  horizon: string;
  /** The notes with xid >= the cursor asked from, oldest first. */
  rows: ChangeRow[];
  /** More notes were there than asked for. */
  truncated: boolean;
  /** The highest xid pruned so far (null: nothing yet). */
  prunedThrough: string | null;
}

/**
 * The notes written by transactions from `since` on, and the new horizon, in
 * one statement so both come from one snapshot: every transaction older than
 * the horizon had finished when the rows were read, so none of its notes is
 * missed by asking from the horizon next time. `since` null reads no rows
 * (a first look: where to start from).
 */
export async function readChangesSince(db: Db, since: string | null, limit: number): Promise<ChangesRead> {
  const result = await sql<{ horizon: string; pruned: string | null; rows: ChangeRow[] }>`
    SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon,
      (SELECT through::text FROM incident_changes_pruned) AS pruned,
      COALESCE((
        SELECT json_agg(json_build_object('xid', c.xid::text, 'incidentId', c.incident_id, 'part', c.part) ORDER BY c.xid)
        FROM (
          SELECT xid, incident_id, part FROM incident_changes
          WHERE ${since === null ? sql`false` : sql`xid >= ${since}::bigint`}
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

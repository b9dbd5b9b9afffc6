/**
 * Change notes turned into what a reader may be told: grouped per incident,
 * without the incidents the reader may not see (ADR 18), and a reader's
 * catch-up from its cursor.
 */
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { hiddenIncidents } from '../incidents/index.js';
import { readChangesSince, type ChangeRow } from './live.repo.js';
import { CURSOR_BEFORE_ALL, xminOf, type LiveBatch, type LiveChange, type LivePart } from './live.types.js';

/** How many notes one read takes at most; more means "reset" (load everything again). */
export const READ_LIMIT = 5_000;

/** One change per incident with every part touched, in the order the incidents first changed. */
export function groupChanges(rows: readonly ChangeRow[], incidentId?: string): LiveChange[] {
  const parts = new Map<string, Set<LivePart>>();
  for (const row of rows) {
    if (incidentId && row.incidentId !== incidentId) continue;
    const set = parts.get(row.incidentId) ?? new Set<LivePart>();
    set.add(row.part);
    parts.set(row.incidentId, set);
  }
  return [...parts].map(([id, set]) => ({ incidentId: id, parts: [...set].sort() }));
}

/** The changes without those of incidents the actor may not see. */
export async function visibleChanges(db: Db, actor: Actor, changes: LiveChange[]): Promise<LiveChange[]> {
  if (changes.length === 0) return changes;
  const hidden = await hiddenIncidents(
    db,
    actor,
    changes.map((c) => c.incidentId),
  );
  return hidden.size === 0 ? changes : changes.filter((c) => !hidden.has(c.incidentId));
}

/**
 * What changed since `from` (a cursor this stream gave, or "kept": every note
 * still kept) that the actor may see, optionally about one incident, and the
 * cursor to ask from next. `reset` says notes the reader never saw were
 * pruned or too many to list: it should load everything again.
 */
export async function changesSince(
  db: Db,
  actor: Actor,
  from: string | 'kept',
  incidentId?: string,
): Promise<LiveBatch> {
  const read = await readChangesSince(db, from === 'kept' ? CURSOR_BEFORE_ALL : from, READ_LIMIT);
  const pruned = from !== 'kept' && read.prunedThrough !== null && xminOf(from) <= BigInt(read.prunedThrough);
  const changes = await visibleChanges(db, actor, groupChanges(read.rows, incidentId));
  return { cursor: read.horizon, reset: read.truncated || pruned, changes };
}

/** Where a reader that wants only what happens from now on starts. */
export async function currentCursor(db: Db): Promise<string> {
  return (await readChangesSince(db, null, 0)).horizon;
}

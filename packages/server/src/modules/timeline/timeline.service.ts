/**
 * Writing and reading the incident timeline. Every module appends through
 * here; none writes incident_timeline itself.
 */
import type { Db } from '../../db/client.js';
import { toJson } from '../../db/client.js';
import type { TimelineEntry } from './timeline.schema.js';
import type { TimelineFilters } from './timeline.filters.js';
import { NOTE_DELETED_BY, type TimelineContext, type TimelineEntryInput, type TimelineKind } from './timeline.types.js';
import {
  insertRowDeferrable,
  insertRowsIfGated,
  insertRowReturning,
  insertRowsDeferrable,
  selectRows,
  selectPagedUserIds,
  copyRows,
  type NewTimelineRow,
  type TimelineBatchGate,
  type TimelineRow,
  type TimelineViewRow,
} from './timeline.repo.js';

/** One entry for appendTimelineEntries. */
export interface TimelineAppend {
  incidentId: string;
  entry: TimelineEntryInput;
}

const toRow = (by: TimelineContext, incidentId: string, entry: TimelineEntryInput): NewTimelineRow => ({
  incident_id: incidentId,
  at: by.clock.now(),
  kind: entry.kind,
  actor_type: by.actor.type,
  actor_id: by.actor.type === 'user' ? by.actor.userId : null,
  actor_label: by.actor.label,
  source: by.source,
  message: entry.message,
  data: entry.data === undefined ? null : toJson(entry.data),
});

const byWhom = (at: Date | null, id: string | null, label: string | null) =>
  at === null ? null : { at: at.toISOString(), by: { id, label: label ?? '' } };

/** The entry as it reads now: its star, and a note's last edit or its tombstone. */
export const toEntry = (row: TimelineRow & Partial<TimelineViewRow>): TimelineEntry => {
  const revised =
    row.rev_version != null ? byWhom(row.rev_at ?? null, row.rev_actor_id ?? null, row.rev_actor_label ?? null) : null;
  const isDeleted = revised !== null && row.rev_message == null;
  return {
    id: row.id,
    at: row.at.toISOString(),
    // Only this module writes the column, and only kinds it knows.
    kind: row.kind as TimelineKind,
    actor: { type: row.actor_type, id: row.actor_id, label: row.actor_label },
    source: row.source as TimelineEntry['source'],
    message: isDeleted ? `${NOTE_DELETED_BY}${revised.by.label}` : (row.rev_message ?? row.message),
    data: row.data ?? null,
    version: row.rev_version ?? 1,
    starred: byWhom(row.starred_at ?? null, row.star_actor_id ?? null, row.star_actor_label ?? null),
    edited: isDeleted ? null : revised,
    deleted: isDeleted ? revised : null,
  };
};

/**
 * Appends an entry. In a fail-fast batch (db/batch.ts) it is written with
 * the batch's other entries just before the commit, in order; anywhere else
 * at once.
 */
export async function appendTimelineEntry(
  db: Db,
  by: TimelineContext,
  incidentId: string,
  entry: TimelineEntryInput,
): Promise<void> {
  await insertRowDeferrable(db, toRow(by, incidentId, entry));
}

/** Appends several entries, in order: deferred as appendTimelineEntry's, or else in one multi-row INSERT. */
export async function appendTimelineEntries(
  db: Db,
  by: TimelineContext,
  entries: readonly TimelineAppend[],
): Promise<void> {
  await insertRowsDeferrable(
    db,
    entries.map(({ incidentId, entry }) => toRow(by, incidentId, entry)),
  );
}

/** Appends an entry now and returns it, for a caller that shows it. */
export async function addTimelineEntryNow(
  db: Db,
  by: TimelineContext,
  incidentId: string,
  entry: TimelineEntryInput,
): Promise<TimelineEntry> {
  return toEntry(await insertRowReturning(db, toRow(by, incidentId, entry)));
}

/**
 * Runs `gate` (an UPDATE ... RETURNING id) and, in the same statement, one
 * round trip, appends each entry whose `key` it returned: "mark them sent,
 * and say so on the timeline for those that were marked".
 */
export async function appendTimelineEntriesIf(
  db: Db,
  gate: TimelineBatchGate,
  by: TimelineContext,
  entries: ReadonlyArray<TimelineAppend & { key: string }>,
): Promise<void> {
  await insertRowsIfGated(
    db,
    entries.map(({ incidentId, entry, key }) => ({ ...toRow(by, incidentId, entry), key })),
    gate,
  );
}

/** The incident's entries, oldest first: the order people read a story in; only those the filters let through. */
export async function readTimeline(
  db: Db,
  incidentId: string,
  filters: TimelineFilters = {},
): Promise<TimelineEntry[]> {
  return (await selectRows(db, incidentId, filters)).map(toEntry);
}

/** One entry of the incident as it reads now, or undefined when the incident has no such entry. */
export async function findTimelineEntry(
  db: Db,
  incidentId: string,
  entryId: string,
): Promise<TimelineEntry | undefined> {
  const [row] = await selectRows(db, incidentId, { entryId });
  return row && toEntry(row);
}

/** Who has been paged for the incident so far (steps, reassignments, roles engaged with a page). */
export async function pagedUserIds(db: Db, incidentId: string): Promise<Set<string>> {
  return new Set(await selectPagedUserIds(db, incidentId));
}

/** A merged incident's story follows it: its entries are copied to the incident it joined, marked with their origin. */
export async function copyTimeline(db: Db, fromId: string, toId: string, fromNumber: number): Promise<void> {
  await copyRows(db, fromId, toId, fromNumber);
}

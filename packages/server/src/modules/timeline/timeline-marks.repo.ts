/** The only SQL on incident_timeline_stars and incident_timeline_revisions: what is said about an entry, beside it. */
import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/client.js';
import type { IncidentTimelineRevisionsTable, IncidentTimelineStarsTable } from '../../db/schema.js';

export type NewStarRow = Insertable<IncidentTimelineStarsTable>;
export type RevisionRow = Selectable<IncidentTimelineRevisionsTable>;
export type NewRevisionRow = Insertable<IncidentTimelineRevisionsTable>;

/** True when the entry was not starred before. */
export async function insertStar(db: Db, row: NewStarRow): Promise<boolean> {
  const inserted = await db
    .insertInto('incident_timeline_stars')
    .values(row)
    .onConflict((oc) => oc.column('entry_id').doNothing())
    .returning('entry_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** True when the entry was starred. */
export async function deleteStar(db: Db, entryId: string): Promise<boolean> {
  const deleted = await db
    .deleteFrom('incident_timeline_stars')
    .where('entry_id', '=', entryId)
    .returning('entry_id')
    .executeTakeFirst();
  return deleted !== undefined;
}

/** A revision's version is unique per entry: two made from the same version cannot both be written. */
export async function insertRevision(db: Db, row: NewRevisionRow): Promise<void> {
  await db.insertInto('incident_timeline_revisions').values(row).execute();
}

/** Oldest first. */
export async function selectRevisions(db: Db, entryId: string): Promise<RevisionRow[]> {
  return db
    .selectFrom('incident_timeline_revisions')
    .selectAll()
    .where('entry_id', '=', entryId)
    .orderBy('version')
    .execute();
}

/** The only SQL for the document's tables (migration 0010): revisions, objectives, actions and links. */
import type { Db } from '../../db/client.js';
import type { SectionKey } from './documents.schema.js';

export const selectCurrentRevisions = (db: Db, incidentId: string) =>
  db
    .selectFrom('incident_document_revisions')
    .distinctOn('section')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('section')
    .orderBy('version', 'desc')
    .execute();

export const selectRevisions = (db: Db, incidentId: string, section: SectionKey) =>
  db
    .selectFrom('incident_document_revisions')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .where('section', '=', section)
    .orderBy('version', 'desc')
    .execute();

/** Inserts a version unless another save took that number first: true when this one was written. */
export async function insertRevision(
  db: Db,
  row: {
    incident_id: string;
    section: SectionKey;
    version: number;
    body: string;
    saved_by: string | null;
    saved_by_label: string;
    saved_at: Date;
  },
): Promise<boolean> {
  const result = await db
    .insertInto('incident_document_revisions')
    .values(row)
    .onConflict((oc) => oc.columns(['incident_id', 'section', 'version']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export const selectObjectives = (db: Db, incidentId: string) =>
  db
    .selectFrom('incident_resolution_objectives')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('seq')
    .execute();

export async function insertObjective(
  db: Db,
  row: { id: string; incident_id: string; text: string; created_by_label: string; created_at: Date },
): Promise<void> {
  await db.insertInto('incident_resolution_objectives').values(row).execute();
}

export async function updateObjective(
  db: Db,
  incidentId: string,
  id: string,
  change: { text?: string; met_at?: Date | null; met_by_label?: string | null },
): Promise<boolean> {
  const result = await db
    .updateTable('incident_resolution_objectives')
    .set(change)
    .where('incident_id', '=', incidentId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteObjective(db: Db, incidentId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('incident_resolution_objectives')
    .where('incident_id', '=', incidentId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export const selectActions = (db: Db, incidentId: string) =>
  db.selectFrom('incident_followup_actions').selectAll().where('incident_id', '=', incidentId).orderBy('seq').execute();

export async function insertAction(
  db: Db,
  row: {
    id: string;
    incident_id: string;
    text: string;
    owner_id: string | null;
    due_date: string | null;
    created_by_label: string;
    created_at: Date;
  },
): Promise<void> {
  await db.insertInto('incident_followup_actions').values(row).execute();
}

export async function updateAction(
  db: Db,
  incidentId: string,
  id: string,
  change: { text?: string; owner_id?: string | null; due_date?: string | null },
): Promise<boolean> {
  const result = await db
    .updateTable('incident_followup_actions')
    .set(change)
    .where('incident_id', '=', incidentId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteAction(db: Db, incidentId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('incident_followup_actions')
    .where('incident_id', '=', incidentId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export const selectLinks = (db: Db, incidentId: string) =>
  db.selectFrom('incident_document_links').selectAll().where('incident_id', '=', incidentId).orderBy('seq').execute();

export async function insertLink(
  db: Db,
  row: { id: string; incident_id: string; label: string; url: string; created_by_label: string; created_at: Date },
): Promise<void> {
  await db.insertInto('incident_document_links').values(row).execute();
}

export async function deleteLink(db: Db, incidentId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('incident_document_links')
    .where('incident_id', '=', incidentId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

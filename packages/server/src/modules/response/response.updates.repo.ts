/** The only SQL for status updates, their templates and the cadence's due times (migration 0013). */
import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/client.js';
import { wakeEngines } from '../../db/outbox.js';
import type { IncidentUpdatesTable, UpdateTemplatesTable } from '../../db/schema.js';

export type UpdateRow = Selectable<IncidentUpdatesTable>;
export type TemplateRow = Selectable<UpdateTemplatesTable>;

export async function insertUpdate(db: Db, row: Insertable<IncidentUpdatesTable>): Promise<void> {
  await db.insertInto('incident_updates').values(row).execute();
}

/** Newest first. */
export const selectUpdates = (db: Db, incidentId: string): Promise<UpdateRow[]> =>
  db
    .selectFrom('incident_updates')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('posted_at', 'desc')
    .orderBy('id', 'desc')
    .execute();

export const selectTemplates = (db: Db): Promise<TemplateRow[]> =>
  db.selectFrom('update_templates').selectAll().orderBy('stage').execute();

export const findTemplate = (db: Db, stage: string): Promise<TemplateRow | undefined> =>
  db
    .selectFrom('update_templates')
    .selectAll()
    .where('stage', '=', stage as TemplateRow['stage'])
    .executeTakeFirst();

export async function updateTemplateRow(db: Db, stage: TemplateRow['stage'], body: string, now: Date): Promise<void> {
  await db.updateTable('update_templates').set({ body, updated_at: now }).where('stage', '=', stage).execute();
}

/** Sets when the next update reminder falls due, waking the engines when one is pending. */
export async function setNextUpdateReminderAt(db: Db, incidentId: string, at: Date | null): Promise<void> {
  await db
    .updateTable('incident_responses')
    .set({ next_update_reminder_at: at })
    .where('incident_id', '=', incidentId)
    .execute();
  if (at) await wakeEngines(db, 'response');
}

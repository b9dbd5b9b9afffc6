/** The SQL of page templates (status_page_templates). */
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/client.js';
import type { StatusPageTemplatesTable } from '../../db/schema.js';
import { isUuid } from '../../lib/ids.js';

export type TemplateRow = Selectable<StatusPageTemplatesTable>;

export async function selectTemplates(db: Db, pageId: string): Promise<TemplateRow[]> {
  return db.selectFrom('status_page_templates').selectAll().where('page_id', '=', pageId).orderBy('name').execute();
}

/** By id or (case-insensitive) name. */
export async function findTemplate(db: Db, pageId: string, idOrName: string): Promise<TemplateRow | undefined> {
  const query = db.selectFrom('status_page_templates').selectAll().where('page_id', '=', pageId);
  return (
    isUuid(idOrName)
      ? query.where('id', '=', idOrName)
      : query.where((eb) => eb(eb.fn('lower', ['name']), '=', idOrName.toLowerCase()))
  ).executeTakeFirst();
}

export async function insertTemplate(db: Db, row: Insertable<StatusPageTemplatesTable>): Promise<TemplateRow> {
  return db.insertInto('status_page_templates').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateTemplateRow(
  db: Db,
  id: string,
  patch: Updateable<StatusPageTemplatesTable>,
): Promise<TemplateRow> {
  return db
    .updateTable('status_page_templates')
    .set(patch)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteTemplateRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('status_page_templates').where('id', '=', id).execute();
}

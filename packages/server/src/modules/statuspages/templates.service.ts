/**
 * Page templates: canned titles and messages per status page, managed by
 * admins (and in config as code), picked by a responder when publishing a
 * page incident, an update or a maintenance (`template`: id or name). The
 * template fills the title and message the caller left out.
 */
import { inTransaction, type Db } from '../../db/client.js';
import { AppError, conflict, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { requireRole } from '../access/index.js';
import type { Ctx } from '../context.js';
import { requirePage } from './pages.service.js';
import { parseStatusPageInput } from './statuspages.schema.js';
import {
  CreateTemplateSchema,
  UpdateTemplateSchema,
  type CreateTemplateInput,
  type PageTemplate,
  type UpdateTemplateInput,
} from './templates.schema.js';
import {
  deleteTemplateRow,
  findTemplate,
  insertTemplate,
  selectTemplates,
  updateTemplateRow,
  type TemplateRow,
} from './templates.repo.js';

const toTemplate = (row: TemplateRow): PageTemplate => ({
  id: row.id,
  pageId: row.page_id,
  name: row.name,
  title: row.title,
  body: row.body,
  updatedAt: row.updated_at.toISOString(),
});

async function requireTemplate(db: Db, pageId: string, idOrName: string): Promise<TemplateRow> {
  const row = await findTemplate(db, pageId, idOrName);
  if (!row) throw notFound('Page template', idOrName);
  return row;
}

async function requireNameFree(db: Db, pageId: string, name: string, exceptId?: string): Promise<void> {
  const existing = await findTemplate(db, pageId, name);
  if (existing && existing.id !== exceptId) throw conflict(`This page already has a template named "${name}"`);
}

/**
 * The title and body to publish: the caller's, else the template's. A
 * template that is named but missing is a 400 that says which exist.
 */
export async function fillFromTemplate(
  db: Db,
  pageId: string,
  input: { template?: string; title?: string; body?: string },
  needsTitle: boolean,
): Promise<{ title: string; body: string }> {
  let template: TemplateRow | undefined;
  if (input.template) {
    template = await findTemplate(db, pageId, input.template);
    if (!template) {
      const known = (await selectTemplates(db, pageId)).map((t) => `"${t.name}"`);
      throw new AppError(
        'validation_failed',
        `Invalid template: this page has no template "${input.template}"${known.length ? `; it has ${known.join(', ')}` : ''}`,
      );
    }
  }
  const title = input.title ?? (template?.title || undefined);
  const body = input.body ?? template?.body;
  if (needsTitle && !title)
    throw new AppError('validation_failed', 'Invalid input: title: give a title or a template with one');
  if (!body) throw new AppError('validation_failed', 'Invalid input: body: give a message or a template');
  return { title: title ?? '', body };
}

export async function listTemplates(ctx: Ctx, pageIdOrSlug: string): Promise<PageTemplate[]> {
  requireRole(ctx.actor, 'viewer', 'read status pages');
  const page = await requirePage(ctx.db, pageIdOrSlug);
  return (await selectTemplates(ctx.db, page.id)).map(toTemplate);
}

export async function createTemplate(
  ctx: Ctx,
  pageIdOrSlug: string,
  input: CreateTemplateInput,
): Promise<PageTemplate> {
  requireRole(ctx.actor, 'admin', 'manage page templates');
  const data = parseStatusPageInput(CreateTemplateSchema, input, 'template');
  return inTransaction(ctx.db, async (tx) => {
    const page = await requirePage(tx, pageIdOrSlug, true);
    await requireNameFree(tx, page.id, data.name);
    const now = ctx.clock.now();
    return toTemplate(
      await insertTemplate(tx, {
        id: newId(now),
        page_id: page.id,
        name: data.name,
        title: data.title ?? '',
        body: data.body,
        created_at: now,
        updated_at: now,
      }),
    );
  });
}

export async function updateTemplate(
  ctx: Ctx,
  pageIdOrSlug: string,
  idOrName: string,
  input: UpdateTemplateInput,
): Promise<PageTemplate> {
  requireRole(ctx.actor, 'admin', 'manage page templates');
  const data = parseStatusPageInput(UpdateTemplateSchema, input, 'template');
  return inTransaction(ctx.db, async (tx) => {
    const page = await requirePage(tx, pageIdOrSlug, true);
    const before = await requireTemplate(tx, page.id, idOrName);
    if (data.name !== undefined) await requireNameFree(tx, page.id, data.name, before.id);
    return toTemplate(
      await updateTemplateRow(tx, before.id, {
        name: data.name,
        title: data.title,
        body: data.body,
        updated_at: ctx.clock.now(),
      }),
    );
  });
}

export async function deleteTemplate(ctx: Ctx, pageIdOrSlug: string, idOrName: string): Promise<void> {
  requireRole(ctx.actor, 'admin', 'manage page templates');
  await inTransaction(ctx.db, async (tx) => {
    const page = await requirePage(tx, pageIdOrSlug, true);
    await deleteTemplateRow(tx, (await requireTemplate(tx, page.id, idOrName)).id);
  });
}

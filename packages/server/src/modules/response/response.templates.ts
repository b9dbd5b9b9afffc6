/**
 * The organisation's canned status update text per stage (seed 003's canned
 * responses): listed by anyone signed in, edited by admins (audited), and
 * filled for a draft with the incident's {{title}}, {{severity}} and
 * {{service}}.
 */
import { inTransaction, type Db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { requireRole } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { withDb, type Ctx } from '../context.js';
import {
  EditUpdateTemplateSchema,
  TemplateStageSchema,
  type EditUpdateTemplateInput,
  type UpdateTemplate,
} from './response.updates.schema.js';
import { findTemplate, selectTemplates, updateTemplateRow, type TemplateRow } from './response.updates.repo.js';

export type TemplateValues = Record<'title' | 'severity' | 'service', string>;

/** Replaces each {{name}} it knows (spaces inside the braces allowed); unknown ones are left as written. */
export const fillTemplate = (body: string, values: TemplateValues): string =>
  body.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? values[name as keyof TemplateValues] : whole,
  );

const toTemplate = (row: TemplateRow): UpdateTemplate => ({
  stage: row.stage,
  body: row.body,
  updatedAt: row.updated_at.toISOString(),
});

export async function requireTemplate(db: Db, stage: string): Promise<TemplateRow> {
  const parsed = TemplateStageSchema.safeParse(stage);
  const row = parsed.success ? await findTemplate(db, parsed.data) : undefined;
  if (!row)
    throw new AppError(
      'not_found',
      `No update template for stage "${stage}": use investigating, identified, monitoring or resolved.`,
    );
  return row;
}

export async function listUpdateTemplates(ctx: Ctx): Promise<UpdateTemplate[]> {
  const order = TemplateStageSchema.options;
  return (await selectTemplates(ctx.db))
    .map(toTemplate)
    .sort((a, b) => order.indexOf(a.stage) - order.indexOf(b.stage));
}

export async function editUpdateTemplate(
  ctx: Ctx,
  stage: string,
  input: EditUpdateTemplateInput,
): Promise<UpdateTemplate> {
  requireRole(ctx.actor, 'admin', 'change update templates');
  const data = EditUpdateTemplateSchema.parse(input);
  return inTransaction(ctx.db, async (tx) => {
    const before = toTemplate(await requireTemplate(tx, stage));
    await updateTemplateRow(tx, before.stage, data.body, ctx.clock.now());
    const after = toTemplate(await requireTemplate(tx, stage));
    await recordAudit(withDb(ctx, tx), {
      action: 'update_template.updated',
      entityType: 'update_template',
      entityId: before.stage,
      before,
      after,
    });
    return after;
  });
}

/**
 * The organisation's response definitions: severities (S1..S4 with their
 * settings; edited, never added or removed), categories (built-in ones, and
 * custom ones that may be renamed) and roles (the built-in EOC, IMOC, CMOC,
 * engineer and scribe, and custom ones). Everyone reads them; admins change
 * them.
 */
import { inTransaction, toJson, type Db } from '../../db/client.js';
import { AppError, conflict, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { requireRole } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { withDb, type Ctx } from '../context.js';
import { requireSchedule } from '../schedules/index.js';
import {
  categoryInUse,
  deleteCategory,
  deleteRoleRow,
  findCategory,
  findRoleBySlug,
  insertCategory,
  insertRole,
  roleEverHeld,
  selectCategories,
  selectRoles,
  selectSeverities,
  updateCategoryRow,
  updateRoleRow,
  updateSeverityRow,
  type RoleRow,
  type SeverityRow,
} from './response.repo.js';
import {
  CreateCategorySchema,
  CreateRoleSchema,
  UpdateCategorySchema,
  UpdateRoleSchema,
  UpdateSeveritySchema,
  type Category,
  type CreateRoleInput,
  type DeclareSteps,
  type ResponseRole,
  type Severity,
  type UpdateCategoryInput,
  type UpdateRoleInput,
  type UpdateSeverityInput,
} from './response.schema.js';
import { rearmReviewsOfSeverity } from './response.review.repo.js';
import { requireSeverity } from './response.state.js';

export const toSeverity = (row: SeverityRow): Severity => ({
  key: row.key,
  name: row.name,
  description: row.description,
  engagesImoc: row.engages_imoc,
  investigatingMinutes: row.investigating_minutes,
  unacknowledgedMinutes: row.unacknowledged_minutes,
  troubleshootMinutes: row.troubleshoot_minutes,
  updateMinutes: row.update_minutes,
  detailedStatusReviewMinutes: row.detailed_status_review_minutes,
  defaultSteps: (row.default_steps ?? {}) as DeclareSteps,
  updatedAt: row.updated_at.toISOString(),
});

export async function listSeverities(ctx: Ctx): Promise<Severity[]> {
  return (await selectSeverities(ctx.db)).map(toSeverity);
}

export async function updateSeverity(ctx: Ctx, key: string, input: UpdateSeverityInput): Promise<Severity> {
  requireRole(ctx.actor, 'admin', 'change severity definitions');
  const data = UpdateSeveritySchema.parse(input);
  return inTransaction(ctx.db, async (tx) => {
    const before = toSeverity(await requireSeverity(tx, key));
    await updateSeverityRow(tx, before.key, {
      ...(data.name !== undefined && { name: data.name }),
      ...(data.description !== undefined && { description: data.description }),
      ...(data.engagesImoc !== undefined && { engages_imoc: data.engagesImoc }),
      ...(data.investigatingMinutes !== undefined && { investigating_minutes: data.investigatingMinutes }),
      ...(data.unacknowledgedMinutes !== undefined && { unacknowledged_minutes: data.unacknowledgedMinutes }),
      ...(data.troubleshootMinutes !== undefined && { troubleshoot_minutes: data.troubleshootMinutes }),
      ...(data.updateMinutes !== undefined && { update_minutes: data.updateMinutes }),
      ...(data.detailedStatusReviewMinutes !== undefined && {
        detailed_status_review_minutes: data.detailedStatusReviewMinutes,
      }),
      ...(data.defaultSteps !== undefined && { default_steps: toJson(data.defaultSteps) }),
      updated_at: ctx.clock.now(),
    });
    const after = toSeverity(await requireSeverity(tx, key));
    // Running incidents of this severity follow the new interval from now on.
    if (after.detailedStatusReviewMinutes !== before.detailedStatusReviewMinutes)
      await rearmReviewsOfSeverity(tx, after.key, ctx.clock.now());
    await recordAudit(withDb(ctx, tx), {
      action: 'severity.updated',
      entityType: 'severity',
      entityId: key,
      before,
      after,
    });
    return after;
  });
}

export async function listCategories(ctx: Ctx): Promise<Category[]> {
  return (await selectCategories(ctx.db)).map((c) => ({
    slug: c.slug,
    name: c.name,
    description: c.description,
    builtin: c.builtin,
  }));
}

export async function createCategory(
  ctx: Ctx,
  input: { slug: string; name: string; description?: string },
): Promise<Category> {
  requireRole(ctx.actor, 'admin', 'add incident categories');
  const data = CreateCategorySchema.parse(input);
  return inTransaction(ctx.db, async (tx) => {
    if (await findCategory(tx, data.slug)) throw conflict(`A category called "${data.slug}" exists already.`);
    await insertCategory(tx, { ...data, created_at: ctx.clock.now() });
    const category = { ...data, builtin: false };
    await recordAudit(withDb(ctx, tx), {
      action: 'category.created',
      entityType: 'category',
      entityId: data.slug,
      after: category,
    });
    return category;
  });
}

export async function updateCategory(ctx: Ctx, slug: string, input: UpdateCategoryInput): Promise<Category> {
  requireRole(ctx.actor, 'admin', 'change incident categories');
  const data = UpdateCategorySchema.parse(input);
  return inTransaction(ctx.db, async (tx) => {
    const row = await findCategory(tx, slug);
    if (!row) throw notFound('Category', slug);
    if (row.builtin) throw new AppError('bad_request', `"${slug}" is built in and stays as it is.`);
    const before = { slug, name: row.name, description: row.description, builtin: false };
    const after = { ...before, ...data };
    await updateCategoryRow(tx, slug, data);
    await recordAudit(withDb(ctx, tx), {
      action: 'category.updated',
      entityType: 'category',
      entityId: slug,
      before,
      after,
    });
    return after;
  });
}

export async function removeCategory(ctx: Ctx, slug: string): Promise<void> {
  requireRole(ctx.actor, 'admin', 'remove incident categories');
  await inTransaction(ctx.db, async (tx) => {
    const category = await findCategory(tx, slug);
    if (!category) throw notFound('Category', slug);
    if (category.builtin) throw new AppError('bad_request', `"${slug}" is built in and stays.`);
    if (await categoryInUse(tx, slug))
      throw conflict(`Incidents use the category "${slug}": recategorise them before removing it.`);
    await deleteCategory(tx, slug);
    await recordAudit(withDb(ctx, tx), {
      action: 'category.removed',
      entityType: 'category',
      entityId: slug,
      before: category,
    });
  });
}

async function scheduleNames(db: Db, rows: RoleRow[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const id of new Set(rows.map((r) => r.schedule_id).filter((id): id is string => id !== null)))
    names.set(id, (await requireSchedule(db, id)).name);
  return names;
}

const toRole = (row: RoleRow, schedules: Map<string, string>): ResponseRole => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  alias: row.alias,
  description: row.description,
  rank: row.rank,
  schedule: row.schedule_id ? { id: row.schedule_id, name: schedules.get(row.schedule_id) ?? '' } : null,
  builtin: row.builtin,
});

export async function listRoles(ctx: Ctx): Promise<ResponseRole[]> {
  const rows = await selectRoles(ctx.db);
  const names = await scheduleNames(ctx.db, rows);
  return rows.map((r) => toRole(r, names));
}

async function roleView(db: Db, slug: string): Promise<ResponseRole> {
  const row = await findRoleBySlug(db, slug);
  if (!row) throw notFound('Role', slug);
  return toRole(row, await scheduleNames(db, [row]));
}

async function scheduleIdOf(db: Db, idOrName: string | null | undefined): Promise<string | null | undefined> {
  if (idOrName === undefined || idOrName === null) return idOrName;
  return (await requireSchedule(db, idOrName)).id;
}

async function requireRankFree(db: Db, rank: number | null | undefined, exceptId?: string): Promise<void> {
  if (rank === null || rank === undefined) return;
  const taken = (await selectRoles(db)).find((r) => r.rank === rank && r.id !== exceptId);
  if (taken) throw conflict(`Rank ${rank} belongs to ${taken.name}: owning roles each have their own rank.`);
}

export async function createRole(ctx: Ctx, input: CreateRoleInput): Promise<ResponseRole> {
  requireRole(ctx.actor, 'admin', 'add incident roles');
  const data = CreateRoleSchema.parse(input);
  return inTransaction(ctx.db, async (tx) => {
    if (await findRoleBySlug(tx, data.slug)) throw conflict(`A role called "${data.slug}" exists already.`);
    await requireRankFree(tx, data.rank);
    const now = ctx.clock.now();
    await insertRole(tx, {
      id: newId(now),
      slug: data.slug,
      name: data.name,
      alias: data.alias,
      description: data.description,
      rank: data.rank,
      schedule_id: (await scheduleIdOf(tx, data.scheduleId)) ?? null,
      created_at: now,
      updated_at: now,
    });
    const role = await roleView(tx, data.slug);
    await recordAudit(withDb(ctx, tx), { action: 'role.created', entityType: 'role', entityId: role.id, after: role });
    return role;
  });
}

export async function updateRole(ctx: Ctx, slug: string, input: UpdateRoleInput): Promise<ResponseRole> {
  requireRole(ctx.actor, 'admin', 'change incident roles');
  const data = UpdateRoleSchema.parse(input);
  return inTransaction(ctx.db, async (tx) => {
    const before = await roleView(tx, slug);
    if (before.builtin && data.rank !== undefined && data.rank !== before.rank)
      throw new AppError('bad_request', `${before.name} is built in: its rank stays ${before.rank ?? 'none'}.`);
    await requireRankFree(tx, data.rank, before.id);
    const scheduleId = await scheduleIdOf(tx, data.scheduleId);
    await updateRoleRow(tx, before.id, {
      ...(data.name !== undefined && { name: data.name }),
      ...(data.alias !== undefined && { alias: data.alias }),
      ...(data.description !== undefined && { description: data.description }),
      ...(data.rank !== undefined && { rank: data.rank }),
      ...(scheduleId !== undefined && { schedule_id: scheduleId }),
      updated_at: ctx.clock.now(),
    });
    const after = await roleView(tx, slug);
    await recordAudit(withDb(ctx, tx), {
      action: 'role.updated',
      entityType: 'role',
      entityId: after.id,
      before,
      after,
    });
    return after;
  });
}

export async function deleteRole(ctx: Ctx, slug: string): Promise<void> {
  requireRole(ctx.actor, 'admin', 'remove incident roles');
  await inTransaction(ctx.db, async (tx) => {
    const role = await roleView(tx, slug);
    if (role.builtin) throw new AppError('bad_request', `${role.name} is built in and stays: rename it instead.`);
    if (await roleEverHeld(tx, role.id))
      throw conflict(`Someone has held ${role.name} in an incident: it stays, so their history does.`);
    await deleteRoleRow(tx, role.id);
    await recordAudit(withDb(ctx, tx), { action: 'role.removed', entityType: 'role', entityId: role.id, before: role });
  });
}

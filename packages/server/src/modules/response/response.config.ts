/**
 * Incident response in config as code (ADR 17), three kinds:
 *
 * - `severities: [{ key: S1, name?, description?, engagesImoc?,
 *   investigatingMinutes?, unacknowledgedMinutes?, troubleshootMinutes?, updateMinutes?,
 *   detailedStatusReviewMinutes?, defaultSteps? }]`: the four fixed severities are only ever updated; a
 *   field left out stays as it is, and so does a severity left out.
 * - `incidentCategories: [{ slug, name, description? }]`: the categories the
 *   organisation adds (the built-in ones are not listed). With prune, those
 *   the file leaves out are removed, unless incidents use them (kept, with a
 *   warning).
 * - `incidentRoles: [{ slug, name, alias?, description?, rank?, schedule? }]`:
 *   built-in roles may be changed (not their rank) but are never removed;
 *   custom ones are created and, with prune, removed unless someone held
 *   them (kept, with a warning). `schedule` is a schedule's name.
 */
import { z } from 'zod';
import {
  byText,
  configObject,
  formatPath,
  invalidDocument,
  keysAfterApply,
  nameKey,
  type ConfigResource,
  type DocumentIssue,
  type PlanEnv,
  type PlannedChange,
} from '../config-kit/index.js';
import { schedulesConfig } from '../schedules/index.js';
import { changedFields, describeChanges, removal } from './response.config-diff.js';
import {
  createCategory,
  createRole,
  deleteRole,
  listCategories,
  listRoles,
  listSeverities,
  removeCategory,
  updateCategory,
  updateRole,
  updateSeverity,
} from './response.definitions.js';
import { categoryInUse, roleEverHeld } from './response.repo.js';
import {
  CreateCategorySchema,
  CreateRoleSchema,
  SeverityKeySchema,
  UpdateSeveritySchema,
  type Category,
  type ResponseRole,
  type Severity,
} from './response.schema.js';

// Severities.

export const ConfigSeveritySchema = configObject({ key: SeverityKeySchema, ...UpdateSeveritySchema.shape });
export type ConfigSeverity = z.infer<typeof ConfigSeveritySchema>;

export interface SeveritiesState {
  byKey: Map<string, Severity>;
}

const severitySettings = ({ key, updatedAt, ...settings }: Severity) => settings;

export const severitiesConfig: ConfigResource<ConfigSeverity, SeveritiesState, 'severities'> = {
  key: 'severities',
  itemSchema: ConfigSeveritySchema,

  identify: (item) => ({ field: 'key', value: item.key }),

  async load(ctx) {
    return { byKey: new Map((await listSeverities(ctx)).map((s) => [s.key, s])) };
  },

  plan(env) {
    const { byKey } = env.current(severitiesConfig);
    const changes: PlannedChange[] = [];
    for (const { key, ...desired } of [...(env.desired(severitiesConfig) ?? [])].sort(byText((s) => s.key))) {
      const current = severitySettings(byKey.get(key)!);
      const patch = changedFields(current, desired);
      if (Object.keys(patch).length === 0) continue;
      changes.push({
        kind: 'severity',
        action: 'update',
        key,
        line: `~ severity ${key} "${current.name}": ${describeChanges(current, patch)}`,
        run: async (ctx) => {
          await updateSeverity(ctx, key, patch);
        },
      });
    }
    return changes;
  },

  export(view) {
    return [...view.current(severitiesConfig).byKey.values()]
      .sort(byText((s) => s.key))
      .map((s) => ({ key: s.key, ...severitySettings(s) }));
  },
};

// Categories.

export const ConfigCategorySchema = configObject({
  slug: CreateCategorySchema.shape.slug,
  name: CreateCategorySchema.shape.name,
  description: z.string().max(2000).optional().describe('left as it is when omitted'),
});
export type ConfigCategory = z.infer<typeof ConfigCategorySchema>;

export interface CategoriesState {
  /** The custom categories by slug. */
  bySlug: Map<string, Category>;
  builtin: Set<string>;
  /** Custom categories some incident uses: pruning keeps them. */
  inUse: Set<string>;
}

export const incidentCategoriesConfig: ConfigResource<ConfigCategory, CategoriesState, 'incidentCategories'> = {
  key: 'incidentCategories',
  itemSchema: ConfigCategorySchema,

  identify: (item) => ({ field: 'slug', value: item.slug }),

  async load(ctx) {
    const all = await listCategories(ctx);
    const custom = all.filter((c) => !c.builtin);
    const inUse = new Set<string>();
    for (const c of custom) if (await categoryInUse(ctx.db, c.slug)) inUse.add(c.slug);
    return {
      bySlug: new Map(custom.map((c) => [c.slug, c])),
      builtin: new Set(all.filter((c) => c.builtin).map((c) => c.slug)),
      inUse,
    };
  },

  plan(env) {
    const desired = env.desired(incidentCategoriesConfig);
    if (!desired) return [];
    const { bySlug, builtin, inUse } = env.current(incidentCategoriesConfig);
    const issues = desired.flatMap((c, i) =>
      builtin.has(c.slug)
        ? [
            {
              path: formatPath(['incidentCategories', i, 'slug']),
              message: `"${c.slug}" is built in: list only the categories you add`,
            },
          ]
        : [],
    );
    if (issues.length > 0) throw invalidDocument(issues);
    const changes: PlannedChange[] = [];
    for (const item of [...desired].sort(byText((c) => c.slug))) {
      const existing = bySlug.get(item.slug);
      if (!existing) {
        changes.push({
          kind: 'incident_category',
          action: 'create',
          key: item.slug,
          line: `+ incident category ${item.slug} "${item.name}"`,
          run: async (ctx) => {
            await createCategory(ctx, item);
          },
        });
        continue;
      }
      const patch = changedFields(existing, { name: item.name, description: item.description });
      if (Object.keys(patch).length === 0) continue;
      changes.push({
        kind: 'incident_category',
        action: 'update',
        key: item.slug,
        line: `~ incident category ${item.slug}: ${describeChanges(existing, patch)}`,
        run: async (ctx) => {
          await updateCategory(ctx, item.slug, patch);
        },
      });
    }
    if (!env.prune) return changes;
    const kept = new Set(desired.map((c) => c.slug));
    for (const slug of [...bySlug.keys()].sort()) {
      if (kept.has(slug)) continue;
      const keep = inUse.has(slug) ? 'incidents use it' : undefined;
      const what = { kind: 'incident_category', label: `incident category ${slug}`, key: slug, keep };
      changes.push(...removal(env, what, (ctx) => removeCategory(ctx, slug)));
    }
    return changes;
  },

  export(view) {
    return [...view.current(incidentCategoriesConfig).bySlug.values()]
      .sort(byText((c) => c.slug))
      .map((c) => ({ slug: c.slug, name: c.name, ...(c.description !== '' && { description: c.description }) }));
  },
};

// Roles.

export const ConfigRoleSchema = configObject({
  slug: CreateRoleSchema.shape.slug,
  name: CreateRoleSchema.shape.name,
  alias: z.string().max(100).optional().describe('left as it is when omitted'),
  description: z.string().max(2000).optional().describe('left as it is when omitted'),
  rank: z
    .number()
    .int()
    .min(1)
    .max(20)
    .nullable()
    .optional()
    .describe('owning roles: 1 is engaged first; null = not owning; left as it is when omitted'),
  schedule: z
    .string()
    .min(1)
    .max(200)
    .nullable()
    .optional()
    .describe('the schedule whose on-call person holds it (by name); null = none; left as it is when omitted'),
});
export type ConfigRole = z.infer<typeof ConfigRoleSchema>;

export interface RolesState {
  bySlug: Map<string, ResponseRole>;
  /** Custom roles someone has held in an incident: pruning keeps them. */
  held: Set<string>;
}

/** A role in the file's words. */
const roleFields = (role: ResponseRole) => ({
  name: role.name,
  alias: role.alias,
  description: role.description,
  rank: role.rank,
  schedule: role.schedule?.name ?? null,
});

/** Unknown schedules, built-in ranks changed, and ranks two roles would share after the apply. */
function roleIssues(env: PlanEnv, desired: ConfigRole[]): DocumentIssue[] {
  const { bySlug, held } = env.current(incidentRolesConfig);
  const schedules = keysAfterApply(env, schedulesConfig, env.current(schedulesConfig).byName.keys(), (s) =>
    nameKey(s.name),
  );
  const issues: DocumentIssue[] = [];
  const ranks = new Map<number, string>();
  const listed = new Set(desired.map((r) => r.slug));
  for (const [slug, role] of bySlug)
    if (!listed.has(slug) && role.rank !== null && (role.builtin || held.has(slug) || !env.prune))
      ranks.set(role.rank, slug);
  desired.forEach((item, i) => {
    const at = (field: string) => formatPath(['incidentRoles', i, field]);
    const existing = bySlug.get(item.slug);
    if (item.schedule && !schedules.has(nameKey(item.schedule)))
      issues.push({
        path: at('schedule'),
        message: `schedule "${item.schedule}" does not exist: add it under schedules`,
      });
    if (existing?.builtin && item.rank !== undefined && item.rank !== existing.rank)
      issues.push({ path: at('rank'), message: `${item.slug} is built in: its rank stays ${existing.rank ?? 'null'}` });
    const rank = item.rank === undefined ? (existing?.rank ?? null) : item.rank;
    if (rank === null) return;
    const other = ranks.get(rank);
    if (other)
      issues.push({ path: at('rank'), message: `rank ${rank} is ${other}'s: owning roles each have their own` });
    ranks.set(rank, item.slug);
  });
  return issues;
}

function roleChange(existing: ResponseRole | undefined, item: ConfigRole): PlannedChange | undefined {
  const { slug, ...desired } = item;
  if (!existing) {
    const details = [item.rank ? `rank ${item.rank}` : 'not owning', item.schedule && `schedule "${item.schedule}"`];
    return {
      kind: 'incident_role',
      action: 'create',
      key: slug,
      line: `+ incident role ${slug} "${item.name}" (${details.filter(Boolean).join(', ')})`,
      run: async (ctx) => {
        const { schedule, ...rest } = desired;
        await createRole(ctx, { slug, ...rest, scheduleId: schedule ?? null });
      },
    };
  }
  const current = roleFields(existing);
  // A schedule named with other capitals is the same schedule.
  if (desired.schedule && current.schedule && nameKey(desired.schedule) === nameKey(current.schedule))
    desired.schedule = current.schedule;
  const patch = changedFields(current, desired);
  if (Object.keys(patch).length === 0) return undefined;
  return {
    kind: 'incident_role',
    action: 'update',
    key: slug,
    line: `~ incident role ${slug}: ${describeChanges(current, patch)}`,
    run: async (ctx) => {
      const { schedule, ...rest } = patch;
      await updateRole(ctx, slug, { ...rest, ...(schedule !== undefined && { scheduleId: schedule }) });
    },
  };
}

export const incidentRolesConfig: ConfigResource<ConfigRole, RolesState, 'incidentRoles'> = {
  key: 'incidentRoles',
  itemSchema: ConfigRoleSchema,

  identify: (item) => ({ field: 'slug', value: item.slug }),

  async load(ctx) {
    const roles = await listRoles(ctx);
    const held = new Set<string>();
    for (const role of roles) if (!role.builtin && (await roleEverHeld(ctx.db, role.id))) held.add(role.slug);
    return { bySlug: new Map(roles.map((r) => [r.slug, r])), held };
  },

  plan(env) {
    const desired = env.desired(incidentRolesConfig);
    if (!desired) return [];
    const issues = roleIssues(env, desired);
    if (issues.length > 0) throw invalidDocument(issues);
    const { bySlug, held } = env.current(incidentRolesConfig);
    const changes = [...desired]
      .sort(byText((r) => r.slug))
      .flatMap((item) => roleChange(bySlug.get(item.slug), item) ?? []);
    if (!env.prune) return changes;
    const kept = new Set(desired.map((r) => r.slug));
    for (const [slug, role] of [...bySlug].sort(byText(([s]) => s))) {
      if (kept.has(slug) || role.builtin) continue;
      const keep = held.has(slug) ? 'people held it in incidents' : undefined;
      const what = { kind: 'incident_role', label: `incident role ${slug}`, key: slug, keep };
      changes.push(...removal(env, what, (ctx) => deleteRole(ctx, slug)));
    }
    return changes;
  },

  export(view) {
    // Owning roles by rank, then the others by slug, as the API lists them.
    return [...view.current(incidentRolesConfig).bySlug.values()].map((role) => {
      const { name, alias, description, rank, schedule } = roleFields(role);
      return {
        slug: role.slug,
        name,
        ...(alias !== '' && { alias }),
        ...(description !== '' && { description }),
        ...(rank !== null && { rank }),
        ...(schedule !== null && { schedule }),
      };
    });
  },
};

/**
 * Status pages in config as code: `statusPages: [{ slug, name, ...,
 * components: [{ name, group, description, service, statusFromSignals }],
 * templates: [{ name, title, body }] }]`, matched by slug; components and
 * templates by name (any case) within their page. A field left out takes its default
 * (a file says what the page is). Statuses and page incidents are not
 * config: people set them during incidents. With prune, pages the file
 * leaves out are deleted; a page's listed components are always its whole
 * list (components the page lists no longer are deleted), groups follow
 * their components; the same for listed templates. A page without a
 * `templates` list keeps the templates it has.
 */
import { z } from 'zod';
import { byText, configObject, type ConfigResource, type PlannedChange } from '../config-kit/index.js';
import type { Ctx } from '../context.js';
import {
  createComponent,
  createGroup,
  createPage,
  deleteComponent,
  deleteGroup,
  deletePage,
  listComponents,
  listGroups,
  listPages,
  updateComponent,
  updatePage,
} from './pages.service.js';
import { selectServiceSlugs } from './statuspages.repo.js';
import { createTemplate, deleteTemplate, listTemplates, updateTemplate } from './templates.service.js';
import { CreateTemplateSchema, type PageTemplate } from './templates.schema.js';
import { CreateStatusPageSchema, type Component, type ComponentGroup, type StatusPage } from './statuspages.schema.js';

const page = CreateStatusPageSchema.shape;

const ConfigComponentSchema = configObject({
  name: z.string().trim().min(1).max(100),
  group: z.string().trim().min(1).max(100).optional().describe('the group it is shown in, by name'),
  description: z.string().trim().max(500).optional(),
  service: z.string().trim().min(1).max(200).optional().describe('the slug of the Tocsin service it follows'),
  statusFromSignals: z.boolean().optional().describe("its status follows its service's open incidents (needs service)"),
});
export type ConfigComponent = z.infer<typeof ConfigComponentSchema>;

const ConfigTemplateSchema = configObject({
  name: CreateTemplateSchema.shape.name,
  title: CreateTemplateSchema.shape.title,
  body: CreateTemplateSchema.shape.body,
});
export type ConfigTemplate = z.infer<typeof ConfigTemplateSchema>;

const uniqueNames = (items: ReadonlyArray<{ name: string }>) =>
  new Set(items.map((i) => i.name.toLowerCase())).size === items.length;

export const ConfigStatusPageSchema = configObject({
  slug: page.slug,
  name: page.name,
  description: page.description,
  visibility: page.visibility,
  logoUrl: page.logoUrl,
  brandColor: page.brandColor,
  linkColor: page.linkColor,
  timeZone: page.timeZone,
  hostName: page.hostName,
  components: z.array(ConfigComponentSchema).max(500).optional(),
  templates: z
    .array(ConfigTemplateSchema)
    .max(200)
    .refine(uniqueNames, 'two templates of a page have the same name: give each its own')
    .optional()
    .describe("the page's templates for page incidents, updates and maintenance; when given, its whole list"),
});
export type ConfigStatusPage = z.infer<typeof ConfigStatusPageSchema>;

const DEFAULTS = {
  description: '',
  visibility: 'public',
  logoUrl: null,
  brandColor: '#1f4e8c',
  linkColor: '#1f4e8c',
  timeZone: 'UTC',
  hostName: null,
} as const;
type PageField = keyof typeof DEFAULTS | 'name';
const PAGE_FIELDS: PageField[] = ['name', ...(Object.keys(DEFAULTS) as Array<keyof typeof DEFAULTS>)];

interface LoadedPage {
  page: StatusPage;
  groups: ComponentGroup[];
  components: Component[];
  templates: PageTemplate[];
}

export interface StatusPagesState {
  bySlug: Map<string, LoadedPage>;
  /** Service id → slug, for the components that follow one. */
  serviceSlugs: Map<string, string>;
}

const want = (item: ConfigStatusPage, field: PageField) =>
  item[field] ?? (field === 'name' ? item.name : DEFAULTS[field]);

async function ensureGroup(ctx: Ctx, slug: string, name: string | undefined): Promise<string | null> {
  if (!name) return null;
  const existing = (await listGroups(ctx, slug)).find((g) => g.name.toLowerCase() === name.toLowerCase());
  return existing?.id ?? (await createGroup(ctx, slug, { name })).id;
}

async function dropEmptyGroups(ctx: Ctx, slug: string): Promise<void> {
  const used = new Set((await listComponents(ctx, slug)).map((c) => c.groupId));
  for (const g of await listGroups(ctx, slug)) if (!used.has(g.id)) await deleteGroup(ctx, slug, g.id);
}

function componentChanges(
  item: ConfigStatusPage,
  existing: LoadedPage | undefined,
  serviceSlugs: Map<string, string>,
): PlannedChange[] {
  if (!item.components) return [];
  const changes: PlannedChange[] = [];
  const groupName = new Map(existing?.groups.map((g) => [g.id, g.name]) ?? []);
  const current = new Map(existing?.components.map((c) => [c.name.toLowerCase(), c]) ?? []);
  // Positions matter only as an order: the file's order against the page's.
  const listed = new Set(item.components.map((c) => c.name.toLowerCase()));
  const pageOrder = [...(existing?.components ?? [])]
    .sort((a, b) => a.position - b.position || (a.name < b.name ? -1 : 1))
    .map((c) => c.name.toLowerCase())
    .filter((n) => listed.has(n));
  const fileOrder = item.components.map((c) => c.name.toLowerCase()).filter((n) => current.has(n));
  const reordered = pageOrder.join('\n') !== fileOrder.join('\n');
  item.components.forEach((c, position) => {
    const key = `${item.slug}/${c.name}`;
    const found = current.get(c.name.toLowerCase());
    if (!found) {
      changes.push({
        kind: 'status page component',
        action: 'create',
        key,
        line: `+ status page component "${key}"${c.group ? ` in "${c.group}"` : ''}`,
        run: async (ctx) => {
          const groupId = await ensureGroup(ctx, item.slug, c.group);
          await createComponent(ctx, item.slug, {
            name: c.name,
            description: c.description ?? '',
            groupId,
            position,
            service: c.service ?? null,
            statusFromSignals: c.statusFromSignals ?? false,
          });
        },
      });
      return;
    }
    const diffs: string[] = [];
    const group = found.groupId ? groupName.get(found.groupId) : undefined;
    if ((group ?? '').toLowerCase() !== (c.group ?? '').toLowerCase())
      diffs.push(`group "${group ?? ''}" → "${c.group ?? ''}"`);
    if (found.description !== (c.description ?? '')) diffs.push('description changed');
    if (reordered && found.position !== position) diffs.push(`position ${found.position} → ${position}`);
    const service = found.serviceId ? serviceSlugs.get(found.serviceId) : undefined;
    if ((service ?? null) !== (c.service ?? null)) diffs.push(`service ${service ?? 'none'} → ${c.service ?? 'none'}`);
    if (found.name !== c.name) diffs.push(`name "${found.name}" → "${c.name}"`);
    if (found.statusFromSignals !== (c.statusFromSignals ?? false))
      diffs.push(`statusFromSignals ${found.statusFromSignals} → ${c.statusFromSignals ?? false}`);
    if (diffs.length === 0) return;
    changes.push({
      kind: 'status page component',
      action: 'update',
      key,
      line: `~ status page component "${key}": ${diffs.join(', ')}`,
      run: async (ctx) => {
        const groupId = await ensureGroup(ctx, item.slug, c.group);
        await updateComponent(ctx, item.slug, found.id, {
          name: c.name,
          description: c.description ?? '',
          groupId,
          position,
          service: c.service ?? null,
          statusFromSignals: c.statusFromSignals ?? false,
        });
        await dropEmptyGroups(ctx, item.slug);
      },
    });
  });
  const kept = new Set(item.components.map((c) => c.name.toLowerCase()));
  for (const [name, c] of [...current].sort(byText(([n]) => n))) {
    if (kept.has(name)) continue;
    changes.push({
      kind: 'status page component',
      action: 'delete',
      key: `${item.slug}/${c.name}`,
      line: `- status page component "${item.slug}/${c.name}" (not in the file)`,
      run: async (ctx) => {
        await deleteComponent(ctx, item.slug, c.id);
        await dropEmptyGroups(ctx, item.slug);
      },
    });
  }
  return changes;
}

function templateChanges(item: ConfigStatusPage, existing: LoadedPage | undefined): PlannedChange[] {
  if (!item.templates) return [];
  const changes: PlannedChange[] = [];
  const current = new Map(existing?.templates.map((t) => [t.name.toLowerCase(), t]) ?? []);
  for (const tpl of item.templates) {
    const key = `${item.slug}/${tpl.name}`;
    const fields = { name: tpl.name, title: tpl.title ?? '', body: tpl.body };
    const found = current.get(tpl.name.toLowerCase());
    if (!found) {
      changes.push({
        kind: 'status page template',
        action: 'create',
        key,
        line: `+ status page template "${key}"`,
        run: async (ctx) => {
          await createTemplate(ctx, item.slug, fields);
        },
      });
      continue;
    }
    const diffs: string[] = [];
    if (found.name !== fields.name) diffs.push(`name "${found.name}" → "${fields.name}"`);
    if (found.title !== fields.title) diffs.push(`title "${found.title}" → "${fields.title}"`);
    if (found.body !== fields.body) diffs.push('body changed');
    if (diffs.length === 0) continue;
    changes.push({
      kind: 'status page template',
      action: 'update',
      key,
      line: `~ status page template "${key}": ${diffs.join(', ')}`,
      run: async (ctx) => {
        await updateTemplate(ctx, item.slug, found.id, fields);
      },
    });
  }
  const kept = new Set(item.templates.map((t) => t.name.toLowerCase()));
  for (const [name, t] of [...current].sort(byText(([n]) => n))) {
    if (kept.has(name)) continue;
    changes.push({
      kind: 'status page template',
      action: 'delete',
      key: `${item.slug}/${t.name}`,
      line: `- status page template "${item.slug}/${t.name}" (not in the file)`,
      run: async (ctx) => {
        await deleteTemplate(ctx, item.slug, t.id);
      },
    });
  }
  return changes;
}

function pageChange(item: ConfigStatusPage, existing: LoadedPage | undefined): PlannedChange | undefined {
  const fields = Object.fromEntries(PAGE_FIELDS.map((f) => [f, want(item, f)])) as {
    [K in PageField]: K extends 'name' ? string : (typeof DEFAULTS)[Exclude<K, 'name'>] | string | null;
  };
  if (!existing) {
    return {
      kind: 'status page',
      action: 'create',
      key: item.slug,
      line: `+ status page ${item.slug} "${item.name}"`,
      run: async (ctx) => {
        await createPage(ctx, { slug: item.slug, ...fields } as Parameters<typeof createPage>[1]);
      },
    };
  }
  const changed = PAGE_FIELDS.filter((f) => (existing.page[f] ?? null) !== (fields[f] ?? null));
  if (changed.length === 0) return undefined;
  return {
    kind: 'status page',
    action: 'update',
    key: item.slug,
    line: `~ status page ${item.slug}: ${changed.map((f) => `${f} ${JSON.stringify(existing.page[f])} → ${JSON.stringify(fields[f])}`).join(', ')}`,
    run: async (ctx) => {
      await updatePage(ctx, item.slug, Object.fromEntries(changed.map((f) => [f, fields[f]])));
    },
  };
}

export const statusPagesConfig: ConfigResource<ConfigStatusPage, StatusPagesState, 'statusPages'> = {
  key: 'statusPages',
  itemSchema: ConfigStatusPageSchema,

  identify: (item) => ({ field: 'slug', value: item.slug }),

  async load(ctx) {
    const bySlug = new Map<string, LoadedPage>();
    for (const p of await listPages(ctx)) {
      bySlug.set(p.slug, {
        page: p,
        groups: await listGroups(ctx, p.id),
        components: await listComponents(ctx, p.id),
        templates: await listTemplates(ctx, p.id),
      });
    }
    const serviceIds = [...bySlug.values()]
      .flatMap((p) => p.components.map((c) => c.serviceId))
      .filter((id) => id !== null);
    return { bySlug, serviceSlugs: await selectServiceSlugs(ctx.db, serviceIds) };
  },

  plan(env) {
    const desired = env.desired(statusPagesConfig);
    if (!desired) return [];
    const { bySlug, serviceSlugs } = env.current(statusPagesConfig);
    const changes: PlannedChange[] = [];
    for (const item of [...desired].sort(byText((p) => p.slug))) {
      const existing = bySlug.get(item.slug);
      const change = pageChange(item, existing);
      if (change) changes.push(change);
      changes.push(...componentChanges(item, existing, serviceSlugs));
      changes.push(...templateChanges(item, existing));
    }
    if (env.prune) {
      const kept = new Set(desired.map((p) => p.slug));
      for (const [slug, p] of [...bySlug].sort(byText(([s]) => s))) {
        if (kept.has(slug)) continue;
        changes.push({
          kind: 'status page',
          action: 'delete',
          key: slug,
          line: `- status page ${slug} "${p.page.name}" (not in the file)`,
          run: async (ctx) => {
            await deletePage(ctx, p.page.id);
          },
        });
      }
    }
    return changes;
  },

  export(view) {
    const { bySlug, serviceSlugs } = view.current(statusPagesConfig);
    return [...bySlug].sort(byText(([slug]) => slug)).map(([, { page: p, groups, components, templates }]) => {
      const item: ConfigStatusPage = { slug: p.slug, name: p.name };
      for (const f of Object.keys(DEFAULTS) as Array<keyof typeof DEFAULTS>) {
        if ((p[f] ?? null) !== DEFAULTS[f]) (item as Record<string, unknown>)[f] = p[f];
      }
      const groupName = new Map(groups.map((g) => [g.id, g.name]));
      item.components = [...components]
        .sort((a, b) => a.position - b.position || (a.name < b.name ? -1 : 1))
        .map((c) => {
          const out: ConfigComponent = { name: c.name };
          if (c.groupId && groupName.has(c.groupId)) out.group = groupName.get(c.groupId)!;
          if (c.description) out.description = c.description;
          if (c.serviceId && serviceSlugs.has(c.serviceId)) out.service = serviceSlugs.get(c.serviceId)!;
          if (c.statusFromSignals) out.statusFromSignals = true;
          return out;
        });
      item.templates = templates.map((t) => ({ name: t.name, ...(t.title && { title: t.title }), body: t.body }));
      return item;
    });
  },
};

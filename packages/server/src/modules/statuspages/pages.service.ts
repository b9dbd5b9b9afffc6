/**
 * Use cases on status pages, their component groups and components: admins
 * shape a page; responders (the CMOC) change a component's status. Every
 * change tells every node to render the page again (notifyPageChanged).
 */
import { inTransaction, type Db } from '../../db/client.js';
import { roleAtLeast, scopeAllows } from '../../lib/actor.js';
import { AppError, conflict, notFound } from '../../lib/errors.js';
import { isUuid, newId, newSecret } from '../../lib/ids.js';
import { requireRole } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { withDb, type Ctx } from '../context.js';
import {
  deleteComponentRow,
  deleteGroupRow,
  deletePageRow,
  findPageByHost,
  findPageRow,
  findServiceId,
  insertComponent,
  insertGroup,
  insertHistory,
  insertPage,
  notifyPageChanged,
  selectComponents,
  selectGroups,
  selectPages,
  updateComponentRow,
  updateGroupRow,
  updatePageRow,
  type ComponentRow,
  type GroupRow,
  type PageRow,
} from './statuspages.repo.js';
import {
  CreateComponentSchema,
  CreateGroupSchema,
  CreateStatusPageSchema,
  parseStatusPageInput,
  UpdateComponentSchema,
  UpdateGroupSchema,
  UpdateStatusPageSchema,
  type Component,
  type ComponentGroup,
  type CreateComponentInput,
  type CreateGroupInput,
  type CreateStatusPageInput,
  type StatusPage,
  type UpdateComponentInput,
  type UpdateGroupInput,
  type UpdateStatusPageInput,
} from './statuspages.schema.js';
import { signalStatus } from './signals.js';
import type { ComponentStatus } from './statuspages.types.js';

const seesSecrets = (ctx: Ctx) =>
  ctx.actor.type === 'system' || (roleAtLeast(ctx.actor.role, 'admin') && scopeAllows(ctx.actor.scopes, 'admin'));

export const pagePath = (slug: string) => `/status/${slug}`;

export function toPage(row: PageRow, showSecret: boolean): StatusPage {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    visibility: row.visibility,
    secretLinkKey: showSecret ? row.access_key : null,
    logoUrl: row.logo_url,
    brandColor: row.brand_color,
    linkColor: row.link_color,
    timeZone: row.time_zone,
    hostName: row.host_name,
    path: pagePath(row.slug),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export const toGroup = (row: GroupRow): ComponentGroup => ({ id: row.id, name: row.name, position: row.position });

export const toComponent = (row: ComponentRow, signal: ComponentStatus | null = null): Component => ({
  id: row.id,
  pageId: row.page_id,
  groupId: row.group_id,
  name: row.name,
  description: row.description,
  position: row.position,
  status: row.status,
  serviceId: row.service_id,
  statusFromSignals: row.status_from_signals,
  statusOverridden: row.status_overridden,
  signalStatus: signal,
  updatedAt: row.updated_at.toISOString(),
});

/** A component as shown, with what its signals say when it follows them. */
async function withSignal(db: Db, row: ComponentRow): Promise<Component> {
  return toComponent(row, row.status_from_signals && row.service_id ? await signalStatus(db, row.service_id) : null);
}

export async function requirePage(db: Db, idOrSlug: string, lock = false): Promise<PageRow> {
  const row = await findPageRow(db, idOrSlug, lock);
  if (!row) throw notFound('Status page', idOrSlug);
  return row;
}

async function requireSlugFree(db: Db, slug: string, exceptId?: string): Promise<void> {
  const existing = await findPageRow(db, slug);
  if (existing && existing.id !== exceptId)
    throw conflict(`A status page with slug "${slug}" already exists`, { slug });
}

async function requireHostFree(db: Db, hostName: string | null | undefined, exceptId?: string): Promise<void> {
  if (!hostName) return;
  const existing = await findPageByHost(db, hostName);
  if (existing && existing.id !== exceptId)
    throw conflict(`Status page "${existing.slug}" already answers for ${hostName}: choose another host name`, {
      hostName,
    });
}

/** A secret link key: kept when asked and present, made when asked and missing, dropped otherwise. */
function accessKeyFor(visibility: 'public' | 'private', wanted: boolean | undefined, current: string | null) {
  if (visibility === 'public') return null;
  if (wanted === false) return null;
  if (wanted === true) return current ?? newSecret('tsp_', 18);
  return current;
}

export async function listPages(ctx: Ctx): Promise<StatusPage[]> {
  requireRole(ctx.actor, 'viewer', 'read status pages');
  return (await selectPages(ctx.db)).map((row) => toPage(row, seesSecrets(ctx)));
}

export async function getPage(ctx: Ctx, idOrSlug: string): Promise<StatusPage> {
  requireRole(ctx.actor, 'viewer', 'read status pages');
  return toPage(await requirePage(ctx.db, idOrSlug), seesSecrets(ctx));
}

export async function createPage(ctx: Ctx, input: CreateStatusPageInput): Promise<StatusPage> {
  requireRole(ctx.actor, 'admin', 'create status pages');
  const data = parseStatusPageInput(CreateStatusPageSchema, input, 'status page');
  return inTransaction(ctx.db, async (tx) => {
    await requireSlugFree(tx, data.slug);
    await requireHostFree(tx, data.hostName);
    const now = ctx.clock.now();
    const visibility = data.visibility ?? 'public';
    const row = await insertPage(tx, {
      id: newId(now),
      slug: data.slug,
      name: data.name,
      description: data.description ?? '',
      visibility,
      access_key: accessKeyFor(visibility, data.secretLink, null),
      logo_url: data.logoUrl ?? null,
      brand_color: data.brandColor,
      link_color: data.linkColor,
      time_zone: data.timeZone,
      host_name: data.hostName ?? null,
      created_at: now,
      updated_at: now,
    });
    const page = toPage(row, true);
    await recordAudit(withDb(ctx, tx), {
      action: 'statuspage.created',
      entityType: 'status_page',
      entityId: row.id,
      after: { ...page, secretLinkKey: undefined },
    });
    await notifyPageChanged(tx, row.id);
    return page;
  });
}

export async function updatePage(ctx: Ctx, idOrSlug: string, input: UpdateStatusPageInput): Promise<StatusPage> {
  requireRole(ctx.actor, 'admin', 'change status pages');
  const data = parseStatusPageInput(UpdateStatusPageSchema, input, 'status page');
  return inTransaction(ctx.db, async (tx) => {
    const before = await requirePage(tx, idOrSlug, true);
    if (data.slug !== undefined) await requireSlugFree(tx, data.slug, before.id);
    if (data.hostName !== undefined) await requireHostFree(tx, data.hostName, before.id);
    const visibility = data.visibility ?? before.visibility;
    const row = await updatePageRow(tx, before.id, {
      slug: data.slug,
      name: data.name,
      description: data.description,
      visibility,
      access_key: accessKeyFor(visibility, data.secretLink, before.access_key),
      logo_url: data.logoUrl,
      brand_color: data.brandColor,
      link_color: data.linkColor,
      time_zone: data.timeZone,
      host_name: data.hostName,
      updated_at: ctx.clock.now(),
    });
    await recordAudit(withDb(ctx, tx), {
      action: 'statuspage.updated',
      entityType: 'status_page',
      entityId: before.id,
      before: toPage(before, false),
      after: toPage(row, false),
    });
    await notifyPageChanged(tx, before.id);
    return toPage(row, true);
  });
}

export async function deletePage(ctx: Ctx, idOrSlug: string): Promise<void> {
  requireRole(ctx.actor, 'admin', 'delete status pages');
  await inTransaction(ctx.db, async (tx) => {
    const before = await requirePage(tx, idOrSlug, true);
    await deletePageRow(tx, before.id);
    await recordAudit(withDb(ctx, tx), {
      action: 'statuspage.deleted',
      entityType: 'status_page',
      entityId: before.id,
      before: toPage(before, false),
    });
    await notifyPageChanged(tx, before.id);
  });
}

export async function listGroups(ctx: Ctx, pageIdOrSlug: string): Promise<ComponentGroup[]> {
  requireRole(ctx.actor, 'viewer', 'read status pages');
  const page = await requirePage(ctx.db, pageIdOrSlug);
  return (await selectGroups(ctx.db, page.id)).map(toGroup);
}

async function requireGroup(db: Db, pageId: string, groupId: string): Promise<GroupRow> {
  const group = isUuid(groupId) ? (await selectGroups(db, pageId)).find((g) => g.id === groupId) : undefined;
  if (!group) throw notFound('Component group', groupId);
  return group;
}

export async function createGroup(ctx: Ctx, pageIdOrSlug: string, input: CreateGroupInput): Promise<ComponentGroup> {
  requireRole(ctx.actor, 'admin', 'change status pages');
  const data = parseStatusPageInput(CreateGroupSchema, input, 'component group');
  return inTransaction(ctx.db, async (tx) => {
    const page = await requirePage(tx, pageIdOrSlug, true);
    const now = ctx.clock.now();
    const row = await insertGroup(tx, {
      id: newId(now),
      page_id: page.id,
      name: data.name,
      position: data.position ?? 0,
      created_at: now,
    });
    await notifyPageChanged(tx, page.id);
    return toGroup(row);
  });
}

export async function updateGroup(
  ctx: Ctx,
  pageIdOrSlug: string,
  groupId: string,
  input: UpdateGroupInput,
): Promise<ComponentGroup> {
  requireRole(ctx.actor, 'admin', 'change status pages');
  const data = parseStatusPageInput(UpdateGroupSchema, input, 'component group');
  return inTransaction(ctx.db, async (tx) => {
    const page = await requirePage(tx, pageIdOrSlug, true);
    const group = await requireGroup(tx, page.id, groupId);
    const row = await updateGroupRow(tx, group.id, { name: data.name, position: data.position });
    await notifyPageChanged(tx, page.id);
    return toGroup(row);
  });
}

/** Its components stay on the page, outside any group. */
export async function deleteGroup(ctx: Ctx, pageIdOrSlug: string, groupId: string): Promise<void> {
  requireRole(ctx.actor, 'admin', 'change status pages');
  await inTransaction(ctx.db, async (tx) => {
    const page = await requirePage(tx, pageIdOrSlug, true);
    const group = await requireGroup(tx, page.id, groupId);
    await deleteGroupRow(tx, group.id);
    await notifyPageChanged(tx, page.id);
  });
}

export async function listComponents(ctx: Ctx, pageIdOrSlug: string): Promise<Component[]> {
  requireRole(ctx.actor, 'viewer', 'read status pages');
  const page = await requirePage(ctx.db, pageIdOrSlug);
  return Promise.all((await selectComponents(ctx.db, page.id)).map((row) => withSignal(ctx.db, row)));
}

async function requireComponent(db: Db, pageId: string, componentId: string): Promise<ComponentRow> {
  const row = isUuid(componentId) ? (await selectComponents(db, pageId)).find((c) => c.id === componentId) : undefined;
  if (!row) throw notFound('Component', componentId);
  return row;
}

async function resolveService(db: Db, service: string | null | undefined): Promise<string | null | undefined> {
  if (service === undefined || service === null) return service;
  const id = await findServiceId(db, service);
  if (!id) throw new AppError('validation_failed', `Invalid component: service: no service "${service}"`);
  return id;
}

/** Seed 004: Security Issue is only for what the security team asked to publish. */
export function requireSecurityConfirmed(status: ComponentStatus | undefined, confirmed: boolean | undefined): void {
  if (status === 'security_issue' && confirmed !== true) {
    throw new AppError(
      'bad_request',
      'Security Issue is only for a vulnerability the security team has asked to publish: send confirmDisclosure: true once they have.',
    );
  }
}

export async function createComponent(ctx: Ctx, pageIdOrSlug: string, input: CreateComponentInput): Promise<Component> {
  requireRole(ctx.actor, 'admin', 'change status pages');
  const data = parseStatusPageInput(CreateComponentSchema, input, 'component');
  requireSecurityConfirmed(data.status, data.confirmDisclosure);
  return inTransaction(ctx.db, async (tx) => {
    const page = await requirePage(tx, pageIdOrSlug, true);
    if (data.groupId) await requireGroup(tx, page.id, data.groupId);
    const now = ctx.clock.now();
    const row = await insertComponent(tx, {
      id: newId(now),
      page_id: page.id,
      group_id: data.groupId ?? null,
      name: data.name,
      description: data.description ?? '',
      position: data.position ?? 0,
      status: data.status ?? 'operational',
      service_id: (await resolveService(tx, data.service)) ?? null,
      status_from_signals: data.statusFromSignals ?? false,
      created_at: now,
      updated_at: now,
    });
    requireSignalService(row);
    await insertHistory(tx, {
      id: newId(now),
      component_id: row.id,
      status: row.status,
      page_incident_id: null,
      set_by_label: ctx.actor.label,
      at: now,
    });
    await notifyPageChanged(tx, page.id);
    return withSignal(tx, row);
  });
}

function requireSignalService(row: ComponentRow): void {
  if (row.status_from_signals && !row.service_id)
    throw new AppError(
      'validation_failed',
      'Invalid component: statusFromSignals: the component follows no service; give it a service first',
    );
}

/**
 * Changes a component: its shape needs an admin; its status alone a
 * responder (the CMOC sets it during an incident). Each status change is
 * kept in its history.
 */
export async function updateComponent(
  ctx: Ctx,
  pageIdOrSlug: string,
  componentId: string,
  input: UpdateComponentInput,
): Promise<Component> {
  const data = parseStatusPageInput(UpdateComponentSchema, input, 'component');
  const onlyStatus = Object.keys(data).every(
    (k) => k === 'status' || k === 'confirmDisclosure' || k === 'clearOverride',
  );
  requireRole(
    ctx.actor,
    onlyStatus ? 'responder' : 'admin',
    onlyStatus ? 'set a component status' : 'change status pages',
  );
  requireSecurityConfirmed(data.status, data.confirmDisclosure);
  return inTransaction(ctx.db, async (tx) => {
    const page = await requirePage(tx, pageIdOrSlug, true);
    const before = await requireComponent(tx, page.id, componentId);
    if (data.groupId) await requireGroup(tx, page.id, data.groupId);
    const now = ctx.clock.now();
    const serviceId = await resolveService(tx, data.service);
    const fromSignals = data.statusFromSignals ?? before.status_from_signals;
    const followed = serviceId === undefined ? before.service_id : serviceId;
    // A person's status overrides the signals; clearing the override (or turning signals on) returns to them.
    let status = data.status;
    let overridden = fromSignals ? before.status_overridden : false;
    if (fromSignals && data.status !== undefined) overridden = true;
    if (fromSignals && followed && (data.clearOverride || (data.statusFromSignals && !before.status_from_signals))) {
      overridden = false;
      status = before.status === 'under_maintenance' ? undefined : await signalStatus(tx, followed);
    }
    const row = await updateComponentRow(tx, before.id, {
      group_id: data.groupId,
      name: data.name,
      description: data.description,
      position: data.position,
      status,
      service_id: serviceId,
      status_from_signals: data.statusFromSignals,
      status_overridden: overridden,
      updated_at: now,
    });
    requireSignalService(row);
    if (status && status !== before.status) {
      await insertHistory(tx, {
        id: newId(now),
        component_id: row.id,
        status,
        page_incident_id: null,
        set_by_label: ctx.actor.label,
        at: now,
      });
      await recordAudit(withDb(ctx, tx), {
        action: 'statuspage.component_status_changed',
        entityType: 'status_page_component',
        entityId: row.id,
        before: { status: before.status },
        after: { status: row.status },
      });
    }
    await notifyPageChanged(tx, page.id);
    return withSignal(tx, row);
  });
}

export async function deleteComponent(ctx: Ctx, pageIdOrSlug: string, componentId: string): Promise<void> {
  requireRole(ctx.actor, 'admin', 'change status pages');
  await inTransaction(ctx.db, async (tx) => {
    const page = await requirePage(tx, pageIdOrSlug, true);
    const before = await requireComponent(tx, page.id, componentId);
    await deleteComponentRow(tx, before.id);
    await notifyPageChanged(tx, page.id);
  });
}

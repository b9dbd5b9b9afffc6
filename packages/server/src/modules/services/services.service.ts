/** Use cases on services: create, change, delete, read (maintenance and keys have their own files). */
import { inTransaction, toJson } from '../../db/client.js';
import { AppError, conflict, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { requireRole } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { withDb, type Ctx } from '../context.js';
import { listPolicies } from '../escalation/index.js';
import { listTeams } from '../teams/index.js';
import {
  deleteServiceRow,
  findService,
  insertService,
  selectServices,
  slugTaken,
  updateServiceRow,
  type ServiceWithMaintenance,
} from './services.repo.js';
import { validateReferences } from './services.references.js';
import {
  CreateServiceSchema,
  parseServiceInput,
  UpdateServiceSchema,
  type CreateServiceInput,
  type Service,
  type UpdateServiceInput,
} from './services.schema.js';
import { pagingColumnsOf } from './services.types.js';

async function toServices(ctx: Ctx, rows: ServiceWithMaintenance[]): Promise<Service[]> {
  if (rows.length === 0) return [];
  const teams = new Map((await listTeams(ctx)).map((t) => [t.id, t]));
  const policies = new Map((await listPolicies(ctx)).map((p) => [p.id, p]));
  return rows.map((row) => {
    const team = row.team_id ? teams.get(row.team_id) : undefined;
    const policy = policies.get(row.escalation_policy_id);
    return {
      id: row.id,
      slug: row.slug,
      name: row.name,
      description: row.description,
      team: team ? { id: team.id, slug: team.slug, name: team.name } : null,
      escalationPolicy: { id: row.escalation_policy_id, name: policy?.name ?? row.escalation_policy_id },
      ...pagingColumnsOf(row),
      isDisabled: row.is_disabled,
      isInMaintenance: row.maintenance_ends_at !== null,
      maintenanceEndsAt: row.maintenance_ends_at ? new Date(row.maintenance_ends_at).toISOString() : null,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    };
  });
}

async function requireService(ctx: Ctx, idOrSlug: string): Promise<ServiceWithMaintenance> {
  const row = await findService(ctx.db, idOrSlug, ctx.clock.now());
  if (!row) throw notFound('Service', idOrSlug);
  return row;
}

async function readService(ctx: Ctx, idOrSlug: string): Promise<Service> {
  const [service] = await toServices(ctx, [await requireService(ctx, idOrSlug)]);
  return service!;
}

async function requireSlugFree(ctx: Ctx, slug: string, exceptId?: string): Promise<void> {
  if (await slugTaken(ctx.db, slug, exceptId)) {
    throw conflict(`A service with slug "${slug}" already exists: choose another slug`, { slug });
  }
}

export async function listServices(ctx: Ctx): Promise<Service[]> {
  return toServices(ctx, await selectServices(ctx.db, ctx.clock.now()));
}

/** By id or slug. */
export async function getService(ctx: Ctx, idOrSlug: string): Promise<Service> {
  return readService(ctx, idOrSlug);
}

export async function createService(ctx: Ctx, input: CreateServiceInput): Promise<Service> {
  requireRole(ctx.actor, 'admin', 'create services');
  const data = parseServiceInput(CreateServiceSchema, input);
  return inTransaction(ctx.db, async (tx) => {
    const txCtx = withDb(ctx, tx);
    await requireSlugFree(txCtx, data.slug);
    await validateReferences(txCtx, data);
    const now = ctx.clock.now();
    const row = await insertService(tx, {
      id: newId(now),
      slug: data.slug,
      name: data.name,
      description: data.description,
      team_id: data.teamId,
      escalation_policy_id: data.escalationPolicyId,
      time_zone: data.timeZone,
      business_hours: data.businessHours ? toJson(data.businessHours) : null,
      urgency_rules: toJson(data.urgencyRules),
      sla_targets: toJson(data.slaTargets),
      grouping: toJson(data.grouping),
      notice_channel_ids: data.noticeChannelIds,
      is_disabled: data.isDisabled,
      created_at: now,
      updated_at: now,
    });
    const service = await readService(txCtx, row.id);
    await recordAudit(txCtx, { action: 'service.created', entityType: 'service', entityId: row.id, after: service });
    return service;
  });
}

export async function updateService(ctx: Ctx, idOrSlug: string, input: UpdateServiceInput): Promise<Service> {
  requireRole(ctx.actor, 'admin', 'change services');
  const data = parseServiceInput(UpdateServiceSchema, input);
  return inTransaction(ctx.db, async (tx) => {
    const txCtx = withDb(ctx, tx);
    const before = await readService(txCtx, idOrSlug);
    if (data.slug !== undefined) await requireSlugFree(txCtx, data.slug, before.id);
    await validateReferences(txCtx, data);
    await updateServiceRow(tx, before.id, {
      ...(data.slug !== undefined && { slug: data.slug }),
      ...(data.name !== undefined && { name: data.name }),
      ...(data.description !== undefined && { description: data.description }),
      ...(data.teamId !== undefined && { team_id: data.teamId }),
      ...(data.escalationPolicyId !== undefined && { escalation_policy_id: data.escalationPolicyId }),
      ...(data.timeZone !== undefined && { time_zone: data.timeZone }),
      ...(data.businessHours !== undefined && {
        business_hours: data.businessHours ? toJson(data.businessHours) : null,
      }),
      ...(data.urgencyRules !== undefined && { urgency_rules: toJson(data.urgencyRules) }),
      ...(data.slaTargets !== undefined && { sla_targets: toJson(data.slaTargets) }),
      ...(data.grouping !== undefined && { grouping: toJson(data.grouping) }),
      ...(data.noticeChannelIds !== undefined && { notice_channel_ids: data.noticeChannelIds }),
      ...(data.isDisabled !== undefined && { is_disabled: data.isDisabled }),
      updated_at: ctx.clock.now(),
    });
    const service = await readService(txCtx, before.id);
    await recordAudit(txCtx, {
      action: 'service.updated',
      entityType: 'service',
      entityId: before.id,
      before,
      after: service,
    });
    return service;
  });
}

/**
 * Deletes a service with its keys and maintenance windows. Refused once it
 * has incidents (their history must stay): disable the service instead.
 */
export async function deleteService(ctx: Ctx, idOrSlug: string): Promise<void> {
  requireRole(ctx.actor, 'admin', 'delete services');
  await inTransaction(ctx.db, async (tx) => {
    const txCtx = withDb(ctx, tx);
    const before = await readService(txCtx, idOrSlug);
    try {
      await deleteServiceRow(tx, before.id);
    } catch (error) {
      // restrict_violation (incidents are ON DELETE RESTRICT) or foreign_key_violation
      if (['23001', '23503'].includes((error as { code?: string }).code ?? '')) {
        throw new AppError(
          'conflict',
          `Service ${before.slug} has incidents, whose history must stay: disable it instead (isDisabled: true)`,
          { details: { slug: before.slug }, cause: error },
        );
      }
      throw error;
    }
    await recordAudit(txCtx, { action: 'service.deleted', entityType: 'service', entityId: before.id, before });
  });
}

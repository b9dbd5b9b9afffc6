/**
 * Use cases on maintenance windows. While a window is open, the service's
 * alerts are recorded as suppressed and nobody is paged (the alerts module
 * reads `isInMaintenance` from the paging settings).
 */
import { inTransaction } from '../../db/client.js';
import { AppError, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { requireRole } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { withDb, type Ctx } from '../context.js';
import {
  deleteMaintenanceRow,
  findMaintenance,
  insertMaintenance,
  selectMaintenance,
  type MaintenanceRow,
} from './maintenance.repo.js';
import { CreateMaintenanceSchema, type CreateMaintenanceInput, type MaintenanceWindow } from './maintenance.schema.js';
import { findService, lockService, type ServiceRow } from './services.repo.js';
import { parseServiceInput } from './services.schema.js';

function toWindow(row: MaintenanceRow, now: Date): MaintenanceWindow {
  return {
    id: row.id,
    serviceId: row.service_id,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    reason: row.reason,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    isActive: row.starts_at <= now && row.ends_at > now,
  };
}

async function requireServiceRow(ctx: Ctx, idOrSlug: string, lock: boolean): Promise<Pick<ServiceRow, 'id' | 'slug'>> {
  const row = lock ? await lockService(ctx.db, idOrSlug) : await findService(ctx.db, idOrSlug, ctx.clock.now());
  if (!row) throw notFound('Service', idOrSlug);
  return row;
}

export async function listMaintenanceWindows(
  ctx: Ctx,
  serviceIdOrSlug: string,
  options: { includePast?: boolean } = {},
): Promise<MaintenanceWindow[]> {
  const service = await requireServiceRow(ctx, serviceIdOrSlug, false);
  const now = ctx.clock.now();
  return (await selectMaintenance(ctx.db, service.id, { now, includePast: options.includePast ?? false })).map((r) =>
    toWindow(r, now),
  );
}

export async function createMaintenanceWindow(
  ctx: Ctx,
  serviceIdOrSlug: string,
  input: CreateMaintenanceInput,
): Promise<MaintenanceWindow> {
  requireRole(ctx.actor, 'admin', 'schedule maintenance');
  const data = parseServiceInput(CreateMaintenanceSchema, input, 'maintenance window');
  const now = ctx.clock.now();
  const startsAt = data.startsAt ? new Date(data.startsAt) : now;
  const endsAt = new Date(data.endsAt);
  if (endsAt <= startsAt) {
    const message = `endsAt (${endsAt.toISOString()}) must be after startsAt (${startsAt.toISOString()})`;
    throw new AppError('validation_failed', `Invalid maintenance window: ${message}`, {
      details: { issues: [{ path: 'endsAt', message }] },
    });
  }
  return inTransaction(ctx.db, async (tx) => {
    const txCtx = withDb(ctx, tx);
    const service = await requireServiceRow(txCtx, serviceIdOrSlug, true);
    const row = await insertMaintenance(tx, {
      id: newId(now),
      service_id: service.id,
      starts_at: startsAt,
      ends_at: endsAt,
      reason: data.reason,
      created_by: ctx.actor.label,
      created_at: now,
    });
    const window = toWindow(row, now);
    await recordAudit(txCtx, {
      action: 'maintenance_window.created',
      entityType: 'service',
      entityId: service.id,
      after: window,
    });
    return window;
  });
}

export async function deleteMaintenanceWindow(ctx: Ctx, serviceIdOrSlug: string, windowId: string): Promise<void> {
  requireRole(ctx.actor, 'admin', 'cancel maintenance');
  await inTransaction(ctx.db, async (tx) => {
    const txCtx = withDb(ctx, tx);
    const service = await requireServiceRow(txCtx, serviceIdOrSlug, true);
    const row = await findMaintenance(tx, service.id, windowId);
    if (!row) throw notFound(`Maintenance window of service ${service.slug}`, windowId);
    await deleteMaintenanceRow(tx, row.id);
    await recordAudit(txCtx, {
      action: 'maintenance_window.deleted',
      entityType: 'service',
      entityId: service.id,
      before: toWindow(row, ctx.clock.now()),
    });
  });
}

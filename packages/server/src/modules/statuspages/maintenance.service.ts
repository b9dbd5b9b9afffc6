/**
 * Scheduled maintenance, modelled as Statuspage does: a page incident of
 * kind 'maintenance', announced ahead (scheduled), started (in_progress) and
 * completed by itself at its window's edges (maintenance.reconciler.ts), or
 * moved on by a responder through postPageUpdate (verifying is optional;
 * maintenance.transitions.ts). The announcement is its first update row.
 */
import { inTransaction } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { requireRole } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { withDb, type Ctx } from '../context.js';
import { ScheduleMaintenanceSchema, type ScheduleMaintenanceInput } from './maintenance.schema.js';
import { toPageIncidents } from './page-incidents.service.js';
import { requirePage } from './pages.service.js';
import {
  insertAffected,
  insertPageIncident,
  insertPageUpdate,
  notifyPageChanged,
  selectComponents,
  selectPageIncidents,
} from './statuspages.repo.js';
import { parseStatusPageInput, type PageIncident } from './statuspages.schema.js';
import { fillFromTemplate } from './templates.service.js';
export async function listMaintenances(ctx: Ctx, pageIdOrSlug: string): Promise<PageIncident[]> {
  requireRole(ctx.actor, 'viewer', 'read status pages');
  const page = await requirePage(ctx.db, pageIdOrSlug);
  return toPageIncidents(ctx, ctx.db, await selectPageIncidents(ctx.db, page.id, 100, 'maintenance'));
}

export async function scheduleMaintenance(
  ctx: Ctx,
  pageIdOrSlug: string,
  input: ScheduleMaintenanceInput,
): Promise<PageIncident> {
  requireRole(ctx.actor, 'responder', 'schedule maintenance');
  const data = parseStatusPageInput(ScheduleMaintenanceSchema, input, 'maintenance');
  const scheduledFor = new Date(data.scheduledFor);
  const scheduledUntil = new Date(data.scheduledUntil);
  const now = ctx.clock.now();
  if (scheduledUntil.getTime() <= scheduledFor.getTime())
    throw new AppError('validation_failed', 'Invalid maintenance: scheduledUntil must be after scheduledFor');
  if (scheduledUntil.getTime() <= now.getTime())
    throw new AppError(
      'validation_failed',
      'Invalid maintenance: scheduledUntil is in the past; announce a window that has not ended',
    );
  return inTransaction(ctx.db, async (tx) => {
    const page = await requirePage(tx, pageIdOrSlug, true);
    const filled = await fillFromTemplate(tx, page.id, data, true);
    const componentIds = [...new Set(data.components ?? [])];
    const known = new Set((await selectComponents(tx, page.id)).map((c) => c.id));
    const unknown = componentIds.filter((id) => !known.has(id));
    if (unknown.length > 0)
      throw new AppError(
        'validation_failed',
        `Invalid maintenance: components: not on this page: ${unknown.join(', ')}`,
      );
    const row = await insertPageIncident(tx, {
      id: newId(now),
      page_id: page.id,
      kind: 'maintenance',
      title: filled.title,
      state: 'scheduled',
      incident_id: null,
      created_by_label: ctx.actor.label,
      created_at: now,
      updated_at: now,
      resolved_at: null,
      scheduled_for: scheduledFor,
      scheduled_until: scheduledUntil,
      next_transition_at: scheduledFor,
    });
    await insertAffected(tx, row.id, componentIds);
    await insertPageUpdate(tx, {
      id: newId(now),
      page_incident_id: row.id,
      state: 'scheduled',
      body: filled.body,
      created_by_label: ctx.actor.label,
      created_at: now,
    });
    await recordAudit(withDb(ctx, tx), {
      action: 'statuspage.maintenance_scheduled',
      entityType: 'status_page_incident',
      entityId: row.id,
      after: { pageId: page.id, title: row.title, scheduledFor, scheduledUntil, components: componentIds },
    });
    await notifyPageChanged(tx, page.id);
    return (await toPageIncidents(ctx, tx, [row]))[0]!;
  });
}

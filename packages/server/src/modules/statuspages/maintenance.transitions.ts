/**
 * How a scheduled maintenance moves on (scheduled → in_progress →
 * verifying → completed), by a responder's update or by the engine at its
 * window's edges: each move writes an update row (so subscribers are told
 * at announcement, start and end), and puts its components Under
 * Maintenance while it runs, back to their previous status when it ends
 * (or, for a component following signals, to what the signals say then).
 */
import { inTransaction, type Db } from '../../db/client.js';
import { systemActor } from '../../lib/actor.js';
import { AppError, conflict } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { recordAudit } from '../audit/index.js';
import { withDb, type Ctx } from '../context.js';
import { findOtherActiveMaintenance, selectMaintenanceComponents, setStatusBefore } from './maintenance.repo.js';
import {
  insertHistory,
  insertPageUpdate,
  notifyPageChanged,
  updateComponentRow,
  updatePageIncidentRow,
  type PageIncidentRow,
} from './statuspages.repo.js';
import { signalStatus } from './signals.js';
import { MAINTENANCE_STATES, type MaintenanceState } from './statuspages.types.js';

/** Who the automatic start and end act as (the update rows and the audit log name it). */
export const MAINTENANCE_ACTOR = systemActor('Scheduled maintenance');

/** The updates the engine writes when a window opens and closes (Statuspage's defaults). */
export const AUTO_MESSAGES = {
  in_progress: 'Scheduled maintenance is currently in progress. We will provide updates as necessary.',
  completed: 'The scheduled maintenance has been completed.',
} as const;

/** When the engine moves a maintenance on next: its start while scheduled, its end while running, then never. */
export function nextTransitionAt(
  state: MaintenanceState,
  window: { scheduledFor: Date; scheduledUntil: Date },
): Date | null {
  if (state === 'scheduled') return window.scheduledFor;
  if (state === 'in_progress' || state === 'verifying') return window.scheduledUntil;
  return null;
}

/** Components go Under Maintenance when the work starts (keeping what they were), and back when it completes. */
async function applyComponents(ctx: Ctx, tx: Db, row: PageIncidentRow, state: MaintenanceState, now: Date) {
  const running = state === 'in_progress' || state === 'verifying';
  for (const c of await selectMaintenanceComponents(tx, row.id)) {
    let status: typeof c.status | undefined;
    if (running && c.status !== 'under_maintenance') {
      await setStatusBefore(tx, row.id, c.id, c.status);
      status = 'under_maintenance';
    } else if (running && c.status_before === null) {
      // Already under another maintenance: return to what it was before that one.
      const other = await findOtherActiveMaintenance(tx, c.id, row.id);
      await setStatusBefore(tx, row.id, c.id, other?.status_before ?? 'operational');
    } else if (state === 'completed' && c.status === 'under_maintenance') {
      // Another maintenance still running on it keeps it under maintenance (and restores it later).
      if (await findOtherActiveMaintenance(tx, c.id, row.id)) continue;
      // A component following signals (not overridden by a person) takes what they say now:
      // incidents opened or closed during the work count, not its status before it.
      status =
        c.status_from_signals && !c.status_overridden && c.service_id
          ? await signalStatus(tx, c.service_id)
          : (c.status_before ?? 'operational');
    }
    if (!status) continue;
    await updateComponentRow(tx, c.id, { status, updated_at: now });
    await insertHistory(tx, {
      id: newId(now),
      component_id: c.id,
      status,
      page_incident_id: row.id,
      set_by_label: ctx.actor.label,
      at: now,
    });
  }
}

/** Moves a maintenance to `state` with an update saying so (in the caller's transaction). */
export async function moveMaintenance(
  ctx: Ctx,
  tx: Db,
  before: PageIncidentRow,
  state: MaintenanceState,
  body: string,
): Promise<PageIncidentRow> {
  if (before.state === 'completed') throw conflict('This maintenance is completed; schedule a new one.');
  const now = ctx.clock.now();
  await insertPageUpdate(tx, {
    id: newId(now),
    page_incident_id: before.id,
    state,
    body,
    created_by_label: ctx.actor.label,
    created_at: now,
  });
  const row = await updatePageIncidentRow(tx, before.id, {
    state,
    updated_at: now,
    resolved_at: state === 'completed' ? now : null,
    next_transition_at: nextTransitionAt(state, {
      scheduledFor: before.scheduled_for!,
      scheduledUntil: before.scheduled_until!,
    }),
  });
  await applyComponents(ctx, tx, row, state, now);
  await recordAudit(withDb(ctx, tx), {
    action: 'statuspage.maintenance_updated',
    entityType: 'status_page_incident',
    entityId: before.id,
    before: { state: before.state },
    after: { state },
  });
  await notifyPageChanged(tx, before.page_id);
  return row;
}

/** A responder's update on a maintenance (postPageUpdate sends maintenances here). */
export async function postMaintenanceUpdate(
  ctx: Ctx,
  tx: Db,
  before: PageIncidentRow,
  data: { state: string; body: string; componentStatus?: string },
): Promise<PageIncidentRow> {
  if (!(MAINTENANCE_STATES as readonly string[]).includes(data.state))
    throw new AppError(
      'validation_failed',
      `Invalid page update: state: a maintenance is ${MAINTENANCE_STATES.join(', ')}, not ${data.state}`,
    );
  if (data.componentStatus !== undefined)
    throw new AppError(
      'validation_failed',
      'Invalid page update: componentStatus: a maintenance sets its components Under Maintenance while it runs; leave it out',
    );
  return moveMaintenance(ctx, tx, before, data.state as MaintenanceState, data.body);
}

/** The engine's move: start a scheduled maintenance, or complete a running one, at its window's edge. */
export async function advanceDueMaintenance(ctx: Ctx, row: PageIncidentRow): Promise<void> {
  if (row.kind !== 'maintenance') return;
  const state: MaintenanceState | null =
    row.state === 'scheduled' ? 'in_progress' : row.state === 'completed' ? null : 'completed';
  await inTransaction(ctx.db, async (tx) => {
    if (!state) {
      await updatePageIncidentRow(tx, row.id, { next_transition_at: null });
      return;
    }
    await moveMaintenance(withDb(ctx, tx), tx, row, state, AUTO_MESSAGES[state]);
  });
}

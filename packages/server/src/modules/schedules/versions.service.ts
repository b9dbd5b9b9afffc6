/** Use cases on a schedule's versions: the history with its readable diffs, one version, and restoring one. */
import { inTransaction } from '../../db/client.js';
import { notFound } from '../../lib/errors.js';
import { requireRole } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { withDb, type Ctx } from '../context.js';
import type { ScheduleDefinition } from './oncall/definition.js';
import { selectVersion, selectVersions } from './schedules.repo.js';
import type { SaveResult, Version, VersionListItem } from './schedules.schema.js';
import { requireManager } from './schedules.access.js';
import { requireScheduleRow, toSchedules } from './schedules.service.js';
import { toVersion, toVersionListItem } from './schedules.view.js';
import { checksFor, saveVersion } from './version-save.js';

export async function listVersions(ctx: Ctx, scheduleIdOrName: string): Promise<VersionListItem[]> {
  requireRole(ctx.actor, 'viewer', 'read schedules');
  const schedule = await requireScheduleRow(ctx.db, scheduleIdOrName);
  return (await selectVersions(ctx.db, schedule.id)).map(toVersionListItem);
}

export async function getVersion(ctx: Ctx, scheduleIdOrName: string, number: number): Promise<Version> {
  requireRole(ctx.actor, 'viewer', 'read schedules');
  const schedule = await requireScheduleRow(ctx.db, scheduleIdOrName);
  const row = await selectVersion(ctx.db, schedule.id, number);
  if (!row) throw notFound(`Version ${number} of schedule`, schedule.name);
  return toVersion(row);
}

/**
 * Restores a version in one action: a new version, effective now, whose
 * definition is exactly the old one's, so every instant from now on gets the
 * answer that version gave.
 */
export async function restoreVersion(ctx: Ctx, scheduleIdOrName: string, number: number): Promise<SaveResult> {
  return inTransaction(ctx.db, async (tx) => {
    const txCtx = withDb(ctx, tx);
    const row = await requireScheduleRow(tx, scheduleIdOrName, { forUpdate: true });
    await requireManager(txCtx, row.team_id, 'restore versions of this schedule');
    const old = await selectVersion(tx, row.id, number);
    if (!old) throw notFound(`Version ${number} of schedule`, row.name);
    const definition = old.definition as ScheduleDefinition;
    const saved = await saveVersion(txCtx, row, definition, { restoredFrom: number });
    const [schedule] = await toSchedules(tx, [saved.schedule], ctx.clock.now());
    const checks = await checksFor(txCtx, saved.schedule, definition, saved.version!.effective_from, {
      warnings: saved.warnings,
    });
    const version = toVersion(saved.version!);
    await recordAudit(txCtx, {
      action: 'schedule.version_restored',
      entityType: 'schedule',
      entityId: row.id,
      after: { restoredFrom: number, version: version.number, summary: version.summary },
    });
    return { schedule: schedule!, version, checks };
  });
}

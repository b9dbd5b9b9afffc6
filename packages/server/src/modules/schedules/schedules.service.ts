/** Use cases on schedules: list, read, create (also from the follow-the-sun template), change, delete. */
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/client.js';
import { AppError, isAppError, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { requireRole } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { withDb, type Ctx } from '../context.js';
import { getTeam } from '../teams/index.js';
import { DefinitionSchema } from './definition.schema.js';
import type { ScheduleDefinition } from './oncall/definition.js';
import { followTheSunDefinition } from './oncall/follow-the-sun.js';
import { onCallAt, versionAt } from './oncall/timeline.js';
import { loadTimelines } from './oncall.service.js';
import {
  deleteScheduleRow,
  findScheduleRow,
  insertSchedule,
  selectSchedules,
  updateScheduleRow,
  type ScheduleRow,
} from './schedules.repo.js';
import {
  CreateScheduleSchema,
  FollowTheSunSchema,
  type CreateScheduleInput,
  type FollowTheSunRequest,
  type SaveResult,
  type Schedule,
  type UpdateScheduleInput,
} from './schedules.schema.js';
import { iso, loadPeople, onCallUser, toVersion } from './schedules.view.js';
import { requireManager } from './schedules.access.js';
import { checksFor, saveVersion } from './version-save.js';

const FAR_FUTURE = new Date('9999-01-01T00:00:00Z');

/** Schedules as the API shows them: the version in effect now, planned changes, who is on call now. */
export async function toSchedules(db: Db, rows: ScheduleRow[], now: Date): Promise<Schedule[]> {
  const timelines = await loadTimelines(
    db,
    rows.map((r) => r.id),
    now,
    FAR_FUTURE,
  );
  const onCall = new Map(rows.map((r) => [r.id, onCallAt(timelines.get(r.id)!, now.getTime())]));
  const people = await loadPeople(db, [...onCall.values()].flat());
  return rows.map((row) => {
    const { versions } = timelines.get(row.id)!;
    const current = versionAt(versions, now.getTime());
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      teamId: row.team_id,
      timeZone: current?.definition.timeZone ?? row.time_zone,
      definition: current?.definition ?? { timeZone: row.time_zone, layers: [] },
      currentVersion: current?.number ?? null,
      upcomingVersions: versions
        .filter((v) => v.effectiveFrom > now.getTime() && (!current || v.number > current.number))
        .sort((a, b) => a.effectiveFrom - b.effectiveFrom)
        .map((v) => ({ number: v.number, effectiveFrom: iso(v.effectiveFrom) })),
      onCallNow: onCall.get(row.id)!.map((id) => onCallUser(people.get(id))),
      createdAt: iso(row.created_at),
      updatedAt: iso(row.updated_at),
    };
  });
}

export async function requireScheduleRow(
  db: Db,
  idOrName: string,
  options: { forUpdate?: boolean } = {},
): Promise<ScheduleRow> {
  const row = await findScheduleRow(db, idOrName, options);
  if (!row) throw notFound('Schedule', idOrName);
  return row;
}

export async function listSchedules(ctx: Ctx, filter: { team?: string } = {}): Promise<Schedule[]> {
  requireRole(ctx.actor, 'viewer', 'read schedules');
  const teamIds = filter.team ? [(await getTeam(ctx, filter.team)).id] : undefined;
  return toSchedules(ctx.db, await selectSchedules(ctx.db, teamIds ? { teamIds } : {}), ctx.clock.now());
}

export async function getSchedule(ctx: Ctx, idOrName: string): Promise<Schedule> {
  requireRole(ctx.actor, 'viewer', 'read schedules');
  const [schedule] = await toSchedules(ctx.db, [await requireScheduleRow(ctx.db, idOrName)], ctx.clock.now());
  return schedule!;
}

async function requireUniqueName(db: Db, name: string, exceptId?: string): Promise<void> {
  const existing = await findScheduleRow(db, name);
  if (existing && existing.id !== exceptId) {
    throw new AppError('conflict', `A schedule named "${existing.name}" already exists: choose another name.`, {
      details: { name },
    });
  }
}

async function requireTeamExists(ctx: Ctx, teamId: string | null): Promise<void> {
  if (!teamId) return;
  try {
    await getTeam(ctx, teamId);
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found')
      throw new AppError('bad_request', `Invalid schedule: teamId: team ${teamId} does not exist`);
    throw error;
  }
}

async function saveResult(
  ctx: Ctx,
  row: ScheduleRow,
  saved: Awaited<ReturnType<typeof saveVersion>>,
  definition: ScheduleDefinition,
): Promise<SaveResult> {
  const [schedule] = await toSchedules(ctx.db, [saved.schedule], ctx.clock.now());
  const from = saved.version?.effective_from ?? ctx.clock.now();
  const checks = await checksFor(ctx, row, definition, from, { warnings: saved.warnings });
  return { schedule: schedule!, version: saved.version ? toVersion(saved.version) : null, checks };
}

async function create(
  ctx: Ctx,
  meta: { name: string; description: string; teamId: string | null },
  definition: ScheduleDefinition,
  action: string,
): Promise<SaveResult> {
  requireRole(ctx.actor, 'responder', 'create schedules');
  await requireManager(
    ctx,
    meta.teamId,
    meta.teamId ? 'create schedules for this team' : 'create schedules without a team',
  );
  const checked = DefinitionSchema.parse(definition);
  return inTransaction(ctx.db, async (tx) => {
    const txCtx = withDb(ctx, tx);
    await requireUniqueName(tx, meta.name);
    await requireTeamExists(txCtx, meta.teamId);
    const now = ctx.clock.now();
    const row = await insertSchedule(tx, {
      id: newId(now),
      name: meta.name,
      description: meta.description,
      team_id: meta.teamId,
      time_zone: checked.timeZone,
      handoffs_checked_at: now,
      next_handoff_at: now,
      created_at: now,
      updated_at: now,
    });
    const saved = await saveVersion(txCtx, row, checked);
    const result = await saveResult(txCtx, row, saved, checked);
    await recordAudit(txCtx, {
      action,
      entityType: 'schedule',
      entityId: row.id,
      after: { ...result.schedule, onCallNow: undefined },
    });
    return result;
  });
}

export async function createSchedule(ctx: Ctx, input: CreateScheduleInput): Promise<SaveResult> {
  const data = CreateScheduleSchema.parse(input);
  return create(ctx, data, { timeZone: data.timeZone, layers: data.layers }, 'schedule.created');
}

/** The follow-the-sun template in one step: one layer per region, each covering its daytime. */
export async function createFollowTheSunSchedule(ctx: Ctx, input: FollowTheSunRequest): Promise<SaveResult> {
  const data = FollowTheSunSchema.parse(input);
  const definition = followTheSunDefinition({
    timeZone: data.timeZone,
    startDate: data.startDate,
    shift: data.shift,
    regions: data.regions,
  });
  return create(ctx, data, definition, 'schedule.created');
}

export async function updateSchedule(ctx: Ctx, idOrName: string, input: UpdateScheduleInput): Promise<SaveResult> {
  return inTransaction(ctx.db, async (tx) => {
    const txCtx = withDb(ctx, tx);
    const row = await requireScheduleRow(tx, idOrName, { forUpdate: true });
    await requireManager(txCtx, row.team_id, 'change this schedule');
    if (input.teamId !== undefined && input.teamId !== row.team_id) {
      await requireTeamExists(txCtx, input.teamId);
      await requireManager(txCtx, input.teamId, 'move schedules to this team');
    }
    if (input.name !== undefined) await requireUniqueName(tx, input.name, row.id);
    const [before] = await toSchedules(tx, [row], ctx.clock.now());
    const meta = {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.description !== undefined && { description: input.description }),
      ...(input.teamId !== undefined && { team_id: input.teamId }),
    };
    let current =
      Object.keys(meta).length > 0
        ? await updateScheduleRow(tx, row.id, { ...meta, updated_at: ctx.clock.now() })
        : row;
    const base = before!.definition;
    const definition = DefinitionSchema.parse({
      timeZone: input.timeZone ?? base.timeZone,
      layers: input.layers ?? base.layers,
    });
    const wantsVersion =
      input.layers !== undefined || input.timeZone !== undefined || input.effectiveFrom !== undefined;
    const saved = wantsVersion
      ? await saveVersion(txCtx, current, definition, {
          effectiveFrom: input.effectiveFrom ? new Date(input.effectiveFrom) : undefined,
        })
      : { schedule: current, version: null, warnings: [] };
    current = saved.schedule;
    const result = await saveResult(
      txCtx,
      current,
      saved,
      saved.version ? (saved.version.definition as ScheduleDefinition) : definition,
    );
    if (saved.version || Object.keys(meta).length > 0) {
      await recordAudit(txCtx, {
        action: 'schedule.updated',
        entityType: 'schedule',
        entityId: row.id,
        before: { ...before, onCallNow: undefined },
        after: {
          ...result.schedule,
          onCallNow: undefined,
          version: result.version?.number ?? null,
          summary: result.version?.summary ?? null,
        },
      });
    }
    return result;
  });
}

/**
 * Deletes a schedule. `beforeDelete` lets the app refuse when something else
 * still relies on it (an escalation policy), without this module importing it.
 */
export async function deleteSchedule(
  ctx: Ctx,
  idOrName: string,
  options: { beforeDelete?: (db: Ctx['db'], schedule: { id: string; name: string }) => Promise<void> } = {},
): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    const txCtx = withDb(ctx, tx);
    const row = await requireScheduleRow(tx, idOrName, { forUpdate: true });
    await requireManager(txCtx, row.team_id, 'delete this schedule');
    await options.beforeDelete?.(tx, { id: row.id, name: row.name });
    const [before] = await toSchedules(tx, [row], ctx.clock.now());
    await deleteScheduleRow(tx, row.id);
    await recordAudit(txCtx, {
      action: 'schedule.deleted',
      entityType: 'schedule',
      entityId: row.id,
      before: { ...before, onCallNow: undefined },
    });
  });
}

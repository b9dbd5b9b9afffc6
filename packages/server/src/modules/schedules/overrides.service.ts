/**
 * Use cases on overrides: list, create (add, replace, remove someone for a
 * window), remove, and "take the pager now". Overrides never reach into the
 * past: a start before now is moved to now, and removing one ends it now.
 * Everyone whose time on call changes is named in the event notify hears.
 */
import { inTransaction, type Db } from '../../db/client.js';
import { publishEvent } from '../../db/outbox.js';
import { AppError, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { requireRole } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { withDb, type Ctx } from '../context.js';
import { getUserRecord } from '../users/index.js';
import { finalPieces, versionAt, type ScheduleTimeline, type TimelineOverride } from './oncall/timeline.js';
import { HOUR_MS } from './oncall/zone-rules.js';
import { loadTimeline, toTimelineOverride } from './oncall.service.js';
import {
  findOverrideRow,
  insertOverride,
  markOverrideRemoved,
  selectOverridesForRange,
  type OverrideRow,
} from './overrides.repo.js';
import {
  CreateOverrideSchema,
  TakePagerSchema,
  type CreateOverrideInput,
  type Override,
  type TakePagerInput,
} from './overrides.schema.js';
import { actorUserId, canManage, requireSelfOrManager } from './schedules.access.js';
import type { ScheduleOverrideEvent } from './schedules.events.js';
import { requestHandoffCheck, type ScheduleRow } from './schedules.repo.js';
import { requireScheduleRow } from './schedules.service.js';
import { iso, loadPeople, onCallUser } from './schedules.view.js';
import { rangeOf } from './range.js';

const MAX_OVERRIDE_MS = 366 * 24 * HOUR_MS;

async function toOverrides(db: Db, rows: OverrideRow[], affected: string[][] = []): Promise<Override[]> {
  const people = await loadPeople(
    db,
    rows.flatMap((r) => [r.user_id, ...(r.replaces_user_id ? [r.replaces_user_id] : [])]),
  );
  return rows.map((r, i) => ({
    id: r.id,
    scheduleId: r.schedule_id,
    kind: r.kind,
    user: onCallUser(people.get(r.user_id)),
    replaces: r.replaces_user_id ? onCallUser(people.get(r.replaces_user_id)) : null,
    startsAt: iso(r.starts_at),
    endsAt: iso(r.ends_at),
    note: r.note,
    createdBy: r.created_by_label,
    createdAt: iso(r.created_at),
    removedAt: r.removed_at ? iso(r.removed_at) : null,
    removedBy: r.removed_by_label,
    affectedUserIds: affected[i] ?? [],
  }));
}

/** People whose time on call differs between two timelines over [from, to). */
export function affectedUsers(before: ScheduleTimeline, after: ScheduleTimeline, from: number, to: number): string[] {
  const a = finalPieces(before, from, to);
  const b = finalPieces(after, from, to);
  const changed = new Set<string>();
  const cuts = [...new Set([...a, ...b].flatMap((p) => [p.start, p.end]))].sort((x, y) => x - y);
  for (const t of cuts.slice(0, -1)) {
    const was = a.find((p) => p.start <= t && t < p.end)?.userIds ?? [];
    const now = b.find((p) => p.start <= t && t < p.end)?.userIds ?? [];
    for (const u of was) if (!now.includes(u)) changed.add(u);
    for (const u of now) if (!was.includes(u)) changed.add(u);
  }
  return [...changed].sort();
}

function eventOf(
  schedule: ScheduleRow,
  row: OverrideRow,
  affectedUserIds: string[],
  actorLabel: string,
  bySwapId: string | null = null,
): ScheduleOverrideEvent {
  return {
    scheduleId: schedule.id,
    scheduleName: schedule.name,
    overrideId: row.id,
    kind: row.kind,
    userId: row.user_id,
    replacesUserId: row.replaces_user_id,
    startsAt: iso(row.starts_at),
    endsAt: iso(row.ends_at),
    affectedUserIds,
    actorLabel,
    bySwapId,
  };
}

export async function listOverrides(
  ctx: Ctx,
  idOrName: string,
  query: { from?: string; to?: string },
): Promise<Override[]> {
  requireRole(ctx.actor, 'viewer', 'read schedules');
  const schedule = await requireScheduleRow(ctx.db, idOrName);
  const { from, to } = rangeOf(ctx.clock.now(), query);
  return toOverrides(ctx.db, await selectOverridesForRange(ctx.db, [schedule.id], from, to));
}

async function requireUser(db: Db, id: string, field: string): Promise<void> {
  const user = await getUserRecord(db, id);
  if (!user) throw new AppError('bad_request', `Invalid override: ${field}: no user has the id ${id}`);
  if (user.is_disabled)
    throw new AppError('bad_request', `Invalid override: ${field}: ${user.email} is disabled and cannot be on call`);
}

interface NewOverride {
  kind: TimelineOverride['kind'];
  userId: string;
  replacesUserId: string | null;
  startsAt: Date;
  endsAt: Date;
  note: string;
  /** The swap being taken, when that is what makes this override. */
  bySwapId?: string;
}

/** Inserts an override (the caller checked permissions and holds a transaction), publishes and audits it. */
export async function insertOverrideFor(
  ctx: Ctx,
  schedule: ScheduleRow,
  input: NewOverride,
): Promise<{ row: OverrideRow; affected: string[] }> {
  const now = ctx.clock.now();
  const startsAt = input.startsAt < now ? now : input.startsAt;
  if (input.endsAt.getTime() <= startsAt.getTime()) {
    throw new AppError(
      'bad_request',
      `Invalid override: it must end after it starts and after now (${iso(startsAt)}); it ends ${iso(input.endsAt)}.`,
    );
  }
  if (input.endsAt.getTime() - startsAt.getTime() > MAX_OVERRIDE_MS)
    throw new AppError('bad_request', 'Invalid override: it lasts more than 366 days: change the schedule instead.');
  if (input.kind !== 'replace' && input.replacesUserId)
    throw new AppError('bad_request', 'Invalid override: replacesUserId is for replace overrides only.');
  if (input.replacesUserId === input.userId)
    throw new AppError('bad_request', 'Invalid override: someone cannot replace themselves.');
  await requireUser(ctx.db, input.userId, 'userId');
  if (input.replacesUserId) await requireUser(ctx.db, input.replacesUserId, 'replacesUserId');
  const before = await loadTimeline(ctx.db, schedule.id, startsAt, input.endsAt);
  const { actor } = ctx;
  const row = await insertOverride(ctx.db, {
    id: newId(now),
    schedule_id: schedule.id,
    kind: input.kind,
    user_id: input.userId,
    replaces_user_id: input.replacesUserId,
    starts_at: startsAt,
    ends_at: input.endsAt,
    note: input.note,
    created_by_type: actor.type,
    created_by_id: actorUserId(actor) ?? null,
    created_by_label: actor.label,
    created_at: now,
    removed_at: null,
    removed_by_label: null,
  });
  const after = { ...before, overrides: [...before.overrides, toTimelineOverride(row)] };
  const affected = affectedUsers(before, after, startsAt.getTime(), input.endsAt.getTime());
  await publishEvent(
    ctx.db,
    now,
    'ScheduleOverrideCreated',
    eventOf(schedule, row, affected, actor.label, input.bySwapId ?? null),
    row.id,
  );
  await requestHandoffCheck(ctx.db, schedule.id, now);
  await recordAudit(ctx, {
    action: 'schedule.override_created',
    entityType: 'schedule',
    entityId: schedule.id,
    after: { ...eventOf(schedule, row, affected, actor.label), note: row.note },
  });
  return { row, affected };
}

async function definitionNow(ctx: Ctx, schedule: ScheduleRow) {
  const now = ctx.clock.now();
  return versionAt((await loadTimeline(ctx.db, schedule.id, now, new Date(now.getTime() + 1))).versions, now.getTime())
    ?.definition;
}

export async function createOverride(ctx: Ctx, idOrName: string, input: CreateOverrideInput): Promise<Override> {
  const data = CreateOverrideSchema.parse(input);
  return inTransaction(ctx.db, async (tx) => {
    const txCtx = withDb(ctx, tx);
    const schedule = await requireScheduleRow(tx, idOrName, { forUpdate: true });
    const involved = [data.userId, ...(data.replacesUserId ? [data.replacesUserId] : [])];
    await requireSelfOrManager(
      txCtx,
      involved,
      { teamId: schedule.team_id, definition: await definitionNow(txCtx, schedule) },
      'create overrides',
    );
    const { row, affected } = await insertOverrideFor(txCtx, schedule, {
      kind: data.kind,
      userId: data.userId,
      replacesUserId: data.kind === 'replace' ? (data.replacesUserId ?? null) : null,
      startsAt: new Date(data.startsAt),
      endsAt: new Date(data.endsAt),
      note: data.note,
    });
    return (await toOverrides(tx, [row], [affected]))[0]!;
  });
}

/** "Take the pager now": the user replaces everyone on call for the next `hours`. */
export async function takePager(ctx: Ctx, idOrName: string, input: TakePagerInput): Promise<Override> {
  const data = TakePagerSchema.parse(input);
  const userId = data.userId ?? actorUserId(ctx.actor);
  if (!userId) throw new AppError('bad_request', 'Say who takes the pager: userId.');
  return inTransaction(ctx.db, async (tx) => {
    const txCtx = withDb(ctx, tx);
    const schedule = await requireScheduleRow(tx, idOrName, { forUpdate: true });
    await requireSelfOrManager(
      txCtx,
      [userId],
      { teamId: schedule.team_id, definition: await definitionNow(txCtx, schedule) },
      'take the pager',
    );
    const now = ctx.clock.now();
    const { row, affected } = await insertOverrideFor(txCtx, schedule, {
      kind: 'replace',
      userId,
      replacesUserId: null,
      startsAt: now,
      endsAt: new Date(now.getTime() + Math.round(data.hours * HOUR_MS)),
      note: data.note || 'Took the pager',
    });
    return (await toOverrides(tx, [row], [affected]))[0]!;
  });
}

/** Ends an override now (or cancels it before it starts); what it already did stays. */
export async function removeOverride(ctx: Ctx, idOrName: string, overrideId: string): Promise<Override> {
  requireRole(ctx.actor, 'responder', 'remove overrides');
  return inTransaction(ctx.db, async (tx) => {
    const txCtx = withDb(ctx, tx);
    const schedule = await requireScheduleRow(tx, idOrName, { forUpdate: true });
    const row = await findOverrideRow(tx, schedule.id, overrideId);
    if (!row) throw notFound('Override', overrideId);
    const self = actorUserId(ctx.actor);
    const involved = self !== undefined && [row.user_id, row.replaces_user_id, row.created_by_id].includes(self);
    if (!involved && !(await canManage(txCtx, schedule.team_id))) {
      throw new AppError(
        'forbidden',
        "Only the people in an override, its author, an admin or a manager of the schedule's team can remove it.",
      );
    }
    const now = ctx.clock.now();
    if (row.removed_at)
      throw new AppError('conflict', `Override ${row.id} was already removed at ${iso(row.removed_at)}.`);
    if (row.ends_at <= now)
      throw new AppError('conflict', `Override ${row.id} ended at ${iso(row.ends_at)}: the past stays as it was.`);
    const from = row.starts_at > now ? row.starts_at : now;
    const before = await loadTimeline(tx, schedule.id, from, row.ends_at);
    const removed = await markOverrideRemoved(tx, row.id, now, ctx.actor.label);
    const after = { ...before, overrides: before.overrides.filter((o) => o.id !== row.id) };
    const affected = affectedUsers(before, after, from.getTime(), row.ends_at.getTime());
    await publishEvent(
      tx,
      now,
      'ScheduleOverrideRemoved',
      eventOf(schedule, removed, affected, ctx.actor.label),
      removed.id,
    );
    await requestHandoffCheck(tx, schedule.id, now);
    await recordAudit(txCtx, {
      action: 'schedule.override_removed',
      entityType: 'schedule',
      entityId: schedule.id,
      before: eventOf(schedule, row, affected, ctx.actor.label),
    });
    return (await toOverrides(tx, [removed], [affected]))[0]!;
  });
}

/**
 * The "cover me" market: someone offers part of their time on call (to
 * anyone in the schedule, or to one named person); whoever takes it gets a
 * replace override for that window. Managers may offer and take on behalf of
 * others. Offers expire when their window has passed.
 */
import { inTransaction, type Db } from '../../db/client.js';
import { publishEvent } from '../../db/outbox.js';
import { AppError, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { requireRole } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { withDb, type Ctx } from '../context.js';
import { getUserRecord } from '../users/index.js';
import { finalShifts, versionAt } from './oncall/timeline.js';
import { loadTimeline } from './oncall.service.js';
import { insertOverrideFor } from './overrides.service.js';
import { actorUserId, canManage, participantIds, requireSelfOrManager } from './schedules.access.js';
import type { SwapOfferedEvent, SwapTakenEvent } from './schedules.events.js';
import type { ScheduleRow } from './schedules.repo.js';
import { requireScheduleRow } from './schedules.service.js';
import { iso, loadPeople, localTime, onCallUser } from './schedules.view.js';
import { expireEndedSwaps, findSwapRow, insertSwap, selectSwaps, updateSwapRow, type SwapRow } from './swaps.repo.js';
import {
  CreateSwapSchema,
  TakeSwapSchema,
  type CreateSwapInput,
  type Swap,
  type TakeSwapInput,
} from './swaps.schema.js';

async function toSwaps(db: Db, rows: SwapRow[], now: Date): Promise<Swap[]> {
  const people = await loadPeople(
    db,
    rows.flatMap((r) => [r.offered_by, r.requested_user_id, r.taken_by].filter((id): id is string => id !== null)),
  );
  return rows.map((r) => ({
    id: r.id,
    scheduleId: r.schedule_id,
    offeredBy: onCallUser(people.get(r.offered_by)),
    requestedUser: r.requested_user_id ? onCallUser(people.get(r.requested_user_id)) : null,
    startsAt: iso(r.starts_at),
    endsAt: iso(r.ends_at),
    note: r.note,
    status: r.status === 'open' && r.ends_at <= now ? 'expired' : r.status,
    takenBy: r.taken_by ? onCallUser(people.get(r.taken_by)) : null,
    overrideId: r.override_id,
    createdBy: r.created_by_label,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  }));
}

async function definitionNow(ctx: Ctx, schedule: ScheduleRow) {
  const now = ctx.clock.now();
  return versionAt((await loadTimeline(ctx.db, schedule.id, now, new Date(now.getTime() + 1))).versions, now.getTime())
    ?.definition;
}

export async function listSwaps(ctx: Ctx, idOrName: string, status?: Swap['status']): Promise<Swap[]> {
  requireRole(ctx.actor, 'viewer', 'read schedules');
  const schedule = await requireScheduleRow(ctx.db, idOrName);
  const swaps = await toSwaps(ctx.db, await selectSwaps(ctx.db, schedule.id), ctx.clock.now());
  return status ? swaps.filter((s) => s.status === status) : swaps;
}

/** The offerer must be on call for the whole window they offer. */
async function requireOnCallThroughout(
  ctx: Ctx,
  schedule: ScheduleRow,
  userId: string,
  from: Date,
  to: Date,
  name: string,
): Promise<void> {
  const shifts = finalShifts(await loadTimeline(ctx.db, schedule.id, from, to), from.getTime(), to.getTime()).filter(
    (s) => s.userId === userId,
  );
  const covered = shifts.reduce((sum, s) => sum + s.end - s.start, 0);
  if (covered === to.getTime() - from.getTime()) return;
  const zone = schedule.time_zone;
  const during = shifts.map((s) => `${localTime(s.start, zone)} – ${localTime(s.end, zone)}`).join(', ');
  throw new AppError(
    'bad_request',
    `${name} is not on call for all of ${localTime(from.getTime(), zone)} – ${localTime(to.getTime(), zone)} (${zone}) in ${schedule.name}: ` +
      (during ? `only ${during}. Offer a window inside that time.` : 'not at all in that window.'),
    { details: { onCall: shifts.map((s) => ({ start: iso(s.start), end: iso(s.end) })) } },
  );
}

async function requireActiveUser(db: Db, id: string, field: string) {
  const user = await getUserRecord(db, id);
  if (!user) throw new AppError('bad_request', `Invalid swap: ${field}: no user has the id ${id}`);
  if (user.is_disabled) throw new AppError('bad_request', `Invalid swap: ${field}: ${user.email} is disabled`);
  return user;
}

export async function offerSwap(ctx: Ctx, idOrName: string, input: CreateSwapInput): Promise<Swap> {
  const data = CreateSwapSchema.parse(input);
  const offeredBy = data.userId ?? actorUserId(ctx.actor);
  if (!offeredBy) throw new AppError('bad_request', 'Say whose time is offered: userId.');
  return inTransaction(ctx.db, async (tx) => {
    const txCtx = withDb(ctx, tx);
    const schedule = await requireScheduleRow(tx, idOrName, { forUpdate: true });
    await requireSelfOrManager(
      txCtx,
      [offeredBy],
      { teamId: schedule.team_id, definition: await definitionNow(txCtx, schedule) },
      'offer swaps',
    );
    const now = ctx.clock.now();
    const startsAt = new Date(Math.max(new Date(data.startsAt).getTime(), now.getTime()));
    const endsAt = new Date(data.endsAt);
    if (endsAt <= startsAt)
      throw new AppError('bad_request', `Invalid swap: it must end after it starts and after now (${iso(startsAt)}).`);
    const offerer = await requireActiveUser(tx, offeredBy, 'userId');
    if (data.requestedUserId) {
      if (data.requestedUserId === offeredBy)
        throw new AppError('bad_request', 'Invalid swap: you cannot ask yourself to cover you.');
      await requireActiveUser(tx, data.requestedUserId, 'requestedUserId');
    }
    await requireOnCallThroughout(txCtx, schedule, offeredBy, startsAt, endsAt, offerer.name);
    const row = await insertSwap(tx, {
      id: newId(now),
      schedule_id: schedule.id,
      offered_by: offeredBy,
      requested_user_id: data.requestedUserId ?? null,
      starts_at: startsAt,
      ends_at: endsAt,
      note: data.note,
      status: 'open',
      taken_by: null,
      override_id: null,
      created_by_label: ctx.actor.label,
      created_at: now,
      updated_at: now,
    });
    const event: SwapOfferedEvent = {
      scheduleId: schedule.id,
      scheduleName: schedule.name,
      swapId: row.id,
      offeredBy,
      requestedUserId: row.requested_user_id,
      candidateUserIds: row.requested_user_id
        ? [row.requested_user_id]
        : (await participantIds(txCtx, await definitionNow(txCtx, schedule), schedule.team_id)).filter(
            (id) => id !== offeredBy,
          ),
      startsAt: iso(startsAt),
      endsAt: iso(endsAt),
      note: row.note,
    };
    await publishEvent(tx, now, 'SwapOffered', event, row.id);
    await recordAudit(txCtx, {
      action: 'schedule.swap_offered',
      entityType: 'schedule',
      entityId: schedule.id,
      after: event,
    });
    return (await toSwaps(tx, [row], now))[0]!;
  });
}

async function requireOpenSwap(ctx: Ctx, schedule: ScheduleRow, swapId: string): Promise<SwapRow> {
  await expireEndedSwaps(ctx.db, schedule.id, ctx.clock.now());
  const row = await findSwapRow(ctx.db, schedule.id, swapId, { forUpdate: true });
  if (!row) throw notFound('Swap', swapId);
  if (row.status !== 'open')
    throw new AppError('conflict', `Swap ${row.id} is ${row.status}: only open offers can be taken or cancelled.`);
  return row;
}

export async function takeSwap(ctx: Ctx, idOrName: string, swapId: string, input: TakeSwapInput = {}): Promise<Swap> {
  const data = TakeSwapSchema.parse(input);
  const takenBy = data.userId ?? actorUserId(ctx.actor);
  if (!takenBy) throw new AppError('bad_request', 'Say who takes the swap: userId.');
  return inTransaction(ctx.db, async (tx) => {
    const txCtx = withDb(ctx, tx);
    const schedule = await requireScheduleRow(tx, idOrName, { forUpdate: true });
    const swap = await requireOpenSwap(txCtx, schedule, swapId);
    await requireSelfOrManager(
      txCtx,
      [takenBy],
      { teamId: schedule.team_id, definition: await definitionNow(txCtx, schedule) },
      'take swaps',
    );
    if (takenBy === swap.offered_by)
      throw new AppError('bad_request', 'You cannot take your own offer: cancel it instead.');
    if (swap.requested_user_id && swap.requested_user_id !== takenBy) {
      const asked = (await loadPeople(tx, [swap.requested_user_id])).nameOf(swap.requested_user_id);
      throw new AppError('forbidden', `This swap was offered to ${asked} only.`);
    }
    const { row: override } = await insertOverrideFor(txCtx, schedule, {
      kind: 'replace',
      userId: takenBy,
      replacesUserId: swap.offered_by,
      startsAt: swap.starts_at,
      endsAt: swap.ends_at,
      note: swap.note ? `Swap: ${swap.note}` : 'Swap',
      bySwapId: swap.id,
    });
    const now = ctx.clock.now();
    const taken = await updateSwapRow(tx, swap.id, {
      status: 'taken',
      taken_by: takenBy,
      override_id: override.id,
      updated_at: now,
    });
    const event: SwapTakenEvent = {
      scheduleId: schedule.id,
      scheduleName: schedule.name,
      swapId: swap.id,
      overrideId: override.id,
      offeredBy: swap.offered_by,
      takenBy,
      startsAt: iso(override.starts_at),
      endsAt: iso(override.ends_at),
      actorLabel: ctx.actor.label,
    };
    await publishEvent(tx, now, 'SwapTaken', event, swap.id);
    await recordAudit(txCtx, {
      action: 'schedule.swap_taken',
      entityType: 'schedule',
      entityId: schedule.id,
      after: event,
    });
    return (await toSwaps(tx, [taken], now))[0]!;
  });
}

export async function cancelSwap(ctx: Ctx, idOrName: string, swapId: string): Promise<Swap> {
  requireRole(ctx.actor, 'responder', 'cancel swaps');
  return inTransaction(ctx.db, async (tx) => {
    const txCtx = withDb(ctx, tx);
    const schedule = await requireScheduleRow(tx, idOrName, { forUpdate: true });
    const swap = await requireOpenSwap(txCtx, schedule, swapId);
    if (actorUserId(ctx.actor) !== swap.offered_by && !(await canManage(txCtx, schedule.team_id))) {
      throw new AppError(
        'forbidden',
        "Only whoever offered a swap, an admin or a manager of the schedule's team can cancel it.",
      );
    }
    const now = ctx.clock.now();
    const cancelled = await updateSwapRow(tx, swap.id, { status: 'cancelled', updated_at: now });
    await recordAudit(txCtx, {
      action: 'schedule.swap_cancelled',
      entityType: 'schedule',
      entityId: schedule.id,
      before: { swapId: swap.id },
    });
    return (await toSwaps(tx, [cancelled], now))[0]!;
  });
}

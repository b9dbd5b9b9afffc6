/**
 * Hand-off notices: at each shift boundary, publish `ShiftStarted` once per
 * shift, naming who comes on call and who goes off, so notify can tell them.
 * Each schedule row carries when to look next (`next_handoff_at`); the
 * reconciler claims due rows FOR UPDATE SKIP LOCKED, announces the shifts that
 * began since it last looked (and are still running), and sets the next
 * boundary. Edits and overrides ask for a fresh look. The event's idempotency
 * key (schedule, person, start) makes each notice happen once across nodes.
 * It has the engine's Reconciler shape without importing the engine.
 */
import type { Db } from '../../db/client.js';
import { publishEvent } from '../../db/outbox.js';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import { finalPieces, type Piece } from './oncall/timeline.js';
import { DAY_MS, MINUTE_MS } from './oncall/zone-rules.js';
import { loadTimeline } from './oncall.service.js';
import type { ShiftStartedEvent } from './schedules.events.js';
import { claimDueHandoff, earliestHandoff, updateScheduleRow, type ScheduleRow } from './schedules.repo.js';

/** How far ahead the next boundary (and a shift's end) is looked for. */
const LOOKAHEAD_MS = 35 * DAY_MS;
/** Shifts that began longer ago than this (the server was down) are not announced late. */
const LATE_LIMIT_MS = DAY_MS;
const RETRY_AFTER_MS = MINUTE_MS;

export interface HandoffReconcilerOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
}

interface Start {
  userId: string;
  at: number;
  previousUserIds: string[];
}

/** Who comes on call at each boundary of the pieces (not at the first piece: that is where we look from). */
export function shiftStarts(pieces: Piece[]): Start[] {
  const starts: Start[] = [];
  for (let i = 1; i < pieces.length; i++) {
    const before = pieces[i - 1]!;
    const piece = pieces[i]!;
    const previous = before.end === piece.start ? before.userIds : [];
    const leaving = previous.filter((u) => !piece.userIds.includes(u));
    for (const userId of piece.userIds)
      if (!previous.includes(userId)) starts.push({ userId, at: piece.start, previousUserIds: leaving });
  }
  return starts;
}

function shiftEnd(pieces: Piece[], userId: string, start: number, horizon: number): number | null {
  let end = start;
  for (const piece of pieces) {
    if (piece.end <= start) continue;
    if (piece.start !== end || !piece.userIds.includes(userId)) break;
    end = piece.end;
  }
  return end >= horizon ? null : end;
}

export class HandoffReconciler {
  readonly name = 'schedule-handoffs';
  /** Hand-offs fall due with time; saving a schedule wakes the engines. */
  readonly dueByTime = true;

  constructor(private readonly options: HandoffReconcilerOptions) {}

  nextDueAt(): Promise<Date | null> {
    return earliestHandoff(this.options.db);
  }

  async runOnce(now: Date): Promise<boolean> {
    const { db, logger } = this.options;
    let claimed: ScheduleRow | undefined;
    try {
      return await db.transaction().execute(async (tx) => {
        claimed = await claimDueHandoff(tx, now);
        if (!claimed) return false;
        await this.announce(tx, claimed, now);
        return true;
      });
    } catch (error) {
      if (!claimed) throw error;
      logger.error({ err: error, scheduleId: claimed.id }, 'hand-off notices failed');
      await updateScheduleRow(db, claimed.id, { next_handoff_at: new Date(now.getTime() + RETRY_AFTER_MS) });
      return true;
    }
  }

  private async announce(tx: Db, schedule: ScheduleRow, now: Date): Promise<void> {
    const t = now.getTime();
    const from = Math.max(schedule.handoffs_checked_at.getTime(), t - LATE_LIMIT_MS);
    const horizon = t + LOOKAHEAD_MS;
    const pieces = finalPieces(
      await loadTimeline(tx, schedule.id, new Date(from), new Date(horizon)),
      Math.min(from, t),
      horizon,
    );
    const starts = shiftStarts(pieces);
    for (const start of starts) {
      if (start.at <= from || start.at > t) continue;
      const endsAt = shiftEnd(pieces, start.userId, start.at, horizon);
      if (endsAt !== null && endsAt <= t) continue; // over already: too late to tell
      const event: ShiftStartedEvent = {
        scheduleId: schedule.id,
        scheduleName: schedule.name,
        userId: start.userId,
        startsAt: new Date(start.at).toISOString(),
        endsAt: endsAt === null ? null : new Date(endsAt).toISOString(),
        previousUserId: start.previousUserIds[0] ?? null,
        previousUserIds: start.previousUserIds,
      };
      await publishEvent(tx, now, 'ShiftStarted', event, `${schedule.id}:${start.userId}:${start.at}`);
    }
    const next = starts.find((s) => s.at > t)?.at ?? horizon;
    await updateScheduleRow(tx, schedule.id, { handoffs_checked_at: now, next_handoff_at: new Date(next) });
  }
}

export function createHandoffReconciler(options: HandoffReconcilerOptions): HandoffReconciler {
  return new HandoffReconciler(options);
}

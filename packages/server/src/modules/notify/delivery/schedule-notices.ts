/**
 * Schedule change notices: when an override or a swap changes someone's time
 * on call, they are told (the person taking the time and the person losing
 * it), and when someone offers a swap, the people who could take it are
 * asked. Sent like hand-off notices (handoffs.ts): once per person and
 * change, by their preferred quiet method, as a `handoff` notification (the
 * kind for every schedule notice). Runs in the transaction that delivers the
 * schedules module's event; the idempotency keys make a re-delivery plan
 * nothing twice. The inputs mirror the schedules module's event payloads
 * (notify does not depend on schedules).
 */
import type { Db } from '../../../db/client.js';
import type { Clock } from '../../../lib/clock.js';
import { getUserRecord } from '../../users/index.js';
import { planQuietNotice, type ScheduleChangeDetails } from './handoffs.js';

interface ChangeWindow {
  scheduleId: string;
  scheduleName: string;
  startsAt: string;
  endsAt: string;
}

export interface OverrideChange extends ChangeWindow {
  overrideId: string;
  /** Who the override puts on call. */
  userId: string;
  /** Everyone whose time on call it changes (the covered people and `userId`). */
  affectedUserIds: string[];
  actorLabel: string;
  /** Set when taking a swap made it: planSwapTakenNotices tells the people. */
  bySwapId: string | null;
}

export interface SwapOffer extends ChangeWindow {
  swapId: string;
  offeredBy: string;
  candidateUserIds: string[];
  note: string;
}

export interface SwapTaking extends ChangeWindow {
  swapId: string;
  offeredBy: string;
  takenBy: string;
}

const nameOf = async (db: Db, userId: string): Promise<string> => (await getUserRecord(db, userId))?.name ?? 'someone';

const detailsOf = (
  change: ChangeWindow,
  rest: Omit<ScheduleChangeDetails, 'scheduleName' | 'startsAt' | 'endsAt'>,
): ScheduleChangeDetails => ({
  scheduleName: change.scheduleName,
  startsAt: change.startsAt,
  endsAt: change.endsAt,
  ...rest,
});

/**
 * An override was created (`removed` false) or removed: the person it puts on
 * call and the people it covers are told, each from their side.
 */
export async function planOverrideNotices(
  db: Db,
  clock: Clock,
  event: OverrideChange,
  removed: boolean,
): Promise<void> {
  if (!removed && event.bySwapId) return; // the swap's own notice says it better
  const change = removed ? 'override_removed' : 'override_created';
  const coverName = await nameOf(db, event.userId);
  for (const userId of new Set(event.affectedUserIds)) {
    const isCover = userId === event.userId;
    // Creating puts the cover on and the covered off; removing turns both back.
    const direction = isCover !== removed ? 'on' : 'off';
    await planQuietNotice(db, clock, {
      userId,
      key: `schedule:${change}:${event.overrideId}:${userId}`,
      details: detailsOf(event, {
        change,
        direction,
        otherName: isCover ? null : coverName,
        actorLabel: event.actorLabel,
      }),
    });
  }
}

/** A swap was offered: everyone who could take it is asked. */
export async function planSwapOfferedNotices(db: Db, clock: Clock, event: SwapOffer): Promise<void> {
  const offererName = await nameOf(db, event.offeredBy);
  for (const userId of new Set(event.candidateUserIds)) {
    if (userId === event.offeredBy) continue;
    await planQuietNotice(db, clock, {
      userId,
      key: `schedule:swap_offered:${event.swapId}:${userId}`,
      details: detailsOf(event, {
        change: 'swap_offered',
        direction: 'offer',
        otherName: offererName,
        note: event.note,
      }),
    });
  }
}

/** A swap was taken: the offerer hears who covers them, the taker that they are on call. */
export async function planSwapTakenNotices(db: Db, clock: Clock, event: SwapTaking): Promise<void> {
  const [offererName, takerName] = [await nameOf(db, event.offeredBy), await nameOf(db, event.takenBy)];
  await planQuietNotice(db, clock, {
    userId: event.offeredBy,
    key: `schedule:swap_taken:${event.swapId}:${event.offeredBy}`,
    details: detailsOf(event, { change: 'swap_taken', direction: 'off', otherName: takerName }),
  });
  await planQuietNotice(db, clock, {
    userId: event.takenBy,
    key: `schedule:swap_taken:${event.swapId}:${event.takenBy}`,
    details: detailsOf(event, { change: 'swap_taken', direction: 'on', otherName: offererName }),
  });
}

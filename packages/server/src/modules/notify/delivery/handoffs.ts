/**
 * Hand-off notices: when a shift starts, the person coming on call is told
 * (and the people going off), once, by their preferred quiet method (a
 * verified email, else their first verified method). Runs in the transaction
 * that delivers ShiftStarted; the idempotency key makes a re-delivery plan
 * nothing twice. The other schedule notices (overrides, swaps:
 * schedule-notices.ts) go out the same way, as the same kind.
 */
import type { Db } from '../../../db/client.js';
import { toJson } from '../../../db/client.js';
import type { Clock } from '../../../lib/clock.js';
import { selectUsableMethods } from '../contact-methods.repo.js';
import { planNotification } from './jobs.js';

export interface HandoffDetails {
  scheduleName: string;
  startsAt: string;
  endsAt: string | null;
  /** 'on': this person's shift begins; 'off': their shift ended. */
  direction: 'on' | 'off';
}

/** An override or swap that changes someone's time on call (schedule-notices.ts). */
export interface ScheduleChangeDetails {
  change: 'override_created' | 'override_removed' | 'swap_offered' | 'swap_taken';
  scheduleName: string;
  startsAt: string;
  endsAt: string;
  /** 'on': this person is on call for the window; 'off': they are not; 'offer': they are asked to cover it. */
  direction: 'on' | 'off' | 'offer';
  /** The other person in the change (who covers, whose time it was), when the message names them. */
  otherName: string | null;
  actorLabel?: string;
  note?: string;
}

/** What a `handoff` notification's details hold: a hand-off, or another schedule change. */
export type ScheduleNoticeDetails = HandoffDetails | ScheduleChangeDetails;

export interface ShiftStartedPayload {
  scheduleId: string;
  scheduleName: string;
  userId: string;
  startsAt: string;
  endsAt: string | null;
  previousUserIds: string[];
}

export async function planHandoffNotices(db: Db, clock: Clock, event: ShiftStartedPayload): Promise<void> {
  const notices: Array<{ userId: string; details: HandoffDetails }> = [
    {
      userId: event.userId,
      details: { scheduleName: event.scheduleName, startsAt: event.startsAt, endsAt: event.endsAt, direction: 'on' },
    },
    ...event.previousUserIds
      .filter((id) => id !== event.userId)
      .map((userId) => ({
        userId,
        details: {
          scheduleName: event.scheduleName,
          startsAt: event.startsAt,
          endsAt: null,
          direction: 'off' as const,
        },
      })),
  ];
  for (const notice of notices) {
    await planQuietNotice(db, clock, {
      userId: notice.userId,
      key: `handoff:${event.scheduleId}:${event.startsAt}:${notice.userId}:${notice.details.direction}`,
      details: notice.details,
    });
  }
}

/**
 * Queues one schedule notice (kind `handoff`) to `userId` by their preferred
 * quiet method: a verified email, else their first verified method; nobody
 * to tell is fine (the schedule itself shows who is on call). `key` is the
 * notification's idempotency key.
 */
export async function planQuietNotice(
  db: Db,
  clock: Clock,
  notice: { userId: string; key: string; details: ScheduleNoticeDetails },
): Promise<void> {
  const mine = await selectUsableMethods(db, [notice.userId]);
  const method = mine.find((m) => m.type === 'email') ?? mine[0];
  if (!method) return;
  await planNotification(db, clock, {
    idempotency_key: notice.key,
    kind: 'handoff',
    incident_id: null,
    user_id: notice.userId,
    contact_method_id: method.id,
    channel_id: null,
    details: toJson(notice.details),
    send_at: clock.now(),
  });
}

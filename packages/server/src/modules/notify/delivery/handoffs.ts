/**
 * Hand-off notices: when a shift starts, the person coming on call is told
 * (and the people going off), once, by their preferred quiet method (a
 * verified email, else their first verified method). Runs in the transaction
 * that delivers ShiftStarted; the idempotency key makes a re-delivery plan
 * nothing twice.
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
    { userId: event.userId, details: { scheduleName: event.scheduleName, startsAt: event.startsAt, endsAt: event.endsAt, direction: 'on' } },
    ...event.previousUserIds
      .filter((id) => id !== event.userId)
      .map((userId) => ({ userId, details: { scheduleName: event.scheduleName, startsAt: event.startsAt, endsAt: null, direction: 'off' as const } })),
  ];
  const methods = await selectUsableMethods(db, notices.map((n) => n.userId));
  for (const notice of notices) {
    const mine = methods.filter((m) => m.user_id === notice.userId);
    const method = mine.find((m) => m.type === 'email') ?? mine[0];
    if (!method) continue; // nobody to tell; the schedule itself shows who is on call
    await planNotification(db, clock, {
      idempotency_key: `handoff:${event.scheduleId}:${event.startsAt}:${notice.userId}:${notice.details.direction}`,
      kind: 'handoff',
      incident_id: null,
      user_id: notice.userId,
      contact_method_id: method.id,
      channel_id: null,
      details: toJson(notice.details),
      send_at: clock.now(),
    });
  }
}

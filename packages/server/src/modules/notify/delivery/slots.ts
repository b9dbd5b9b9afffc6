/**
 * Slots: a page's first attempt takes one in its method's throttle window
 * (or waits for the bundle), and an SMS that offers actions a reply code.
 * Read under the methods' sending locks (readSlots), then taken in order,
 * each counting the ones before it (takeSlot): by the deliveries' decisions
 * (decide.ts) and by a batch deciding its first pages (first-pages.ts) alike.
 */
import type { Db } from '../../../db/client.js';
import type { Clock } from '../../../lib/clock.js';
import type { ContactMethodRow } from '../contact-methods.repo.js';
import type { NotifyDeps } from '../notify.deps.js';
import { lockAndSelectSendingState } from '../notifications.repo.js';
import { offersIncidentActions, pageReasonOf } from './reasons.js';
import { chooseReplyCode, replyCodesSince } from './reply-codes.js';
import { isThrottled, windowStart } from './throttle.js';

/** What the methods' slots were when read, changed as slots are taken. */
export interface Slots {
  now: Date;
  /** Messages in the throttle window, by method id. */
  recent: Map<string, number>;
  /** Reply codes given, by phone number. */
  codes: Map<string, Array<{ code: string; incidentId: string }>>;
  /** The status of each incident holding a code. */
  statuses: Map<string, string>;
}

/** Locks sending to `methods` until the transaction ends and reads their slots (lockAndSelectSendingState). */
export async function readSlots(
  tx: Db,
  clock: Clock,
  deps: NotifyDeps,
  methods: readonly ContactMethodRow[],
): Promise<Slots> {
  const now = clock.now();
  const state = await lockAndSelectSendingState(tx, methods, {
    sentSince: windowStart(now, deps.settings.throttle),
    codesSince: replyCodesSince(now),
  });
  return { now, ...state };
}

export type Slot = { throttled: true; sent: number } | { throttled: false; replyCode: string | null };

/** Takes the next slot of `method` for a page about `incident` with `details` (its reason): throttled, or sent now with its reply code. */
export function takeSlot(
  slots: Slots,
  deps: NotifyDeps,
  method: ContactMethodRow,
  incident: { id: string; status: string },
  details: unknown,
): Slot {
  const sent = slots.recent.get(method.id) ?? 0;
  if (isThrottled(sent, deps.settings.throttle)) return { throttled: true, sent };
  slots.recent.set(method.id, sent + 1);
  let replyCode: string | null = null;
  // A hand-off asked or a reminder offers no acknowledge or resolve, so takes no code.
  if (method.type === 'sms' && offersIncidentActions(pageReasonOf(details))) {
    const given = slots.codes.get(method.address) ?? [];
    if (given.length === 0) slots.codes.set(method.address, given);
    slots.statuses.set(incident.id, incident.status);
    replyCode = chooseReplyCode(given, incident.id, (id) => slots.statuses.get(id)) ?? null;
    // The next page to this number sees the code taken, its incident open.
    if (replyCode !== null) given.push({ code: replyCode, incidentId: incident.id });
  }
  return { throttled: false, replyCode };
}

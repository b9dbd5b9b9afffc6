/**
 * Deciding deliveries: in a short transaction, whether each notification goes
 * out now (skip it if its incident no longer needs it, see reasons.ts; hold it
 * for a bundle if its method is flooded, give an SMS its reply code).
 *
 * Deliveries claimed together decide together: decide() gathers the calls
 * made in the same turn of the event loop and decides them in one
 * transaction, reading what every decision needs with one query per kind of
 * fact, then going through them in order as if one at a time (a slot taken,
 * a reply code given, counts for the next one). If that transaction fails,
 * each is decided again alone, so one broken notification only fails itself.
 */
import { inTransaction, type Db } from '../../../db/client.js';
import { enqueueJob } from '../../../db/outbox.js';
import type { Clock } from '../../../lib/clock.js';
import { getAlertContexts, type AlertContext } from '../../alerts/index.js';
import { getIncidentSummaries, type IncidentSummary } from '../../incidents/index.js';
import { appendTimelineEntry } from '../../timeline/index.js';
import { lockNotificationsWithMethods, type ContactMethodRow } from '../contact-methods.repo.js';
import type { NotifyDeps } from '../notify.deps.js';
import { keyFor } from '../notify.deps.js';
import { countAttempts, updateNotificationRow, type NotificationRow } from '../notifications.repo.js';
import { verificationCode, verificationExpiry } from '../verification-code.js';
import type { ComposeContext } from './compose.js';
import { describeMethod } from './describe.js';
import type { ScheduleNoticeDetails } from './handoffs.js';
import { BUNDLE_JOB, notifyWriter, type BundlePayload } from './jobs.js';
import { isPageDue, pageReasonOf } from './reasons.js';
import { readSlots, takeSlot } from './slots.js';
import { bundleAt } from './throttle.js';

export type Decision =
  | { send: false }
  | { send: true; row: NotificationRow; method: ContactMethodRow; ownerName: string; context: ComposeContext };

interface Request {
  notificationId: string;
  attempt: number;
}

const skip = async (db: Db, clock: Clock, row: NotificationRow, attempt: number, why: string): Promise<Decision> => {
  await updateNotificationRow(db, row.id, {
    status: 'skipped',
    error: why,
    attempts: attempt,
    updated_at: clock.now(),
  });
  return { send: false };
};

async function holdForBundle(
  db: Db,
  clock: Clock,
  deps: NotifyDeps,
  row: NotificationRow,
  method: ContactMethodRow,
  ownerName: string,
  recent: number,
): Promise<Decision> {
  const now = clock.now();
  const at = bundleAt(now, deps.settings.throttle);
  await updateNotificationRow(db, row.id, { status: 'bundled', updated_at: now });
  await enqueueJob(
    db,
    {
      kind: BUNDLE_JOB,
      key: `${BUNDLE_JOB}:${method.id}:${at.toISOString()}`,
      payload: { contactMethodId: method.id, at: at.toISOString() } satisfies BundlePayload,
      runAt: at,
      maxAttempts: 3,
    },
    now,
  );
  await appendTimelineEntry(db, notifyWriter(clock), row.incident_id!, {
    kind: 'notification_bundled',
    message: `Held back ${describeMethod(method)} to ${ownerName}: ${recent} messages in the last ${deps.settings.throttle.windowMinutes} minutes, so this one goes out in a summary at ${at.toISOString().slice(11, 16)} UTC`,
    data: { notificationId: row.id, bundleAt: at.toISOString() },
  });
  return { send: false };
}

/** A decision to send, its attempt counted (and for a page's first attempt, its slot and reply code) when all are decided. */
interface Send {
  index: number;
  method: ContactMethodRow;
  ownerName: string;
  context: ComposeContext;
  patch: { sent_at?: Date; reply_code?: string | null };
}

/** A page's first attempt, waiting for a slot in its method's throttle window. */
interface Pending {
  index: number;
  row: NotificationRow;
  method: ContactMethodRow;
  ownerName: string;
  incident: IncidentSummary;
  alert?: AlertContext;
}

/** Decides `requests` in one transaction; the decisions come back in the same order. */
export async function decideMany(db: Db, clock: Clock, deps: NotifyDeps, requests: Request[]): Promise<Decision[]> {
  return inTransaction(db, async (tx) => {
    const found = await lockNotificationsWithMethods(
      tx,
      requests.map((r) => r.notificationId),
    );
    const pageIncidents = [...found.values()]
      .filter((f) => f.row.kind === 'page' && f.row.incident_id)
      .map((f) => f.row.incident_id!);
    const incidents = await getIncidentSummaries(tx, pageIncidents);
    const alerts = await getAlertContexts(tx, pageIncidents);
    const decisions: Decision[] = requests.map(() => ({ send: false }));
    // Every decision to send counts an attempt; written together at the end.
    const sends: Send[] = [];
    const pending: Pending[] = [];
    for (const [index, { notificationId, attempt }] of requests.entries()) {
      const entry = found.get(notificationId);
      if (!entry || entry.row.status !== 'queued') continue;
      const { row, method, owner } = entry;
      if (!method) {
        decisions[index] = await skip(
          tx,
          clock,
          row,
          attempt,
          'The contact method was deleted before the message went out',
        );
        continue;
      }
      const ownerName = owner?.name ?? 'a deleted user';
      const send = (context: ComposeContext) => sends.push({ index, method, ownerName, context, patch: {} });
      if (row.kind === 'verification') {
        const current = method.verification_expires_at?.getTime() === verificationExpiry(row.created_at).getTime();
        if (method.verified_at || !current)
          decisions[index] = await skip(
            tx,
            clock,
            row,
            attempt,
            'A newer code was requested, or the method is already verified',
          );
        else
          send({
            verificationCode: verificationCode(await keyFor(deps, 'verification-codes'), method.id, row.created_at),
          });
        continue;
      }
      if (row.kind === 'test') {
        send({});
        continue;
      }
      if (row.kind === 'handoff') {
        send({ handoff: row.details as ScheduleNoticeDetails });
        continue;
      }
      // A page.
      const incident = row.incident_id ? incidents.get(row.incident_id) : undefined;
      const why = !incident
        ? 'The incident no longer exists'
        : !isPageDue(pageReasonOf(row.details), incident.status)
          ? `Incident #${incident.number} is already ${incident.status}`
          : !method.verified_at || method.disabled_at
            ? 'The contact method is no longer verified and enabled'
            : owner?.isDisabled !== false
              ? 'The person was disabled or deleted'
              : undefined;
      if (why || !incident) {
        decisions[index] = await skip(tx, clock, row, attempt, why ?? 'The incident no longer exists');
        continue;
      }
      // A retry keeps the slot and reply code its first attempt took.
      const alert = alerts.get(incident.id);
      if (row.sent_at !== null) send({ incident, ...(alert && { alert }) });
      else pending.push({ index, row, method, ownerName, incident, ...(alert && { alert }) });
    }
    if (pending.length > 0) await takeSlots(tx, clock, deps, pending, decisions, sends);
    if (sends.length === 0) return decisions;
    const updated = await countAttempts(
      tx,
      sends.map((send) => ({
        id: requests[send.index]!.notificationId,
        attempts: requests[send.index]!.attempt,
        ...send.patch,
      })),
      clock.now(),
    );
    for (const send of sends) {
      decisions[send.index] = {
        send: true,
        row: updated.get(requests[send.index]!.notificationId)!,
        method: send.method,
        ownerName: send.ownerName,
        context: send.context,
      };
    }
    return decisions;
  });
}

/**
 * First attempts of pages: holding the methods' locks, each takes a slot in
 * its method's throttle window (or waits for the bundle) and an SMS its reply
 * code, in order, each one counting the ones before it (slots.ts).
 */
async function takeSlots(
  tx: Db,
  clock: Clock,
  deps: NotifyDeps,
  pending: Pending[],
  decisions: Decision[],
  sends: Send[],
): Promise<void> {
  const slots = await readSlots(
    tx,
    clock,
    deps,
    pending.map((p) => p.method),
  );
  for (const { index, row, method, ownerName, incident, alert } of pending) {
    const slot = takeSlot(slots, deps, method, incident, row.details);
    if (slot.throttled) {
      decisions[index] = await holdForBundle(tx, clock, deps, row, method, ownerName, slot.sent);
      continue;
    }
    sends.push({
      index,
      method,
      ownerName,
      context: { incident, ...(alert && { alert }) },
      patch: { sent_at: slots.now, reply_code: slot.replyCode },
    });
  }
}

interface Waiting extends Request {
  resolve(decision: Decision): void;
  reject(error: unknown): void;
}

/** By database handle: deliveries decide together only on the same one. */
const waiting = new WeakMap<Db, Waiting[]>();

/**
 * Decides one delivery, together with the others asked for in the same turn
 * of the event loop (the deliveries one claim runs side by side).
 */
export function decide(
  db: Db,
  clock: Clock,
  deps: NotifyDeps,
  notificationId: string,
  attempt: number,
): Promise<Decision> {
  return new Promise((resolve, reject) => {
    let queue = waiting.get(db);
    if (!queue) {
      waiting.set(db, (queue = []));
      setImmediate(() => {
        waiting.delete(db);
        void decideWaiting(db, clock, deps, queue!);
      });
    }
    queue.push({ notificationId, attempt, resolve, reject });
  });
}

async function decideWaiting(db: Db, clock: Clock, deps: NotifyDeps, queue: Waiting[]): Promise<void> {
  try {
    const decisions = await decideMany(db, clock, deps, queue);
    queue.forEach((w, i) => w.resolve(decisions[i]!));
    return;
  } catch (error) {
    if (queue.length === 1) {
      queue[0]!.reject(error);
      return;
    }
  }
  // Together they failed: alone, only the broken one fails.
  for (const w of queue) {
    try {
      w.resolve((await decideMany(db, clock, deps, [w]))[0]!);
    } catch (error) {
      w.reject(error);
    }
  }
}

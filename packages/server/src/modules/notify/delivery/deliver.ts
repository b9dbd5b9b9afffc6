/**
 * The 'notify.deliver' job: one message to one contact method. In a short
 * transaction it decides (decide.ts: skip if the incident no longer needs
 * it, hold for a bundle if the method is flooded, give an SMS its
 * reply code; together with the deliveries claimed with it); then it
 * calls the provider outside any transaction; then the result is recorded,
 * with the timeline, together with the other sends of its claim
 * (recordSends). Lease mode: at least once, the row's status making a
 * repeat after success a no-op.
 */
import type { Db } from '../../../db/client.js';
import type { Clock } from '../../../lib/clock.js';
import type { IncidentSummary } from '../../incidents/index.js';
import { appendTimelineEntriesIf, appendTimelineEntry } from '../../timeline/index.js';
import { expireContactMethodRow, type ContactMethodRow } from '../contact-methods.repo.js';
import type { NotifyDeps } from '../notify.deps.js';
import { markSentGate, updateNotificationRow, type NotificationRow } from '../notifications.repo.js';
import { composeForMethod, providerFor } from './compose.js';
import { decide, type Decision } from './decide.js';
import { ProviderError } from '../providers/provider-error.js';
import { describeMethod } from './describe.js';
import { failNotification } from './failure.js';
import { notifyWriter } from './jobs.js';

/** A send the provider accepted, to be recorded with the others of its claim (recordSends). */
export interface SentRecord {
  row: NotificationRow;
  method: ContactMethodRow;
  ownerName: string;
  providerMessageId: string;
  incident: IncidentSummary | undefined;
}

/**
 * Records the sends of a claim together: each notification marked sent
 * unless something (a status callback) already moved it on, and for each
 * page so marked an entry on its incident's timeline; one statement for
 * them all (ADR 33).
 */
export async function recordSends(db: Db, clock: Clock, records: readonly SentRecord[]): Promise<void> {
  if (records.length === 0) return;
  const gate = markSentGate(
    records.map(({ row, method, providerMessageId }) => ({ id: row.id, provider: method.type, providerMessageId })),
    clock.now(),
  );
  const pages = records.filter((r) => r.row.kind === 'page' && r.incident);
  if (pages.length === 0) {
    await gate.execute(db);
    return;
  }
  await appendTimelineEntriesIf(
    db,
    gate,
    notifyWriter(clock),
    pages.map(({ row, method, ownerName, incident }) => ({
      key: row.id,
      incidentId: incident!.id,
      entry: {
        kind: 'notified',
        message: `Notified ${ownerName} by ${describeMethod(method)}`,
        data: { notificationId: row.id, userId: row.user_id, contactMethodId: method.id, type: method.type },
      },
    })),
  );
}

/** A push service's 404 or 410: the subscription is gone for good (RFC 8030 §7.3). */
function isGoneSubscription(method: ContactMethodRow, error: unknown): boolean {
  return (
    method.type === 'push' &&
    error instanceof ProviderError &&
    (error.details.status === 404 || error.details.status === 410)
  );
}

/**
 * Decides (unless `prepared` holds its first attempt's decision) and sends;
 * returns the send to record (recordSends, with the rest of the claim), or
 * nothing when there was nothing to send.
 */
export async function deliverNotification(
  db: Db,
  clock: Clock,
  deps: NotifyDeps,
  notificationId: string,
  attempt: { number: number; max: number },
  prepared?: Decision,
): Promise<SentRecord | undefined> {
  // Decided by the batch that planned it (first-pages.ts), for its first attempt only.
  const decision =
    prepared?.send && prepared.row.id === notificationId && attempt.number === 1
      ? prepared
      : await decide(db, clock, deps, notificationId, attempt.number);
  if (!decision.send) return undefined;
  const { row, method, ownerName, context } = decision;
  let providerMessageId: string;
  try {
    const message = await composeForMethod(deps, clock, row, method, context);
    ({ providerMessageId } = await providerFor(deps, method.type).send(message, row.idempotency_key));
  } catch (error) {
    const reason = (error as Error).message;
    if (isGoneSubscription(method, error)) {
      // No retry can reach a subscription its push service calls gone: stop using it now and fall back.
      await expireContactMethodRow(db, method.id, clock.now());
      await failNotification(db, clock, row.id, `${reason}. Tocsin no longer sends to it`);
      return undefined;
    }
    await updateNotificationRow(db, row.id, { error: reason.slice(0, 2000), updated_at: clock.now() });
    if (row.kind === 'page' && row.incident_id && attempt.number < attempt.max) {
      await appendTimelineEntry(db, notifyWriter(clock), row.incident_id, {
        kind: 'notification_retrying',
        message: `${describeMethod(method)} to ${ownerName} failed (attempt ${attempt.number} of ${attempt.max}), retrying: ${reason}`,
        data: { notificationId: row.id, attempt: attempt.number },
      });
    }
    throw error;
  }
  return { row, method, ownerName, providerMessageId, incident: context.incident };
}

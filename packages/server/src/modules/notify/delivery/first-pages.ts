/**
 * First pages decided where they are planned (ADR 39). In an alerts batch,
 * a page due at once about an incident the batch opens is decided in the
 * batch, just before its rows are written: it takes its slot in the
 * method's throttle window and an SMS its reply code as a delivery's
 * decision would (slots.ts, the same code, under the same locks), its
 * notification is written with them and its first attempt counted, and its
 * job is written leased to this node (db/outbox.ts, leaseDeferredJob). Once
 * the batch commits, this node's job queue runs it with the decision in
 * hand: no claim, no deciding transaction. A page the batch cannot decide
 * alone (throttled, its incident or alert not held by the batch, a method
 * or person no longer usable, no job queue in this process) is left to the
 * delivery, which decides it as before. If this process dies before the
 * send, the lease runs out and any node's claim decides the job as a retry:
 * the slot and reply code its first attempt took are kept (decide.ts).
 */
import { changeDeferred, deferBeforeWriting, deferredRowsOf } from '../../../db/batch.js';
import type { Db } from '../../../db/client.js';
import { transactionValue } from '../../../db/context.js';
import { leaseDeferredJob, localRunnerFor } from '../../../db/outbox.js';
import type { Clock } from '../../../lib/clock.js';
import { heldAlertContexts } from '../../alerts/index.js';
import { heldIncidentSummaries, incidentNumbers } from '../../incidents/index.js';
import { userNamesOnce } from '../../users/index.js';
import { selectMethodsByIds } from '../contact-methods.repo.js';
import type { NotifyDeps } from '../notify.deps.js';
import type { NotificationRow } from '../notifications.repo.js';
import type { Decision } from './decide.js';
import { isPageDue, pageReasonOf } from './reasons.js';
import { readSlots, takeSlot } from './slots.js';

/** A page planned in this batch, due at once: its notification's id and its job. */
export interface PlannedPage {
  notificationId: string;
  job: { kind: string; key: string };
}

const PLANNED = 'notify.first-pages';

/**
 * Offers a page just planned (planNotification) to be decided in its batch
 * before the batch's rows are written; anywhere but a fail-fast batch, or
 * with no job queue here to run it, nothing happens and the delivery
 * decides it.
 */
export function decideAtCommit(db: Db, clock: Clock, deps: NotifyDeps, page: PlannedPage): void {
  let planned = transactionValue.get<PlannedPage[]>(db, PLANNED);
  if (!planned) {
    if (!localRunnerFor(db, page.job.kind)) return;
    const pages: PlannedPage[] = [];
    if (!deferBeforeWriting(db, PLANNED, (tx) => decideFirstPages(tx, clock, deps, pages))) return;
    transactionValue.set(db, PLANNED, (planned = pages));
  }
  planned.push(page);
}

async function decideFirstPages(tx: Db, clock: Clock, deps: NotifyDeps, pages: readonly PlannedPage[]): Promise<void> {
  const now = clock.now();
  // The rows as the batch will write them; a key planned twice writes once, so is left to the delivery.
  const held = deferredRowsOf(tx, 'notifications');
  const keys = new Map<string, number>();
  for (const row of held) keys.set(row.idempotency_key, (keys.get(row.idempotency_key) ?? 0) + 1);
  const planned = new Set(pages.map((page) => page.notificationId));
  const rows = new Map(held.filter((row) => planned.has(row.id)).map((row) => [row.id, row]));
  const candidates = pages.flatMap((page) => {
    const found = rows.get(page.notificationId);
    if (found?.kind !== 'page' || keys.get(found.idempotency_key) !== 1) return [];
    const row = asRow(found);
    return row.incident_id && row.contact_method_id
      ? [{ page, row, incidentId: row.incident_id, methodId: row.contact_method_id }]
      : [];
  });
  if (candidates.length === 0) return;
  const incidentIds = candidates.map((c) => c.incidentId);
  const incidents = await heldIncidentSummaries(tx, incidentIds, now);
  const alerts = heldAlertContexts(tx, incidentIds);
  const methods = await selectMethodsByIds(
    tx,
    candidates.map((c) => c.methodId),
  );
  const owners = new Map(
    (
      await userNamesOnce(
        tx,
        candidates.flatMap((c) => (c.row.user_id ? [c.row.user_id] : [])),
      )
    ).map((u) => [u.id, u]),
  );
  const ready = candidates.flatMap((candidate) => {
    const incident = incidents.get(candidate.incidentId);
    const alert = alerts.get(candidate.incidentId);
    const method = methods.get(candidate.methodId);
    const owner = candidate.row.user_id ? owners.get(candidate.row.user_id) : undefined;
    // What a delivery's decision would skip it for, it decides (and says) itself.
    const usable =
      incident &&
      alert &&
      method &&
      owner &&
      !owner.is_disabled &&
      method.verified_at !== null &&
      method.disabled_at === null &&
      isPageDue(pageReasonOf(candidate.row.details), incident.status);
    return usable ? [{ ...candidate, incident, alert, method, ownerName: owner.name }] : [];
  });
  if (ready.length === 0) return;
  const slots = await readSlots(
    tx,
    clock,
    deps,
    ready.map((r) => r.method),
  );
  for (const { page, row, incident, alert, method, ownerName } of ready) {
    const slot = takeSlot(slots, deps, method, incident, row.details);
    // Held for a bundle: the delivery holds it, with its timeline entry.
    if (slot.throttled) continue;
    const decided: NotificationRow = {
      ...row,
      sent_at: slots.now,
      reply_code: slot.replyCode,
      attempts: 1,
      updated_at: slots.now,
    };
    // The notification first: a job not leased after all is claimed as usual, and decided as a retry that keeps these.
    const written = changeDeferred(
      tx,
      'notifications',
      (held) => held.id === row.id,
      (held) => ({
        ...held,
        sent_at: decided.sent_at,
        reply_code: decided.reply_code,
        attempts: 1,
        updated_at: decided.updated_at,
      }),
    );
    if (!written) continue;
    leaseDeferredJob(tx, page.job, async (after): Promise<Decision> => {
      const number = (await incidentNumbers(after, [incident.id])).get(incident.id)!;
      return { send: true, row: decided, method, ownerName, context: { incident: { ...incident, number }, alert } };
    });
  }
}

/** A deferred notification row as the table gives it back once written. */
function asRow(row: ReturnType<typeof deferredRowsOf<'notifications'>>[number]): NotificationRow {
  return {
    id: row.id,
    idempotency_key: row.idempotency_key,
    kind: row.kind,
    incident_id: row.incident_id ?? null,
    user_id: row.user_id ?? null,
    contact_method_id: row.contact_method_id ?? null,
    channel_id: row.channel_id ?? null,
    status: row.status,
    provider: row.provider ?? null,
    provider_message_id: row.provider_message_id ?? null,
    reply_code: row.reply_code ?? null,
    error: row.error ?? null,
    details: typeof row.details === 'string' ? JSON.parse(row.details) : (row.details ?? null),
    attempts: row.attempts ?? 0,
    send_at: new Date(row.send_at),
    sent_at: row.sent_at == null ? null : new Date(row.sent_at),
    created_at: new Date(row.created_at),
    updated_at: new Date(row.updated_at),
  };
}

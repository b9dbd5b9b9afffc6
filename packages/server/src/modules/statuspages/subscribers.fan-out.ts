/**
 * Telling subscribers about a page update, through the durable queue (ADR 23):
 *
 * 1. FAN_OUT_JOB (transaction mode, queued by migration 0020's trigger for
 *    every update row) writes one status_page_deliveries row per recipient
 *    (unique per update and recipient) and queues one DELIVER_UPDATE_JOB per
 *    row it added, in the claiming transaction: exactly once.
 * 2. DELIVER_UPDATE_JOB (lease mode) sends one message and marks its row
 *    sent; a row already sent is skipped, so a repeated job sends nothing.
 *    Only a crash between the receiver's acceptance and that mark repeats a
 *    message, with the same Message-ID / Idempotency-Key.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/client.js';
import { wakeEngines } from '../../db/outbox.js';
import type { Clock } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import {
  createTeamsProvider,
  fetchWithTimeout,
  type ProviderResponse,
  isPrivateRefusal,
  userChosenDestination,
  webhookSignature,
} from '../notify/index.js';
import { findPageRow } from './statuspages.repo.js';
import { confirmMail, updateAnnouncement, updateMail, updateWebhookBody } from './subscribers.messages.js';
import {
  findAnnouncerRow,
  findDeliveryRow,
  findSubscriberRow,
  insertDeliveries,
  selectAnnouncers,
  selectRecipients,
  selectUpdateForMessage,
  updateDeliveryRow,
  type DeliveryRow,
  type UpdateForMessage,
} from './subscribers.repo.js';
import { confirmToken, confirmUrl, unsubscribeToken, unsubscribeUrl } from './subscribers.tokens.js';
import {
  DELIVER_UPDATE_JOB,
  subscriberKeyPurpose,
  SUBSCRIBER_MAX_ATTEMPTS,
  type SubscribersDeps,
} from './subscribers.types.js';

/** Rows written per statement when a page has many subscribers. */
const CHUNK = 1000;

/** Plans the deliveries of one update (inside the fan-out job's transaction). */
export async function fanOutUpdate(db: Db, clock: Clock, updateId: string): Promise<number> {
  const update = await selectUpdateForMessage(db, updateId);
  if (!update) return 0; // deleted with its page incident meanwhile
  const now = clock.now();
  const recipients = [
    ...(
      await selectRecipients(
        db,
        update.page_id,
        update.components.map((c) => c.id),
      )
    ).map((s) => ({ id: s.id, kind: s.kind })),
    ...(await selectAnnouncers(db, update.page_id)).map((a) => ({ id: a.id, kind: a.kind })),
  ];
  let planned = 0;
  for (let i = 0; i < recipients.length; i += CHUNK) {
    const added = await insertDeliveries(
      db,
      recipients.slice(i, i + CHUNK).map((r) => ({
        id: newId(now),
        update_id: update.update_id,
        page_id: update.page_id,
        recipient_id: r.id,
        kind: r.kind,
        created_at: now,
      })),
    );
    if (added.length === 0) continue;
    await db
      .insertInto('engine_jobs')
      .values(
        added.map((d) => ({
          kind: DELIVER_UPDATE_JOB,
          key: `${DELIVER_UPDATE_JOB}:${d.id}`,
          payload: JSON.stringify({ deliveryId: d.id }),
          run_at: now,
          max_attempts: SUBSCRIBER_MAX_ATTEMPTS,
          created_at: now,
        })),
      )
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    planned += added.length;
  }
  if (planned > 0) await wakeEngines(db, DELIVER_UPDATE_JOB, { evenFromEngine: true });
  return planned;
}

/** Thrown to the queue so it tries again later. */
class RetryableSendError extends Error {
  override readonly name = 'RetryableSendError';
}

const isRetryableStatus = (status: number) => status >= 500 || status === 408 || status === 429;

async function settle(db: Db, clock: Clock, row: DeliveryRow, attempt: number, error: string | null, final: boolean) {
  await updateDeliveryRow(db, row.id, {
    status: error === null ? 'sent' : final ? 'failed' : 'pending',
    attempts: attempt,
    error,
    sent_at: error === null ? clock.now() : null,
  });
}

async function postJson(
  provider: string,
  what: string,
  url: string,
  body: string,
  headers: Record<string, string>,
  deps: SubscribersDeps,
): Promise<{ error: string | null; final: boolean }> {
  let response: ProviderResponse;
  try {
    const destination = userChosenDestination(provider, url, deps.allowPrivateAddresses);
    response = await fetchWithTimeout(
      provider,
      what,
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body },
      deps.timeoutMs,
      destination,
    );
  } catch (error) {
    return { error: (error as Error).message, final: isPrivateRefusal(error) };
  }
  const text = await response.text().catch(() => '');
  if (response.ok) return { error: null, final: false };
  return {
    error: `${what} answered ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`,
    final: !isRetryableStatus(response.status),
  };
}

async function sendEmail(
  row: DeliveryRow,
  update: UpdateForMessage,
  deps: SubscribersDeps,
  to: string,
): Promise<{ error: string | null; final: boolean }> {
  if (!deps.mail) return { error: 'No SMTP server is configured', final: true };
  const unsubscribe = unsubscribeUrl(deps.publicUrl, unsubscribeToken(await deps.linkKey(), row.recipient_id));
  const mail = updateMail(update, deps.publicUrl, unsubscribe);
  const domain = /@([^>\s]+)>?\s*$/.exec(deps.mail.from)?.[1] ?? 'tocsin.invalid';
  try {
    await deps.mail.transport.sendMail({
      from: deps.mail.from,
      to,
      ...mail,
      messageId: `<status-${row.id}@${domain}>`,
      headers: {
        'List-Unsubscribe': `<${unsubscribe}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        'X-Tocsin-Idempotency-Key': row.id,
      },
    });
    return { error: null, final: false };
  } catch (error) {
    const err = error as Error & { responseCode?: number; response?: string };
    // 5xx from SMTP is a permanent refusal of this address; the rest (4xx, connection) is tried again.
    return {
      error: `The SMTP server refused the message: ${err.response ?? err.message}`,
      final: (err.responseCode ?? 0) >= 500,
    };
  }
}

/** One attempt at one delivery; `attempt` is the job's attempt number. */
export async function deliverUpdate(
  db: Db,
  clock: Clock,
  deps: SubscribersDeps,
  deliveryId: string,
  attempt: number,
): Promise<void> {
  const row = await findDeliveryRow(db, deliveryId);
  if (!row || row.status !== 'pending') return; // sent already (a repeated lease), or gone with its update
  const update = await selectUpdateForMessage(db, row.update_id);
  if (!update) return;
  let outcome: { error: string | null; final: boolean };
  if (row.kind === 'email' || row.kind === 'webhook') {
    const subscriber = await findSubscriberRow(db, row.recipient_id);
    if (!subscriber || !subscriber.confirmed_at) {
      await settle(db, clock, row, attempt, 'The subscriber unsubscribed or was removed', true);
      return;
    }
    if (row.kind === 'email') outcome = await sendEmail(row, update, deps, subscriber.target);
    else {
      const body = JSON.stringify(updateWebhookBody(update, deps.publicUrl, row.id));
      const key = await deps.signingKey(subscriberKeyPurpose(subscriber.id, subscriber.secret_version));
      outcome = await postJson(
        'webhook',
        `The webhook at ${new URL(subscriber.target).host}`,
        subscriber.target,
        body,
        {
          'user-agent': 'Tocsin-Webhook/1',
          'tocsin-signature': webhookSignature(key, Math.floor(clock.now().getTime() / 1000), body),
          'tocsin-event': 'statuspage.update',
          'idempotency-key': row.id,
        },
        deps,
      );
    }
  } else {
    const announcer = await findAnnouncerRow(db, row.recipient_id);
    if (!announcer) {
      await settle(db, clock, row, attempt, 'The announcement URL was removed', true);
      return;
    }
    const message = updateAnnouncement(update, deps.publicUrl, announcer.url, row.id);
    if (announcer.kind === 'teams') {
      try {
        await createTeamsProvider(deps.timeoutMs, { allowPrivateAddresses: deps.allowPrivateAddresses }).send(
          message,
          row.id,
        );
        outcome = { error: null, final: false };
      } catch (error) {
        const status = (error as { details?: { status?: number } }).details?.status;
        outcome = {
          error: (error as Error).message,
          final: isPrivateRefusal(error) || (status !== undefined && !isRetryableStatus(status)),
        };
      }
    } else {
      // A Slack incoming webhook: JSON with text (and blocks); it answers 200 "ok".
      const link = message.links[0]!;
      const body = JSON.stringify({
        text: `${message.subject}\n${update.body}`.slice(0, 3000),
        blocks: [
          { type: 'section', text: { type: 'mrkdwn', text: `*${slackEscape(message.subject)}*` } },
          { type: 'section', text: { type: 'mrkdwn', text: slackEscape(update.body).slice(0, 2900) } },
          { type: 'context', elements: [{ type: 'mrkdwn', text: `<${link.url}|${slackEscape(link.label)}>` }] },
        ],
        unfurl_links: false,
      });
      outcome = await postJson('slack', 'The Slack incoming webhook', announcer.url, body, {}, deps);
    }
  }
  const final = outcome.error !== null && (outcome.final || attempt >= SUBSCRIBER_MAX_ATTEMPTS);
  await settle(db, clock, row, attempt, outcome.error, final);
  if (outcome.error !== null && !final) throw new RetryableSendError(outcome.error);
}

const slackEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The queue gave up after the last attempt. */
export async function failDelivery(db: Db, deliveryId: string, message: string): Promise<void> {
  await sql`UPDATE status_page_deliveries SET status = 'failed', error = ${message.slice(0, 2000)}
    WHERE id = ${deliveryId} AND status = 'pending'`.execute(db);
}

/** Sends the confirmation mail of a sign-up, unless a newer sign-up or the confirmation replaced it. */
export async function sendConfirmMail(
  db: Db,
  deps: SubscribersDeps,
  subscriberId: string,
  requestedAt: number,
): Promise<void> {
  const row = await findSubscriberRow(db, subscriberId);
  if (!row || row.confirmed_at || row.confirm_requested_at?.getTime() !== requestedAt) return;
  if (!deps.mail) return;
  const page = await findPageRow(db, row.page_id);
  if (!page) return;
  const link = confirmUrl(deps.publicUrl, confirmToken(await deps.linkKey(), row.id, row.confirm_requested_at));
  const mail = confirmMail(page.name, link);
  const domain = /@([^>\s]+)>?\s*$/.exec(deps.mail.from)?.[1] ?? 'tocsin.invalid';
  await deps.mail.transport.sendMail({
    from: deps.mail.from,
    to: row.target,
    ...mail,
    messageId: `<status-confirm-${row.id}-${requestedAt}@${domain}>`,
    headers: { 'X-Tocsin-Idempotency-Key': `confirm:${row.id}:${requestedAt}` },
  });
}

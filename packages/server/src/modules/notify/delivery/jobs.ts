/**
 * The job kinds notify runs and how a notification is queued: the row and its
 * job are written together, in the caller's transaction, both keyed by the
 * notification's idempotency key so planning twice sends once.
 */
import type { Insertable } from 'kysely';
import type { Db } from '../../../db/client.js';
import type { NotificationsTable } from '../../../db/schema.js';
import { insertDeferrable } from '../../../db/batch.js';
import { enqueueJob, enqueueJobDeferrable, type EnqueueJob } from '../../../db/outbox.js';
import { systemActor } from '../../../lib/actor.js';
import type { Clock } from '../../../lib/clock.js';
import { newId } from '../../../lib/ids.js';
import type { TimelineContext } from '../../timeline/index.js';
import { insertNotification, type NotificationRow } from '../notifications.repo.js';

export const DELIVER_JOB = 'notify.deliver';
export const BUNDLE_JOB = 'notify.bundle';
export const CHANNEL_JOB = 'notify.channel';
export const SLACK_UPDATE_JOB = 'notify.slack-update';

/** Pages give up after three attempts (about 30 s of backoff) so the fallback method is tried quickly. */
export const PAGE_MAX_ATTEMPTS = 3;
export const OTHER_MAX_ATTEMPTS = 5;

/** Whose name is on notify's timeline entries. */
export const NOTIFY_ACTOR = systemActor('Tocsin');

/** Notify writes the timeline as the engine: nobody asked, Tocsin did it on its own. */
export const notifyWriter = (clock: Clock): TimelineContext => ({ clock, actor: NOTIFY_ACTOR, source: 'engine' });

export interface DeliverPayload {
  notificationId: string;
}

export interface BundlePayload {
  contactMethodId: string;
  at: string;
}

export type NewNotification = Omit<Insertable<NotificationsTable>, 'id' | 'status' | 'created_at' | 'updated_at'> & {
  created_at?: Date;
};

const jobFor = (
  row: Pick<NotificationRow, 'id' | 'channel_id' | 'idempotency_key' | 'kind'> & { send_at: Date | string },
): EnqueueJob => {
  const kind = row.channel_id !== null ? CHANNEL_JOB : DELIVER_JOB;
  return {
    kind,
    key: `${kind}:${row.idempotency_key}`,
    payload: { notificationId: row.id } satisfies DeliverPayload,
    runAt: new Date(row.send_at),
    maxAttempts: row.kind === 'page' ? PAGE_MAX_ATTEMPTS : OTHER_MAX_ATTEMPTS,
  };
};

const newRow = (clock: Clock, fields: NewNotification) => {
  const now = clock.now();
  return {
    id: newId(now),
    status: 'queued' as const,
    updated_at: now,
    ...fields,
    channel_id: fields.channel_id ?? null,
    created_at: fields.created_at ?? now,
  };
};

/** Writes a queued notification and its delivery job; returns undefined if the key was already planned. */
export async function queueNotification(
  db: Db,
  clock: Clock,
  fields: NewNotification,
): Promise<NotificationRow | undefined> {
  const row = await insertNotification(db, newRow(clock, fields));
  if (!row) return undefined;
  await enqueueJob(db, jobFor(row), clock.now());
  return row;
}

/**
 * queueNotification for a caller that needs nothing back (planning pages and
 * notices): the row and its job are written at the commit (db/batch.ts: in a
 * batch with the batch's others, anywhere else at once). A key already
 * planned is skipped, row and job alike (both are keyed by it, and are
 * always written together).
 */
export async function planNotification(
  db: Db,
  clock: Clock,
  fields: NewNotification,
): Promise<{ notificationId: string; job: { kind: string; key: string } }> {
  const row = newRow(clock, fields);
  await insertDeferrable(db, 'notifications', row, { onConflictDoNothing: 'idempotency_key' });
  const job = jobFor(row);
  await enqueueJobDeferrable(db, job, clock.now());
  return { notificationId: row.id, job: { kind: job.kind, key: job.key! } };
}

/** "<step>:<user>:" — the prefix every page of one user in one escalation step shares. */
export function stepPrefix(row: Pick<NotificationRow, 'idempotency_key' | 'user_id'>): string | undefined {
  if (!row.user_id) return undefined;
  const at = row.idempotency_key.indexOf(`:${row.user_id}:`);
  return at < 0 ? undefined : row.idempotency_key.slice(0, at + row.user_id.length + 2);
}

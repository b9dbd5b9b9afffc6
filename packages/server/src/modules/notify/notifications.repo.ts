/** The only SQL on notifications: one row per message Tocsin sends or decides not to send. */
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../db/client.js';
import { compiledOnce } from '../../db/compiled.js';
import { lockOrder } from '../../db/locks.js';
import type { NotificationsTable } from '../../db/schema.js';
import { isUuid } from '../../lib/ids.js';

export type NotificationRow = Selectable<NotificationsTable>;

/** Inserts unless a row with the same idempotency key exists; returns the new row or undefined. */
export async function insertNotification(
  db: Db,
  row: Insertable<NotificationsTable>,
): Promise<NotificationRow | undefined> {
  return db
    .insertInto('notifications')
    .values(row)
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function findNotification(
  db: Db,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<NotificationRow | undefined> {
  if (!isUuid(id)) return undefined;
  let q = db.selectFrom('notifications').selectAll().where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function findNotificationByKey(
  db: Db,
  idempotencyKey: string,
  options: { forUpdate?: boolean } = {},
): Promise<NotificationRow | undefined> {
  let q = db.selectFrom('notifications').selectAll().where('idempotency_key', '=', idempotencyKey);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function findNotificationByProviderId(
  db: Db,
  providers: string[],
  providerMessageId: string,
): Promise<NotificationRow | undefined> {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('provider', 'in', providers)
    .where('provider_message_id', '=', providerMessageId)
    .forUpdate()
    .executeTakeFirst();
}

export async function updateNotificationRow(
  db: Db,
  id: string,
  patch: Updateable<NotificationsTable>,
): Promise<NotificationRow> {
  return db.updateTable('notifications').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** One provider's acceptance of a notification, for markSentGate. */
export interface SentMark {
  id: string;
  provider: string;
  providerMessageId: string;
}

/**
 * Marks each notification sent unless something (a status callback) already
 * moved it on from queued; returns the ids it marked. A statement to run as a
 * gate (a CTE): on its own, or before the timeline entries it decides.
 */
export const markSentGate = (marks: readonly SentMark[], now: Date) => sql<{ id: string }>`
  UPDATE notifications n
  SET status = 'sent', provider = v.provider, provider_message_id = v.provider_message_id, sent_at = ${now},
    error = NULL, updated_at = ${now}
  FROM unnest(${marks.map((m) => m.id)}::uuid[], ${marks.map((m) => m.provider)}::text[],
              ${marks.map((m) => m.providerMessageId)}::text[]) AS v(id, provider, provider_message_id)
  WHERE n.id = v.id AND n.status = 'queued'
  RETURNING n.id`;

/**
 * Counts an attempt on each notification, in one statement; a page's first
 * attempt also keeps when it took its throttle slot (sent_at) and its reply
 * code. Returns the rows after, by id.
 */
export async function countAttempts(
  db: Db,
  attempts: Array<{ id: string; attempts: number; sent_at?: Date; reply_code?: string | null }>,
  now: Date,
): Promise<Map<string, NotificationRow>> {
  if (attempts.length === 0) return new Map();
  const first = attempts.map((a) => a.sent_at !== undefined);
  const result = await sql<NotificationRow>`
    UPDATE notifications n SET
      attempts = v.attempts,
      updated_at = ${now},
      sent_at = CASE WHEN v.first THEN v.sent_at ELSE n.sent_at END,
      reply_code = CASE WHEN v.first THEN v.reply_code ELSE n.reply_code END
    FROM unnest(${attempts.map((a) => a.id)}::uuid[], ${attempts.map((a) => a.attempts)}::int[], ${first}::bool[],
                ${attempts.map((a) => a.sent_at ?? null)}::timestamptz[], ${attempts.map((a) => a.reply_code ?? null)}::text[])
      AS v(id, attempts, first, sent_at, reply_code)
    WHERE n.id = v.id
    RETURNING n.*`.execute(db);
  return new Map(result.rows.map((row) => [row.id, row]));
}

const sendingLockKey = (method: { id: string; type: string; address: string }) =>
  method.type === 'sms' ? `notify:sms:${method.address}` : `notify:${method.id}`;

/** What slots are taken by (slots.ts): sends in each method's throttle window, and the reply codes each SMS number holds. */
export interface SendingState {
  /** Messages that went (or are going) out to each method since the window began, by method id; missing means none. */
  recent: Map<string, number>;
  /** The reply codes given to each SMS number since `codesSince`, by number. */
  codes: Map<string, Array<{ code: string; incidentId: string }>>;
  /** The status of each incident holding one of those codes. */
  statuses: Map<string, string>;
}

/**
 * Serialises decisions about sending to these contact methods (their throttle
 * and, for SMS, the reply codes of the phone number) across nodes, until
 * commit, and reads their sending state once the locks are granted: the
 * throttle's counts and the reply codes with their incidents' status. An SMS
 * method is locked by its number, which also covers the method. One round
 * trip (migration 0031's sending_state_locked), the locks always taken in the
 * same order, so two deciders cannot deadlock.
 */
export async function lockAndSelectSendingState(
  db: Db,
  methods: ReadonlyArray<{ id: string; type: string; address: string }>,
  input: { sentSince: Date; codesSince: Date },
): Promise<SendingState> {
  const state: SendingState = { recent: new Map(), codes: new Map(), statuses: new Map() };
  if (methods.length === 0) return state;
  const methodIds = [...new Set(methods.map((m) => m.id))].filter(isUuid);
  const numbers = [...new Set(methods.filter((m) => m.type === 'sms').map((m) => m.address))];
  const { rows } = await sql<{
    key: string;
    n: number | null;
    code: string | null;
    incident_id: string | null;
    status: string | null;
  }>`
    SELECT * FROM sending_state_locked(${lockOrder(methods.map(sendingLockKey))}::text[], ${methodIds}::uuid[],
      ${input.sentSince}, ${numbers}::text[], ${input.codesSince})`.execute(db);
  for (const row of rows) {
    if (row.code === null) {
      state.recent.set(row.key, Number(row.n));
      continue;
    }
    const given = state.codes.get(row.key) ?? [];
    if (given.length === 0) state.codes.set(row.key, given);
    given.push({ code: row.code, incidentId: row.incident_id! });
    if (row.status !== null) state.statuses.set(row.incident_id!, row.status);
  }
  return state;
}

/** Pages held back for a method's bundle and not yet summarised, oldest first. */
export async function selectHeldPages(db: Db, contactMethodId: string, upTo: Date): Promise<NotificationRow[]> {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('contact_method_id', '=', contactMethodId)
    .where('status', '=', 'bundled')
    .where('provider_message_id', 'is', null)
    .where('updated_at', '<=', upTo)
    .orderBy('created_at')
    .forUpdate()
    .execute();
}

/** The contact methods already planned or used for one user in one escalation step. */
export async function selectMethodsUsedInStep(db: Db, keyPrefix: string): Promise<string[]> {
  const rows = await db
    .selectFrom('notifications')
    .select('contact_method_id')
    .where('idempotency_key', 'like', `${keyPrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
    .where('contact_method_id', 'is not', null)
    .execute();
  return [...new Set(rows.map((r) => r.contact_method_id!))];
}

/** The newest page to this phone number that carried `code`. */
export async function findByReplyCode(db: Db, address: string, code: string): Promise<NotificationRow | undefined> {
  return db
    .selectFrom('notifications as n')
    .innerJoin('contact_methods as m', 'm.id', 'n.contact_method_id')
    .selectAll('n')
    .where('m.address', '=', address)
    .where('m.type', '=', 'sms')
    .where('n.reply_code', '=', code)
    .orderBy('n.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Slack messages posted about an incident (DMs and channel notices), to update when it moves on. */
export async function selectSlackMessages(db: Db, incidentId: string): Promise<NotificationRow[]> {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .where('provider', '=', 'slack')
    .where('provider_message_id', 'is not', null)
    .where('status', 'in', ['sent', 'delivered'])
    .orderBy('created_at')
    .execute();
}

export async function selectNotifications(
  db: Db,
  filter: { incidentId?: string; userId?: string; limit: number },
): Promise<NotificationRow[]> {
  let q = db
    .selectFrom('notifications')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit);
  if (filter.incidentId) q = q.where('incident_id', '=', filter.incidentId);
  if (filter.userId) q = q.where('user_id', '=', filter.userId);
  return q.execute();
}

/** The newest notification of a kind for a method (resend and test rate limits). */
export async function findLatestForMethod(
  db: Db,
  contactMethodId: string,
  kind: NotificationRow['kind'],
): Promise<NotificationRow | undefined> {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('contact_method_id', '=', contactMethodId)
    .where('kind', '=', kind)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Pages carried by a bundle message. */
export async function selectBundleMembers(db: Db, bundleId: string): Promise<NotificationRow[]> {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('status', '=', 'bundled')
    .where('provider_message_id', '=', bundleId)
    .orderBy('created_at')
    .execute();
}

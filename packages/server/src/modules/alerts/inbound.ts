/**
 * Storing inbound events: the one durable step between a sender and a 2xx.
 * Every ingest source calls acceptEvents; when it returns, the events are
 * committed (or part of the caller's transaction) and the engines on every
 * node are being woken to process them.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/client.js';
import { handleValue } from '../../db/context.js';
import { ENGINE_CHANNEL } from '../../db/outbox.js';
import type { Clock } from '../../lib/clock.js';
import type { InboundEvent } from './inbound.types.js';

/** The NOTIFY payload that tells engines new inbound events are waiting. */
export const INBOUND_NOTIFY_PAYLOAD = 'inbound';

/**
 * Stores events for one integration key, then wakes the engines.
 *
 * Outside a transaction (the ingest hot path) the events join a group
 * commit (storeGrouped): requests that arrive while earlier inserts are in
 * flight share one multi-row INSERT, and each caller returns once the
 * statement that holds its events has committed. The wake-up is a NOTIFY
 * sent after that commit, coalesced per database pool: a transaction
 * that NOTIFYs takes a database-wide lock at commit, which serialises every
 * such commit: with one NOTIFY per event, bench:ingest fell to a tenth
 * of the raw insert rate.
 * Inside the caller's transaction the NOTIFY joins it, so it is only heard if
 * the events commit.
 */
export async function acceptEvents(
  db: Db,
  clock: Clock,
  integrationKeyId: string,
  events: InboundEvent[],
): Promise<void> {
  if (events.length === 0) return;
  const receivedAt = clock.now();
  const rows: InboundRow[] = events.map((event) => ({
    integration_key_id: integrationKeyId,
    received_at: receivedAt,
    action: event.action,
    dedup_key: event.dedupKey,
    alert: storableJson(event.alert),
    raw: storableJson(event.raw),
  }));
  if (db.isTransaction) {
    await db
      .with('stored', (q) =>
        q
          .insertInto('inbound_events')
          .values(rows.map((row) => ({ ...row, processed_at: null, result: null })))
          .returning('id'),
      )
      .selectNoFrom(sql<string>`pg_notify(${ENGINE_CHANNEL}, ${INBOUND_NOTIFY_PAYLOAD})`.as('woken'))
      .execute();
    return;
  }
  await storeGrouped(db, rows);
  wakeEngines(db);
}

interface InboundRow {
  integration_key_id: string;
  received_at: Date;
  action: InboundEvent['action'];
  dedup_key: string;
  /** JSON text (storableJson). */
  alert: string;
  raw: string;
}

/** INSERTs of grouped events in flight at once per database pool; requests arriving meanwhile wait and go together. */
export const GROUP_COMMIT_IN_FLIGHT = 4;
/** Rows in one grouped INSERT at most; the rest wait for the next. */
export const GROUP_COMMIT_MAX_ROWS = 500;

interface Waiting {
  rows: InboundRow[];
  resolve(): void;
  reject(error: unknown): void;
}

/** Where the group commit's queue lives: one per database handle (its pool), kept by the db layer (db/context.ts). */
const GROUP = 'alerts.inbound-group';

/**
 * Group commit. While fewer than GROUP_COMMIT_IN_FLIGHT inserts are running,
 * a request's rows go at once (a quiet system waits for nothing); otherwise
 * they wait, and the next insert to start takes every waiting request (up to
 * GROUP_COMMIT_MAX_ROWS rows) in one statement: the window is the time the
 * earlier inserts take, so a storm shares commits and a trickle does not
 * wait. Each request is settled only after the statement holding its rows
 * has committed (an INSERT outside a transaction commits before it
 * answers), so 202 still means durable. If a grouped INSERT fails on a row
 * (an unknown key, a bad value), its requests are stored again one per
 * statement, so only the request holding that row fails; if the database
 * is slow or away, every request of the group fails as it would have alone
 * (503: the senders retry).
 */
function storeGrouped(db: Db, rows: InboundRow[]): Promise<void> {
  const state = handleValue(db, GROUP, () => ({ waiting: [] as Waiting[], inFlight: 0 }));
  return new Promise<void>((resolve, reject) => {
    state.waiting.push({ rows, resolve, reject });
    startGroup(db, state);
  });
}

function startGroup(db: Db, state: { waiting: Waiting[]; inFlight: number }): void {
  if (state.inFlight >= GROUP_COMMIT_IN_FLIGHT || state.waiting.length === 0) return;
  const group: Waiting[] = [];
  let count = 0;
  while (
    state.waiting.length > 0 &&
    (group.length === 0 || count + state.waiting[0]!.rows.length <= GROUP_COMMIT_MAX_ROWS)
  ) {
    const next = state.waiting.shift()!;
    group.push(next);
    count += next.rows.length;
  }
  state.inFlight++;
  insertRows(
    db,
    group.flatMap((w) => w.rows),
  )
    .then(
      () => group.forEach((w) => w.resolve()),
      async (error: unknown) => {
        // A database that is slow or away fails them all alike (503, the senders retry); storing each alone would only pile up.
        if (group.length === 1 || !isRowError(error)) return group.forEach((w) => w.reject(error));
        // A bad row (an unknown key, a value out of range): each alone, so only its own request fails.
        for (const w of group) await insertRows(db, w.rows).then(w.resolve, w.reject);
      },
    )
    .finally(() => {
      state.inFlight--;
      startGroup(db, state);
    });
}

/** Data exceptions and integrity violations: errors that belong to a row, not to the database. */
function isRowError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

/** One statement whatever the number of rows, so it is prepared once per connection. */
async function insertRows(db: Db, rows: InboundRow[]): Promise<void> {
  await sql`
    INSERT INTO inbound_events (integration_key_id, received_at, action, dedup_key, alert, raw)
    SELECT * FROM unnest(${rows.map((r) => r.integration_key_id)}::uuid[], ${rows.map((r) => r.received_at)}::timestamptz[],
      ${rows.map((r) => r.action)}::text[], ${rows.map((r) => r.dedup_key)}::text[],
      ${rows.map((r) => r.alert)}::jsonb[], ${rows.map((r) => r.raw)}::jsonb[])`.execute(db);
}

/** Where the wake-up state lives: one per database handle (its pool), kept by the db layer (db/context.ts). */
const WAKER = 'alerts.inbound-waker';

/** Pause between one NOTIFY and the next from this node: caps them near 100/s under load. */
export const WAKE_GAP_MS = 10;

/**
 * Sends NOTIFY, at most one at a time per database pool: a request that
 * arrives while one is in flight gets one more, WAKE_GAP_MS after it. So
 * every commit is followed by a NOTIFY that starts after it, without one per
 * event. A lost wake-up only costs latency: engines also poll. (The gap is
 * plumbing in real time, not business timing, like the engine's own sleep.)
 */
export function wakeEngines(db: Db): void {
  const state = handleValue(db, WAKER, () => ({ inFlight: false, again: false }));
  if (state.inFlight) {
    state.again = true;
    return;
  }
  state.inFlight = true;
  const current = state;
  sql`SELECT pg_notify(${ENGINE_CHANNEL}, ${INBOUND_NOTIFY_PAYLOAD})`
    .execute(db)
    .catch(() => undefined)
    .finally(() => {
      if (!current.again) {
        current.inFlight = false;
        return;
      }
      current.again = false;
      setTimeout(() => {
        current.inFlight = false;
        wakeEngines(db);
      }, WAKE_GAP_MS).unref();
    });
}

// An escaped NUL (\u0000) preceded by an even number of backslashes: the only
// JSON text PostgreSQL's jsonb refuses that JSON.stringify produces.
const JSON_NUL = /(?<!\\)((?:\\\\)*)\\u0000/g;

/**
 * JSON for a jsonb column. A NUL character inside a string would make
 * PostgreSQL refuse the whole event, and a sender would retry it forever;
 * it becomes U+FFFD instead, so the event is kept.
 */
export function storableJson(value: unknown): string {
  return (JSON.stringify(value ?? null) ?? 'null').replace(JSON_NUL, '$1\\ufffd');
}

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
 * Stores events for one integration key and wakes the engines.
 *
 * Outside a transaction (the ingest hot path) the events join a group
 * commit (storeGrouped): requests that arrive while earlier inserts are in
 * flight share one multi-row INSERT, and each caller returns once the
 * statement that holds its events has committed. The engines are woken by
 * a NOTIFY after that commit, at most one in flight per database pool, and
 * carried by the next grouped INSERT when one starts (see Waker): a
 * transaction that NOTIFYs takes a database-wide lock at commit, which
 * serialises every such commit: with one NOTIFY per event, bench:ingest
 * fell to a tenth of the raw insert rate.
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
    raw: event.rawJson ?? storableJson(event.raw),
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

/**
 * INSERTs of grouped events in flight at once per database pool; requests
 * arriving meanwhile wait and go together. Two: one commits while the next
 * group gathers, and every statement fewer is a round trip of the server's
 * CPU saved (ADR 31; four made groups half as big).
 */
export const GROUP_COMMIT_IN_FLIGHT = 2;
/** Rows in one grouped INSERT at most; the rest wait for the next. */
export const GROUP_COMMIT_MAX_ROWS = 500;

interface Waiting {
  rows: InboundRow[];
  resolve(): void;
  reject(error: unknown): void;
}

/** A pool's group commit: the requests waiting, the INSERTs running, and the engines' wake-up. */
interface Group {
  waiting: Waiting[];
  inFlight: number;
  waker: Waker;
}

/**
 * The engines' wake-up for a pool's group commit. Every commit of inbound
 * events must be followed by a NOTIFY that starts after it; one NOTIFY at a
 * time per pool (`busy`), and WAKE_GAP_MS between one and the next while
 * commits keep coming. A grouped INSERT that starts while no NOTIFY is busy
 * carries one (a round trip saved; it wakes the engines at its own commit),
 * which also covers every commit `owed` a wake-up so far. A wake-up still
 * owed once no INSERT runs is sent alone.
 */
interface Waker {
  busy: boolean;
  owed: boolean;
}

/** Where a pool's group commit lives: one per database handle (its pool), kept by the db layer (db/context.ts). */
const GROUP = 'alerts.inbound-group';

/** Pause between one NOTIFY and the next from this node: caps them near 100/s under load. */
export const WAKE_GAP_MS = 10;

const groupOf = (db: Db): Group =>
  handleValue(db, GROUP, () => ({ waiting: [], inFlight: 0, waker: { busy: false, owed: false } }));

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
  const group = groupOf(db);
  return new Promise<void>((resolve, reject) => {
    group.waiting.push({ rows, resolve, reject });
    startGroup(db, group);
  });
}

function startGroup(db: Db, group: Group): void {
  if (group.inFlight >= GROUP_COMMIT_IN_FLIGHT || group.waiting.length === 0) return;
  const taken: Waiting[] = [];
  let count = 0;
  while (
    group.waiting.length > 0 &&
    (taken.length === 0 || count + group.waiting[0]!.rows.length <= GROUP_COMMIT_MAX_ROWS)
  ) {
    const next = group.waiting.shift()!;
    taken.push(next);
    count += next.rows.length;
  }
  group.inFlight++;
  const { waker } = group;
  const wakes = !waker.busy;
  if (wakes) {
    waker.busy = true;
    waker.owed = false;
  }
  insertRows(
    db,
    taken.flatMap((w) => w.rows),
    wakes,
  )
    .then(
      () => {
        taken.forEach((w) => w.resolve());
        if (wakes) woken(db, group);
        else waker.owed = true;
      },
      async (error: unknown) => {
        // Nothing was stored, and no NOTIFY sent: those stored again below are owed one.
        if (wakes) waker.busy = false;
        waker.owed = true;
        // A database that is slow or away fails them all alike (503, the senders retry); storing each alone would only pile up.
        if (taken.length === 1 || !isRowError(error)) return taken.forEach((w) => w.reject(error));
        // A bad row (an unknown key, a value out of range): each alone, so only its own request fails.
        for (const w of taken) await insertRows(db, w.rows, false).then(w.resolve, w.reject);
      },
    )
    .finally(() => {
      group.inFlight--;
      startGroup(db, group);
      wakeIfIdle(db, group);
    });
}

/** A NOTIFY has been sent: another may go WAKE_GAP_MS later if commits were made meanwhile. */
function woken(db: Db, group: Group): void {
  const { waker } = group;
  if (!waker.owed) {
    waker.busy = false;
    return;
  }
  // (The gap is plumbing in real time, not business timing, like the engine's own sleep.)
  setTimeout(() => {
    waker.busy = false;
    // An INSERT running now may carry it when it is done and the next starts; if none runs, it goes alone.
    wakeIfIdle(db, group);
  }, WAKE_GAP_MS).unref();
}

/** Sends the wake-up still owed when no grouped INSERT is running to carry it. */
function wakeIfIdle(db: Db, group: Group): void {
  const { waker } = group;
  if (!waker.owed || waker.busy || group.inFlight > 0) return;
  waker.busy = true;
  waker.owed = false;
  sql`SELECT pg_notify(${ENGINE_CHANNEL}, ${INBOUND_NOTIFY_PAYLOAD})`
    .execute(db)
    .catch(() => undefined) // a lost wake-up only costs latency: engines also poll
    .finally(() => woken(db, group));
}

/** Data exceptions and integrity violations: errors that belong to a row, not to the database. */
function isRowError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

/**
 * One statement whatever the number of rows, so it is prepared once per
 * connection (two texts: with and without the engines' wake-up, which then
 * fires at the INSERT's commit). The rows go as one JSON array, built from
 * the JSON texts already made: as arrays (unnest) every alert and payload
 * was escaped again into PostgreSQL's array syntax, the largest share of
 * the driver's work per event (ADR 31).
 */
async function insertRows(db: Db, rows: InboundRow[], wakesEngines: boolean): Promise<void> {
  const insert = sql`
    INSERT INTO inbound_events (integration_key_id, received_at, action, dedup_key, alert, raw)
    SELECT e.key_id, e.received_at, e.action, e.dedup_key, e.alert, e.raw
    FROM json_to_recordset(${`[${rows.map(rowJson).join(',')}]`}::json)
      AS e(key_id uuid, received_at timestamptz, action text, dedup_key text, alert jsonb, raw jsonb)`;
  if (!wakesEngines) await insert.execute(db);
  else await sql`WITH stored AS (${insert}) SELECT pg_notify(${ENGINE_CHANNEL}, ${INBOUND_NOTIFY_PAYLOAD})`.execute(db);
}

/** A row as a JSON object of json_to_recordset's columns; `alert` and `raw` are JSON texts already. */
const rowJson = (row: InboundRow): string =>
  `{"key_id":${JSON.stringify(row.integration_key_id)},"received_at":"${row.received_at.toISOString()}",` +
  `"action":${JSON.stringify(row.action)},"dedup_key":${JSON.stringify(row.dedup_key)},` +
  `"alert":${row.alert},"raw":${row.raw}}`;

// An escaped NUL (\u0000) preceded by an even number of backslashes: the only
// JSON text PostgreSQL's jsonb refuses that JSON.stringify produces.
const JSON_NUL = /(?<!\\)((?:\\\\)*)\\u0000/g;

/**
 * JSON for a jsonb column. A NUL character inside a string would make
 * PostgreSQL refuse the whole event, and a sender would retry it forever;
 * it becomes U+FFFD instead, so the event is kept.
 */
export function storableJson(value: unknown): string {
  const text = JSON.stringify(value ?? null) ?? 'null';
  // Nearly every event holds no NUL: spare it the scan with a look-behind.
  return text.includes('\\u0000') ? text.replace(JSON_NUL, '$1\\ufffd') : text;
}

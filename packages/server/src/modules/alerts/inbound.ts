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
 * Stores events for one integration key with one multi-row INSERT, then
 * wakes the engines.
 *
 * Outside a transaction (the ingest hot path) the wake-up is a NOTIFY sent
 * after the INSERT commits, coalesced per database pool: a transaction
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
  const rows = events.map((event) => ({
    integration_key_id: integrationKeyId,
    received_at: receivedAt,
    action: event.action,
    dedup_key: event.dedupKey,
    alert: storableJson(event.alert),
    raw: storableJson(event.raw),
    processed_at: null,
    result: null,
  }));
  if (db.isTransaction) {
    await db
      .with('stored', (q) => q.insertInto('inbound_events').values(rows).returning('id'))
      .selectNoFrom(sql<string>`pg_notify(${ENGINE_CHANNEL}, ${INBOUND_NOTIFY_PAYLOAD})`.as('woken'))
      .execute();
    return;
  }
  await db.insertInto('inbound_events').values(rows).execute();
  wakeEngines(db);
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

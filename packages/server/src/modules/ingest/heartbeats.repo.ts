/**
 * The only SQL on heartbeats: the row a heartbeat key gets, its interval,
 * and the timing columns the ping and the missed-ping check move
 * (last_ping_at, next_due_at, is_failing).
 */
import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db } from '../../db/client.js';
import type { HeartbeatsTable } from '../../db/schema.js';

export type HeartbeatRow = Selectable<HeartbeatsTable>;

export interface HeartbeatState {
  intervalSeconds: number;
  lastPingAt: Date | null;
  nextDueAt: Date | null;
  isFailing: boolean;
}

export interface DueHeartbeat extends HeartbeatState {
  integrationKeyId: string;
  name: string;
}

/** Locks one heartbeat row for the rest of the transaction. */
export async function lockHeartbeat(tx: Db, integrationKeyId: string): Promise<HeartbeatState | undefined> {
  const row = await tx
    .selectFrom('heartbeats')
    .select(['interval_seconds', 'last_ping_at', 'next_due_at', 'is_failing'])
    .where('integration_key_id', '=', integrationKeyId)
    .forUpdate()
    .executeTakeFirst();
  return (
    row && {
      intervalSeconds: row.interval_seconds,
      lastPingAt: row.last_ping_at,
      nextDueAt: row.next_due_at,
      isFailing: row.is_failing,
    }
  );
}

export async function markPinged(tx: Db, integrationKeyId: string, at: Date, nextDueAt: Date): Promise<void> {
  await tx
    .updateTable('heartbeats')
    .set({ last_ping_at: at, next_due_at: nextDueAt, is_failing: false })
    .where('integration_key_id', '=', integrationKeyId)
    .execute();
}

/** The most overdue heartbeat that is not failing yet, locked; other nodes skip it. */
export async function claimDueHeartbeat(tx: Db, now: Date): Promise<DueHeartbeat | undefined> {
  const row = await tx
    .selectFrom('heartbeats as h')
    .innerJoin('integration_keys as k', 'k.id', 'h.integration_key_id')
    .select(['h.integration_key_id', 'k.name', 'h.interval_seconds', 'h.last_ping_at', 'h.next_due_at', 'h.is_failing'])
    .where('h.next_due_at', '<=', now)
    .where('h.is_failing', '=', false)
    .orderBy('h.next_due_at')
    .limit(1)
    .forUpdate('h')
    .skipLocked()
    .executeTakeFirst();
  return (
    row && {
      integrationKeyId: row.integration_key_id,
      name: row.name,
      intervalSeconds: row.interval_seconds,
      lastPingAt: row.last_ping_at,
      nextDueAt: row.next_due_at,
      isFailing: row.is_failing,
    }
  );
}

export async function markFailing(tx: Db, integrationKeyId: string): Promise<void> {
  await tx
    .updateTable('heartbeats')
    .set({ is_failing: true })
    .where('integration_key_id', '=', integrationKeyId)
    .execute();
}

export async function earliestDueHeartbeat(db: Db): Promise<Date | null> {
  const row = await db
    .selectFrom('heartbeats')
    .select((eb) => eb.fn.min('next_due_at').as('due'))
    .where('is_failing', '=', false)
    .executeTakeFirst();
  return (row?.due as Date | null | undefined) ?? null;
}

export async function insertHeartbeat(db: Db, row: Insertable<HeartbeatsTable>): Promise<void> {
  await db.insertInto('heartbeats').values(row).execute();
}

/** A new interval takes effect from now; a failing heartbeat stays failing until it is pinged. */
export async function updateHeartbeatInterval(
  db: Db,
  keyId: string,
  intervalSeconds: number,
  now: Date,
): Promise<void> {
  await db
    .updateTable('heartbeats')
    .set({
      interval_seconds: intervalSeconds,
      next_due_at: sql`CASE WHEN is_failing THEN next_due_at ELSE ${now}::timestamptz + make_interval(secs => ${intervalSeconds}) END`,
    })
    .where('integration_key_id', '=', keyId)
    .execute();
}

export async function selectHeartbeats(db: Db, keyIds: string[]): Promise<HeartbeatRow[]> {
  if (keyIds.length === 0) return [];
  return db.selectFrom('heartbeats').selectAll().where('integration_key_id', 'in', keyIds).execute();
}

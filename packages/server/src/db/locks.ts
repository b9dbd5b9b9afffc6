/**
 * Transaction-scoped advisory locks on text keys: held until the transaction
 * ends, across every node on the database. Several keys are taken in one
 * statement, always in sorted order, so two transactions locking overlapping
 * sets cannot deadlock on them. The locking itself is migration 0031's
 * take_advisory_locks; a read that must follow its locks calls it in a
 * function of its own, given the keys in this order (lockOrder): one round
 * trip instead of two.
 */
import { sql } from 'kysely';
import type { Db } from './client.js';

/** The keys as every taker takes them: distinct, sorted. */
export const lockOrder = (keys: readonly string[]): string[] => [...new Set(keys)].sort();

export async function lockKeys(db: Db, keys: string[]): Promise<void> {
  const sorted = lockOrder(keys);
  if (sorted.length === 0) return;
  await sql`SELECT take_advisory_locks(${sorted}::text[])`.execute(db);
}

/**
 * Transaction-scoped advisory locks on text keys: held until the transaction
 * ends, across every node on the database. Several keys are taken in one
 * statement, always in sorted order, so two transactions locking overlapping
 * sets cannot deadlock on them. A read that must follow its locks can take
 * them itself, in a function of migration 0031 given the keys in this order
 * (lockOrder): one round trip instead of two.
 */
import { sql } from 'kysely';
import type { Db } from './client.js';

/** The keys as every taker takes them: distinct, sorted. */
export const lockOrder = (keys: readonly string[]): string[] => [...new Set(keys)].sort();

export async function lockKeys(db: Db, keys: string[]): Promise<void> {
  const sorted = lockOrder(keys);
  if (sorted.length === 0) return;
  // OFFSET 0 keeps the ordered subquery from being flattened, so the locks are taken in its order.
  await sql`
    SELECT pg_advisory_xact_lock(h) FROM (
      SELECT hashtextextended(k, 0) AS h, ordinality FROM unnest(${sorted}::text[]) WITH ORDINALITY AS k
      ORDER BY ordinality OFFSET 0) AS ordered`.execute(db);
}

/** The only SQL of config as code: it owns no tables, only a lock. */
import { sql } from 'kysely';
import type { Db } from '../../db/client.js';

/** Serialises applies, so two never plan against the same state and interleave. Held until the transaction ends. */
export async function lockConfigApply(tx: Db): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('tocsin.config.apply'))`.execute(tx);
}

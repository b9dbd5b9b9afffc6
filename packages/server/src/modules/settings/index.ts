/**
 * Settings: organisation-wide values kept in the database (the organisation's
 * name, whether the demo was seeded). Not for deployment config: that is
 * app/config.ts, read from the environment.
 */
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';

export async function getSetting<T>(db: Db, key: string): Promise<T | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value as T | undefined;
}

export async function putSetting(db: Db, clock: Clock, key: string, value: unknown): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto('settings')
    .values({ key, value: json, updated_at: clock.now() })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: clock.now() }))
    .execute();
}

/** Sets a setting only if absent; true when this call set it (safe across nodes). */
export async function claimSetting(db: Db, clock: Clock, key: string, value: unknown): Promise<boolean> {
  const result = await db
    .insertInto('settings')
    .values({ key, value: JSON.stringify(value), updated_at: clock.now() })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

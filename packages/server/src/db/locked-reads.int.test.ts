/**
 * The reads that take their own advisory locks (migration 0031): one round
 * trip, yet each must see what the locks' previous holder committed while
 * it waited, as a lock statement followed by a read statement did. A read in
 * the lock's own statement would not (its snapshot predates the wait): these
 * tests hold the lock in one transaction, start the read in another, see it
 * wait, commit the first, and expect the second to have read its rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../lib/clock.js';
import { newId } from '../lib/ids.js';
import { lockGroupKey, lockGroupKeysAndFindOpen } from '../modules/incidents/incidents.repo.js';
import { lockAndSelectSendingState } from '../modules/notify/notifications.repo.js';
import { createTestDatabase, type TestDatabase } from '../test-support/db.js';
import { insertPolicy, insertService, insertSmsPerson } from '../test-support/paging-fixtures.js';
import type { Db } from './client.js';

const clock = new FakeClock('2026-03-02T10:00:00Z');
let database: TestDatabase;
let serviceId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  serviceId = await insertService(database.db, clock, { policyId: await insertPolicy(database.db, clock, []) });
});
afterAll(async () => database?.drop());

/** Holds a transaction open until `release` is called; `ready` once `work` has run inside it (rejected if it failed). */
function holdTransaction(work: (tx: Db) => Promise<void>) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let ready!: () => void;
  let failed!: (error: unknown) => void;
  const isReady = new Promise<void>((resolve, reject) => {
    ready = resolve;
    failed = reject;
  });
  const done = database.db.transaction().execute(async (tx) => {
    await work(tx).catch((error: unknown) => {
      failed(error);
      throw error;
    });
    ready();
    await released;
  });
  done.catch(() => undefined); // its failure is `ready`'s
  return { ready: isReady, release, done };
}

/** Resolves once some backend of this database waits for an advisory lock. */
const someoneWaitsForALock = () =>
  expect
    .poll(async () => {
      const { rows } = await database.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'`,
      );
      return rows[0]!.n;
    })
    .toBe(1);

const incidentRow = (id: string, groupKey: string) => ({
  id,
  service_id: serviceId,
  title: 'Disk full',
  status: 'triggered' as const,
  urgency: 'high' as const,
  priority: null,
  group_key: groupKey,
  triggered_at: clock.now(),
  created_by: 'test',
  created_at: clock.now(),
  updated_at: clock.now(),
});

describe('lockGroupKeysAndFindOpen', () => {
  it("waits for the group's lock and then sees the incident its holder opened", async () => {
    const id = newId(clock.now());
    const holder = holdTransaction(async (tx) => {
      await lockGroupKey(tx, serviceId, 'group:db');
      await tx.insertInto('incidents').values(incidentRow(id, 'group:db')).execute();
    });
    await holder.ready;
    const read = database.db
      .transaction()
      .execute((tx) => lockGroupKeysAndFindOpen(tx, [{ serviceId, groupKey: 'group:db' }]));
    await someoneWaitsForALock();
    holder.release();
    await holder.done;
    expect((await read).map((row) => [row.id, row.group_key])).toEqual([[id, 'group:db']]);
  });

  it('holds the lock until its transaction ends, and returns only the open incidents of the pairs asked', async () => {
    const open = newId(clock.now());
    const resolved = newId(clock.now());
    await database.db
      .insertInto('incidents')
      .values([incidentRow(open, 'group:web'), { ...incidentRow(resolved, 'group:web-old'), status: 'resolved' }])
      .execute();
    const reader = holdTransaction(async (tx) => {
      const rows = await lockGroupKeysAndFindOpen(tx, [
        { serviceId, groupKey: 'group:web' },
        { serviceId, groupKey: 'group:web-old' },
        { serviceId, groupKey: 'group:web' },
      ]);
      expect(rows.map((row) => row.id)).toEqual([open]);
    });
    await reader.ready;
    const other = database.db.transaction().execute((tx) => lockGroupKey(tx, serviceId, 'group:web-old'));
    await someoneWaitsForALock();
    reader.release();
    await reader.done;
    await other;
  });
});

describe('lockAndSelectSendingState', () => {
  it("waits for the number's sending lock and then counts the send and the reply code its holder committed", async () => {
    const person = await insertSmsPerson(database.db, clock, {
      phone: '+15550100',
      name: 'Ada',
      email: 'ada@example.com',
    });
    // The same number on a second method of someone else's: locked by the number, not the method.
    const other = await insertSmsPerson(database.db, clock, {
      phone: '+15550100',
      name: 'Grace',
      email: 'grace@example.com',
    });
    const method = { id: person.methodId, type: 'sms', address: '+15550100' };
    const incidentId = newId(clock.now());
    await database.db.insertInto('incidents').values(incidentRow(incidentId, 'group:sms')).execute();
    const since = { sentSince: new Date(clock.now().getTime() - 60_000), codesSince: new Date(0) };
    const holder = holdTransaction(async (tx) => {
      expect(await lockAndSelectSendingState(tx, [method], since)).toEqual({
        recent: new Map(),
        codes: new Map(),
        statuses: new Map(),
      });
      await tx
        .insertInto('notifications')
        .values({
          id: newId(clock.now()),
          idempotency_key: 'locked-read-1',
          kind: 'page',
          incident_id: incidentId,
          user_id: person.userId,
          contact_method_id: person.methodId,
          status: 'sent',
          reply_code: '4',
          send_at: clock.now(),
          sent_at: clock.now(),
          created_at: clock.now(),
          updated_at: clock.now(),
        })
        .execute();
    });
    await holder.ready;
    const read = database.db
      .transaction()
      .execute((tx) =>
        lockAndSelectSendingState(tx, [{ id: other.methodId, type: 'sms', address: '+15550100' }, method], since),
      );
    await someoneWaitsForALock();
    holder.release();
    await holder.done;
    expect(await read).toEqual({
      recent: new Map([[person.methodId, 1]]),
      codes: new Map([['+15550100', [{ code: '4', incidentId }]]]),
      statuses: new Map([[incidentId, 'triggered']]),
    });
  });
});

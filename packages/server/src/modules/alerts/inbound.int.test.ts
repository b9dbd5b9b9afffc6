/** acceptEvents against real PostgreSQL: one statement, all or nothing, and the engine hears about it. */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectDatabase } from '../../db/client.js';
import { ENGINE_CHANNEL } from '../../db/outbox.js';
import { FakeClock } from '../../lib/clock.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/db.js';
import { spyOnStatements } from '../../test-support/statements.js';
import { insertIntegrationKey, insertPolicy, insertService } from '../../test-support/paging-fixtures.js';
import { acceptEvents, GROUP_COMMIT_IN_FLIGHT, storableJson } from './inbound.js';
import type { InboundEvent } from './inbound.types.js';

let database: TestDatabase;
const clock = new FakeClock('2026-03-02T10:00:00Z');
let keyId: string;

const event = (
  dedupKey: string,
  action: InboundEvent['action'] = 'trigger',
  summary = `Disk full ${dedupKey}`,
): InboundEvent => ({
  action,
  dedupKey,
  alert: {
    summary,
    source: 'db1',
    severity: 'critical',
    links: [{ href: 'https://example.com', text: 'x' }],
    images: [],
  },
  raw: { original: true, dedupKey },
});

beforeAll(async () => {
  database = await createTestDatabase();
  const policyId = await insertPolicy(database.db, clock, []);
  const serviceId = await insertService(database.db, clock, { policyId });
  keyId = (await insertIntegrationKey(database.db, clock, serviceId)).id;
});
afterAll(async () => database?.drop());

const rows = () => database.db.selectFrom('inbound_events').selectAll().orderBy('id').execute();

describe('acceptEvents', () => {
  it('stores every event of a batch with its key, action, dedup key, normalised alert, raw payload and receipt time', async () => {
    await acceptEvents(database.db, clock, keyId, [event('a'), event('b', 'resolve')]);
    const stored = await rows();
    expect(stored.map((r) => [r.integration_key_id, r.action, r.dedup_key])).toEqual([
      [keyId, 'trigger', 'a'],
      [keyId, 'resolve', 'b'],
    ]);
    expect(stored[0]!.alert).toEqual(event('a').alert);
    expect(stored[0]!.raw).toEqual({ original: true, dedupKey: 'a' });
    expect(stored[0]!.received_at.toISOString()).toBe('2026-03-02T10:00:00.000Z');
    expect(stored[0]!.processed_at).toBeNull();
  });

  it('stores dedup keys and text with quotes, backslashes, escapes and any Unicode exactly as given', async () => {
    const dedupKey = 'a "quoted" \\ back\\slash {"json":[1]} ünï 😀 \\u0041 \t';
    const summary = `${dedupKey} , ] } ' ; --`;
    await acceptEvents(database.db, clock, keyId, [event(dedupKey, 'trigger', summary)]);
    const stored = (await rows()).at(-1)!;
    expect(stored.dedup_key).toBe(dedupKey);
    expect((stored.alert as { summary: string }).summary).toBe(summary);
    expect(stored.raw).toEqual({ original: true, dedupKey });
  });

  it('does nothing for an empty batch', async () => {
    const before = (await rows()).length;
    await acceptEvents(database.db, clock, keyId, []);
    expect((await rows()).length).toBe(before);
  });

  it('stores all of a batch or none of it', async () => {
    const before = (await rows()).length;
    const broken = { ...event('c'), action: 'explode' as InboundEvent['action'] };
    await expect(acceptEvents(database.db, clock, keyId, [event('c'), broken])).rejects.toThrow();
    expect((await rows()).length).toBe(before);
  });

  it('keeps an event whose text holds NUL characters, which jsonb cannot store, replacing them', async () => {
    await acceptEvents(database.db, clock, keyId, [event('nul', 'trigger', 'bad\u0000byte \\u0000 literal')]);
    const stored = (await rows()).at(-1)!;
    expect((stored.alert as { summary: string }).summary).toBe('bad\uFFFDbyte \\u0000 literal');
  });

  it('turns only real NULs into U+FFFD, never an escaped backslash before "u0000"', () => {
    expect(storableJson({ a: '\u0000' })).toBe('{"a":"\\ufffd"}');
    expect(storableJson({ a: '\\u0000' })).toBe('{"a":"\\\\u0000"}');
    expect(storableJson({ a: '\\\u0000' })).toBe('{"a":"\\\\\\ufffd"}');
    expect(storableJson(undefined)).toBe('null');
  });

  it('wakes the engine with a NOTIFY when the events commit', async () => {
    const listener = new pg.Client({ connectionString: database.url });
    await listener.connect();
    try {
      const heard: string[] = [];
      listener.on('notification', (n) => heard.push(`${n.channel}:${n.payload}`));
      await listener.query(`LISTEN ${ENGINE_CHANNEL}`);
      await acceptEvents(database.db, clock, keyId, [event('wake')]);
      await expect.poll(() => heard).toContain(`${ENGINE_CHANNEL}:inbound`);
    } finally {
      await listener.end();
    }
  });

  it('coalesces the wake-ups of a burst: far fewer NOTIFYs than events, and they are heard', async () => {
    const listener = new pg.Client({ connectionString: database.url });
    await listener.connect();
    let sent = 0;
    const stopSpying = spyOnStatements((_client, text, result) => {
      if (text.includes('pg_notify')) sent++;
      return result;
    });
    try {
      let heard = 0;
      listener.on('notification', () => heard++);
      await listener.query(`LISTEN ${ENGINE_CHANNEL}`);
      await Promise.all(
        Array.from({ length: 200 }, (_, i) => acceptEvents(database.db, clock, keyId, [event(`burst-${i}`)])),
      );
      await expect.poll(() => heard).toBeGreaterThan(0);
      // Once the pool is idle, every NOTIFY asked for so far has been sent.
      await expect
        .poll(() => database.pool.waitingCount === 0 && database.pool.idleCount === database.pool.totalCount)
        .toBe(true);
      expect(sent).toBeLessThan(100); // one per event would be 200
    } finally {
      stopSpying();
      await listener.end();
    }
  });

  it("wakes the engines after every commit of a burst, the failed groups' included", async () => {
    // Each statement that stores events or wakes the engines, when it was sent and when it was done.
    const log: Array<{ stores: boolean; wakes: boolean; done: boolean }> = [];
    const stopSpying = spyOnStatements((_client, text, result) => {
      const seen = { stores: text.includes('INSERT INTO inbound_events'), wakes: text.includes('pg_notify') };
      if (!seen.stores && !seen.wakes) return result;
      log.push({ ...seen, done: false });
      return (result as Promise<unknown>).then((r) => {
        log.push({ ...seen, done: true });
        return r;
      });
    });
    try {
      const unknownKey = '00000000-0000-4000-8000-000000000000';
      // Bursts that all go well, then one with requests that fail in their groups and are stored again alone.
      for (const [round, failing] of [0, 0, 0, 40].entries()) {
        log.length = 0;
        const outcomes = await Promise.allSettled(
          Array.from({ length: 120 }, (_, i) =>
            acceptEvents(database.db, clock, failing && i % failing === failing - 1 ? unknownKey : keyId, [
              event(`wake-burst-${round}-${i}`),
            ]),
          ),
        );
        expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(failing ? 120 / failing : 0);
        // The last commit of events that woke nobody is followed by a wake-up sent after it, and done.
        await vi.waitFor(
          () => {
            const after = log.slice(log.findLastIndex((l) => l.stores && !l.wakes && l.done) + 1);
            const sent = after.findIndex((l) => l.wakes && !l.done);
            expect(sent).toBeGreaterThanOrEqual(0);
            expect(after.slice(sent).some((l) => l.wakes && l.done)).toBe(true);
          },
          { timeout: 10_000 },
        );
      }
    } finally {
      stopSpying();
    }
  });

  it('stores a lone request and wakes the engines in one statement, heard once it commits', async () => {
    // A handle of its own: no wake-up of earlier tests still in flight on it.
    const own = connectDatabase(database.url, { maxConnections: 2, applicationName: 'lone request' });
    const listener = new pg.Client({ connectionString: database.url });
    await listener.connect();
    const texts: string[] = [];
    const stopSpying = spyOnStatements((client, text, result) => {
      const { application_name: name } = (client as unknown as { connectionParameters: { application_name?: string } })
        .connectionParameters;
      if (name === 'lone request') texts.push(text);
      return result;
    });
    try {
      let heard = 0;
      listener.on('notification', () => heard++);
      await listener.query(`LISTEN ${ENGINE_CHANNEL}`);
      await acceptEvents(own.db, clock, keyId, [event('lone')]);
      expect(texts).toHaveLength(1);
      expect(texts[0]).toMatch(/INSERT INTO inbound_events[\s\S]*pg_notify/);
      await expect.poll(() => heard).toBe(1);
    } finally {
      stopSpying();
      await listener.end();
      await own.close();
    }
  });

  it('group commit: concurrent requests share INSERTs, and each returns only once its own events are committed', async () => {
    const other = new pg.Pool({ connectionString: database.url, max: 4 });
    try {
      const requests = 40;
      const seenByOthersOnReturn: number[] = [];
      await Promise.all(
        Array.from({ length: requests }, (_, i) =>
          acceptEvents(database.db, clock, keyId, [event(`group-${i}-a`), event(`group-${i}-b`)]).then(async () => {
            // Read on another connection the moment the call returns: committed, both events.
            const { rows: found } = await other.query<{ n: string }>(
              'SELECT count(*) AS n FROM inbound_events WHERE dedup_key = ANY($1)',
              [[`group-${i}-a`, `group-${i}-b`]],
            );
            seenByOthersOnReturn.push(Number(found[0]!.n));
          }),
        ),
      );
      expect(seenByOthersOnReturn).toEqual(Array.from({ length: requests }, () => 2));
      // Rows written by one statement share its transaction id: far fewer commits than requests.
      const { rows: commits } = await other.query<{ n: string; xmins: string }>(
        "SELECT count(*) AS n, count(DISTINCT xmin::text) AS xmins FROM inbound_events WHERE dedup_key LIKE 'group-%'",
      );
      expect(Number(commits[0]!.n)).toBe(2 * requests);
      expect(Number(commits[0]!.xmins)).toBeLessThanOrEqual(2 * GROUP_COMMIT_IN_FLIGHT);
      // A request's events stay together and in order.
      const { rows: order } = await other.query<{ dedup_key: string }>(
        "SELECT dedup_key FROM inbound_events WHERE dedup_key LIKE 'group-7-%' ORDER BY id",
      );
      expect(order.map((r) => r.dedup_key)).toEqual(['group-7-a', 'group-7-b']);
    } finally {
      await other.end();
    }
  });

  it('group commit: a request that fails in a group fails alone; the others are stored', async () => {
    const before = (await rows()).length;
    const broken = { ...event('grouped-broken-2'), action: 'explode' as InboundEvent['action'] };
    const outcomes = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) =>
        i === 12
          ? acceptEvents(database.db, clock, keyId, [event('grouped-broken-1'), broken])
          : i === 20
            ? acceptEvents(database.db, clock, '00000000-0000-4000-8000-000000000000', [event('grouped-unknown-key')])
            : acceptEvents(database.db, clock, keyId, [event(`grouped-ok-${i}`)]),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual(
      Array.from({ length: 30 }, (_, i) => (i === 12 || i === 20 ? 'rejected' : 'fulfilled')),
    );
    expect((outcomes[20] as PromiseRejectedResult).reason).toMatchObject({ code: '23503' });
    const stored = (await rows()).slice(before).map((r) => r.dedup_key);
    expect(stored.sort()).toEqual(
      Array.from({ length: 30 }, (_, i) => i)
        .filter((i) => i !== 12 && i !== 20)
        .map((i) => `grouped-ok-${i}`)
        .sort(),
    );
  });

  it("joins the caller's transaction: a rollback leaves nothing behind", async () => {
    const before = (await rows()).length;
    await expect(
      database.db.transaction().execute(async (tx) => {
        await acceptEvents(tx, clock, keyId, [event('rolled-back')]);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect((await rows()).length).toBe(before);
  });
});

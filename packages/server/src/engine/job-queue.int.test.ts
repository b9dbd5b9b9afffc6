/**
 * The engine's job queue on real PostgreSQL with a fake clock: due-ness by
 * the injected clock, exactly-once for transactional jobs, retries with
 * backoff, a final failure reported once, idempotent enqueueing, and wake-ups.
 */
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deferBeforeWriting, failFastTransaction } from '../db/batch.js';
import { enqueueJob, enqueueJobDeferrable, leaseDeferredJob } from '../db/outbox.js';
import { FakeClock } from '../lib/clock.js';
import { silentLogger } from '../lib/logger.js';
import { createTestDatabase, type TestDatabase } from '../test-support/db.js';
import { spyOnStatements } from '../test-support/statements.js';
import { Engine } from './engine.js';
import { backoffMs, JobQueue } from './job-queue.js';
import type { JobHandler } from './types.js';

let database: TestDatabase;
const clock = new FakeClock('2026-03-01T12:00:00Z');
const runs: string[] = [];
const finalFailures: string[] = [];
let failTimes = 0;

const handlers: JobHandler<{ name: string }>[] = [
  {
    kind: 'test.record',
    async run(job, ctx) {
      await sql`INSERT INTO probe (name) VALUES (${job.payload.name})`.execute(ctx.db);
      runs.push(job.payload.name);
    },
  },
  {
    kind: 'test.flaky',
    async run(job, ctx) {
      // The write must vanish with the failed attempt.
      await sql`INSERT INTO probe (name) VALUES (${`flaky-attempt-${job.attempts}`})`.execute(ctx.db);
      if (failTimes > 0) {
        failTimes--;
        throw new Error(`boom ${job.attempts}`);
      }
      runs.push(`flaky-ok-${job.attempts}`);
    },
    async onFinalFailure(job, error) {
      finalFailures.push(`${job.payload.name}: ${error.message}`);
    },
  },
  {
    kind: 'test.leased',
    mode: 'lease',
    async run(job) {
      runs.push(`leased-${job.payload.name}`);
    },
  },
  {
    kind: 'test.together',
    mode: 'lease',
    async run(job) {
      runs.push(`together-${job.payload.name}`);
      return job.payload.name === 'nothing' ? undefined : `${job.payload.name}-${job.attempts}`;
    },
    async finishTogether(results, ctx) {
      finishes.push(results as string[]);
      if (failTimes > 0) {
        failTimes--;
        throw new Error('the batch write failed');
      }
      await sql`INSERT INTO probe (name) SELECT unnest(${results as string[]}::text[])`.execute(ctx.db);
    },
  } as JobHandler<{ name: string }>,
  {
    kind: 'test.prepared',
    mode: 'lease',
    async run(job) {
      runs.push(`${job.payload.name} attempt ${job.attempts}: ${String(job.prepared ?? 'claimed')}`);
    },
  },
];
const finishes: string[][] = [];

let queue: JobQueue;
let engine: Engine;

beforeAll(async () => {
  database = await createTestDatabase();
  await sql`CREATE TABLE probe (id serial PRIMARY KEY, name text NOT NULL)`.execute(database.db);
  queue = new JobQueue({
    db: database.db,
    clock,
    logger: silentLogger,
    nodeId: 'test',
    handlers: handlers as JobHandler[],
    // What a look found stays fresh however slow the machine (a test below counts the looks it saves).
    lookFreshMs: 3_600_000,
  });
  engine = new Engine({
    pool: database.pool,
    clock,
    logger: silentLogger,
    reconcilers: [queue],
    concurrency: 2,
    pollIntervalMs: 60_000,
  });
});
afterAll(async () => {
  await engine?.stop();
  await database?.drop();
});
beforeEach(async () => {
  runs.length = 0;
  finishes.length = 0;
  finalFailures.length = 0;
  failTimes = 0;
  await sql`TRUNCATE probe, engine_jobs`.execute(database.db);
});

const enqueue = (kind: string, name: string, runAt = clock.now(), extra: { key?: string; maxAttempts?: number } = {}) =>
  enqueueJob(database.db, { kind, payload: { name }, runAt, ...extra }, clock.now());

describe('job queue', () => {
  it('runs a due job once and leaves a future one until the clock reaches it', async () => {
    await enqueue('test.record', 'now');
    await enqueue('test.record', 'later', new Date(clock.now().getTime() + 15 * 60_000));
    await engine.runDue();
    await engine.runDue();
    expect(runs).toEqual(['now']);
    clock.advanceMinutes(14);
    await engine.runDue();
    expect(runs).toEqual(['now']);
    clock.advanceMinutes(1);
    await engine.runDue();
    expect(runs).toEqual(['now', 'later']);
    const rows = await database.db.selectFrom('engine_jobs').select(['status', 'attempts']).execute();
    expect(rows).toEqual([
      { status: 'done', attempts: 1 },
      { status: 'done', attempts: 1 },
    ]);
  });

  it('ignores a second enqueue with the same key', async () => {
    const first = await enqueue('test.record', 'a', clock.now(), { key: 'same' });
    const second = await enqueue('test.record', 'b', clock.now(), { key: 'same' });
    expect(first).toBeDefined();
    expect(second).toBeUndefined();
    await engine.runDue();
    expect(runs).toEqual(['a']);
  });

  it('retries a failing job with backoff by the clock, rolling back each failed attempt', async () => {
    failTimes = 2;
    await enqueue('test.flaky', 'f');
    await engine.runDue();
    expect(runs).toEqual([]);
    clock.advance(9_000);
    await engine.runDue();
    expect(runs).toEqual([]); // first retry is 10 s after the failure
    clock.advance(1_000);
    await engine.runDue(); // attempt 2 fails; next in 20 s
    clock.advance(20_000);
    await engine.runDue();
    expect(runs).toEqual(['flaky-ok-3']);
    const probe = await database.db
      .selectFrom('probe' as never)
      .select('name' as never)
      .execute();
    expect(probe).toEqual([{ name: 'flaky-attempt-3' }]);
    const job = await database.db
      .selectFrom('engine_jobs')
      .select(['status', 'attempts', 'last_error'])
      .executeTakeFirstOrThrow();
    expect(job).toEqual({ status: 'done', attempts: 3, last_error: null });
  });

  it('reports the final failure once and stops retrying', async () => {
    failTimes = 100;
    await enqueue('test.flaky', 'doomed', clock.now(), { maxAttempts: 3 });
    for (let i = 0; i < 10; i++) {
      await engine.runDue();
      clock.advanceMinutes(5);
    }
    expect(finalFailures).toEqual(['doomed: boom 3']);
    const job = await database.db
      .selectFrom('engine_jobs')
      .select(['status', 'attempts', 'last_error'])
      .executeTakeFirstOrThrow();
    expect(job).toEqual({ status: 'failed', attempts: 3, last_error: 'boom 3' });
  });

  it('runs lease-mode jobs outside the transaction, once', async () => {
    await enqueue('test.leased', 'x');
    await engine.runDue();
    await engine.runDue();
    expect(runs).toEqual(['leased-x']);
  });

  it("writes what a claim's lease-mode runs returned together, once, before marking them done", async () => {
    for (const name of ['a', 'b', 'nothing', 'c']) await enqueue('test.together', name);
    await queue.runOnce(clock.now()); // one claim (the engine's two workers could split them)
    expect([...runs].sort()).toEqual(['together-a', 'together-b', 'together-c', 'together-nothing']);
    expect(finishes.map((f) => [...f].sort())).toEqual([['a-1', 'b-1', 'c-1']]);
    const probe = await sql<{ name: string }>`SELECT name FROM probe ORDER BY name`.execute(database.db);
    expect(probe.rows.map((r) => r.name)).toEqual(['a-1', 'b-1', 'c-1']);
    const jobs = await database.db.selectFrom('engine_jobs').select('status').execute();
    expect(jobs.map((j) => j.status)).toEqual(['done', 'done', 'done', 'done']);
  });

  it('fails, and later retries, every job whose batch write failed', async () => {
    failTimes = 1;
    await enqueue('test.together', 'a');
    await enqueue('test.together', 'b');
    await queue.runOnce(clock.now());
    const pending = await database.db.selectFrom('engine_jobs').select(['status', 'attempts', 'last_error']).execute();
    expect(pending).toEqual([
      { status: 'pending', attempts: 1, last_error: 'the batch write failed' },
      { status: 'pending', attempts: 1, last_error: 'the batch write failed' },
    ]);
    clock.advance(backoffMs(1));
    await queue.runOnce(clock.now());
    expect(finishes.map((f) => [...f].sort())).toEqual([
      ['a-1', 'b-1'],
      ['a-2', 'b-2'],
    ]);
    const probe = await sql<{ name: string }>`SELECT name FROM probe ORDER BY name`.execute(database.db);
    expect(probe.rows.map((r) => r.name)).toEqual(['a-2', 'b-2']);
    const done = await database.db.selectFrom('engine_jobs').select('status').execute();
    expect(done.map((j) => j.status)).toEqual(['done', 'done']);
  });

  it('runs a job its batch wrote leased to this node once the batch commits, with what the batch prepared; a key already queued or a batch rolled back hands nothing', async () => {
    const prepared: string[] = [];
    const batch = (name: string, fail = false) =>
      failFastTransaction(database.db, async (tx) => {
        const job = { kind: 'test.prepared', key: `prepared:${name}` };
        await enqueueJobDeferrable(tx, { ...job, payload: { name }, runAt: clock.now(), maxAttempts: 3 }, clock.now());
        deferBeforeWriting(tx, 'lease', async (inner) => {
          expect(
            leaseDeferredJob(inner, job, () => {
              prepared.push(name);
              return `${name} prepared`;
            }),
          ).toBe(true);
        });
        if (fail) throw new Error('the batch fails');
      });
    await batch('handed');
    // Written leased to this node, its first attempt counted, before anything ran.
    const row = () =>
      database.db
        .selectFrom('engine_jobs')
        .select(['status', 'attempts', 'locked_by'])
        .where('key', '=', 'prepared:handed')
        .executeTakeFirstOrThrow();
    expect(await row()).toEqual({ status: 'pending', attempts: 1, locked_by: 'test' });
    // No claim could take it meanwhile: its lease holds.
    const claimable = await sql<{ n: string }>`
      SELECT count(*) AS n FROM engine_jobs WHERE key = 'prepared:handed' AND (locked_until IS NULL OR locked_until < now())`.execute(
      database.db,
    );
    expect(Number(claimable.rows[0]!.n)).toBe(0);
    await engine.runDue();
    expect(runs).toEqual(['handed attempt 1: handed prepared']);
    expect(await row()).toEqual({ status: 'done', attempts: 1, locked_by: 'test' });

    // The key was queued already: the batch wrote no job, so handed none; the queued one is claimed as usual.
    await enqueue('test.prepared', 'queued', clock.now(), { key: 'prepared:queued' });
    await batch('queued');
    await expect(batch('rolled-back', true)).rejects.toThrow('the batch fails');
    await engine.runDue();
    expect(runs).toEqual(['handed attempt 1: handed prepared', 'queued attempt 1: claimed']);
    expect(prepared).toEqual(['handed']);
    expect(
      await database.db.selectFrom('engine_jobs').select('key').where('key', '=', 'prepared:rolled-back').execute(),
    ).toEqual([]);
  });

  it('after a look that found nothing, and the jobs a batch handed it, looks again only once a job was written here, it was woken, or one fell due', async () => {
    const sent: string[] = [];
    const stop = spyOnStatements((_client, text, result) => {
      if (/engine_jobs/.test(text)) sent.push(text);
      return result;
    });
    const statementsOf = async (work: () => Promise<unknown>) => {
      sent.length = 0;
      await work();
      return sent.length;
    };
    const handOne = (name: string) =>
      failFastTransaction(database.db, async (tx) => {
        const job = { kind: 'test.prepared', key: `look:${name}` };
        await enqueueJobDeferrable(tx, { ...job, payload: { name }, runAt: clock.now() }, clock.now());
        deferBeforeWriting(tx, 'lease', async (inner) => void leaseDeferredJob(inner, job, () => 'handed'));
      });
    try {
      // A look: both claims find nothing, then the next due instant (a job due in an hour).
      await enqueue('test.record', 'in-an-hour', new Date(clock.now().getTime() + 3_600_000));
      queue.wokenUp();
      expect(await queue.runOnce(clock.now())).toBe(false);
      expect((await queue.nextDueAt())?.getTime()).toBe(clock.now().getTime() + 3_600_000);
      // A batch hands it a job: it runs it (no claim), then neither claims nor reads the next due instant again.
      await handOne('a');
      expect(queue.localWorkPending()).toBe(true);
      expect(await statementsOf(() => queue.runOnce(clock.now()))).toBe(1); // marking it done
      expect(runs).toEqual(['a attempt 1: handed']);
      expect(queue.localWorkPending()).toBe(false);
      expect(await statementsOf(() => queue.runOnce(clock.now()))).toBe(0);
      expect(await statementsOf(() => queue.nextDueAt())).toBe(0);
      // A job written here: it looks.
      await enqueue('test.record', 'written-here');
      expect(queue.localWorkPending()).toBe(true);
      expect(await queue.runOnce(clock.now())).toBe(true);
      expect(runs).toEqual(['a attempt 1: handed', 'written-here']);
      expect(await queue.runOnce(clock.now())).toBe(false);
      expect(await statementsOf(() => queue.nextDueAt())).toBe(1);
      expect(await statementsOf(() => queue.runOnce(clock.now()))).toBe(0);
      // Woken (another node's NOTIFY, a clock jump): it looks.
      queue.wokenUp();
      expect(await statementsOf(() => queue.runOnce(clock.now()))).toBeGreaterThan(0);
      await queue.nextDueAt();
      expect(await statementsOf(() => queue.runOnce(clock.now()))).toBe(0);
      // The next due instant reached: it looks, and runs it.
      clock.advanceMinutes(60);
      expect(await queue.runOnce(clock.now())).toBe(true);
      expect(runs).toEqual(['a attempt 1: handed', 'written-here', 'in-an-hour']);
    } finally {
      stop();
    }
  });

  it('gives its listening connection back to the pool once, though the connection dies after the engine stopped', async () => {
    const listening = async () =>
      (
        await sql<{ pid: number }>`SELECT pid FROM pg_stat_activity
          WHERE datname = current_database() AND query LIKE 'LISTEN %' AND pid <> pg_backend_pid()`.execute(database.db)
      ).rows.map((row) => row.pid);
    await engine.start();
    await expect.poll(listening, { timeout: 10_000 }).toHaveLength(1);
    const [pid] = await listening();
    await engine.stop();
    const pooled = database.pool.totalCount;
    // Its error handler is still attached: it must not give the connection back a second time (pg-pool throws).
    // Ended from a connection of its own: the pool may hand out the very connection it ends.
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    await admin.query('SELECT pg_terminate_backend($1::int)', [pid]).finally(() => admin.end());
    await expect.poll(() => database.pool.totalCount, { timeout: 10_000 }).toBe(pooled - 1);
    expect(Number((await sql<{ one: number }>`SELECT 1 AS one`.execute(database.db)).rows[0]!.one)).toBe(1);
  });

  it('wakes on NOTIFY when a job is enqueued, and on a fake-clock jump', async () => {
    await engine.start();
    try {
      await enqueue('test.record', 'notified');
      await expect.poll(() => runs.slice(), { timeout: 10_000 }).toEqual(['notified']);
      await enqueue('test.record', 'tomorrow', new Date(clock.now().getTime() + 86_400_000));
      clock.advance(86_400_000);
      await expect.poll(() => runs.slice(), { timeout: 10_000 }).toEqual(['notified', 'tomorrow']);
    } finally {
      await engine.stop();
    }
  });
});

/**
 * The engine's loop: a reconciler whose work only falls due with time rests
 * after an empty pass (no claim on every round while others are busy) until
 * its next due instant or a wake-up; runDue leaves nothing due behind;
 * workers that found nothing wait for a wake-up while others are busy,
 * instead of leaving new work to the busy ones; while every reconciler
 * fails (the database is away) it backs off and says so once, not on every
 * pass.
 */
import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import type pg from 'pg';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeClock } from '../lib/clock.js';
import { silentLogger } from '../lib/logger.js';
import { Engine, failureBackoffMs } from './engine.js';
import type { Reconciler } from './types.js';

// No database: LISTEN fails and the engine polls, which is all these tests need.
const noPool = { connect: () => Promise.reject(new Error('no database here')) } as unknown as pg.Pool;

/** A reconciler with `work` units to do, counting how often it was asked. */
function counter(
  options: {
    dueByTime?: boolean;
    dueAt?: () => Date | null;
    wakePayloads?: string[];
    wokenByLocalWork?: boolean;
  } = {},
) {
  const state = { work: 0, calls: 0, dueAsks: 0 };
  const reconciler: Reconciler = {
    name: options.dueByTime ? 'timed' : options.wakePayloads ? 'announced' : 'busy',
    ...(options.dueByTime && { dueByTime: true }),
    ...(options.wakePayloads && { wakePayloads: options.wakePayloads }),
    ...(options.wokenByLocalWork && { wokenByLocalWork: true }),
    async runOnce() {
      state.calls++;
      await new Promise((r) => setTimeout(r, 1));
      if (state.work === 0) return false;
      state.work--;
      return true;
    },
    async nextDueAt() {
      state.dueAsks++;
      return options.dueAt?.() ?? null;
    },
  };
  return { reconciler, state };
}

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.stop();
  vi.useRealTimers();
});

/** An engine with no database (it polls) over `reconcilers`, started. */
async function started(
  clock: FakeClock,
  reconcilers: Reconciler[],
  options: { concurrency: number; pollIntervalMs: number },
): Promise<Engine> {
  const running = new Engine({ pool: noPool, clock, logger: silentLogger, reconcilers, ...options });
  await running.start();
  return running;
}

const until = async (done: () => boolean) => {
  const deadline = Date.now() + 5_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('Engine', () => {
  it('leaves a time-driven reconciler that found nothing alone while another one is busy, until woken', async () => {
    const clock = new FakeClock('2026-01-05T09:00:00Z');
    const busy = counter();
    const timed = counter({ dueByTime: true, dueAt: () => new Date(clock.now().getTime() + 60 * 60_000) });
    busy.state.work = 200;
    engine = await started(clock, [timed.reconciler, busy.reconciler], { concurrency: 1, pollIntervalMs: 60_000 });
    await until(() => busy.state.work === 0);
    // Asked once, found nothing, rested: not once per round of the busy one's 200 units.
    expect(timed.state.calls).toBe(1);
    expect(timed.state.dueAsks).toBeGreaterThanOrEqual(1);
    timed.state.work = 1;
    engine.wake(); // what a NOTIFY does
    await until(() => timed.state.work === 0);
    expect(timed.state.calls).toBeGreaterThanOrEqual(2);
  });

  it('asks a resting reconciler when its work is due once a pass: not again to know how long to sleep', async () => {
    const clock = new FakeClock('2026-01-05T09:00:00Z');
    const timed = counter({ dueByTime: true, dueAt: () => new Date(clock.now().getTime() + 60 * 60_000) });
    const other = counter(); // rests never: asked on every pass before the loop sleeps, after `timed`
    engine = await started(clock, [timed.reconciler, other.reconciler], { concurrency: 1, pollIntervalMs: 60_000 });
    await until(() => other.state.dueAsks >= 1); // the pass is over: the loop works out how long to sleep
    expect(timed.state.dueAsks).toBe(1); // when it came to rest, not again
  });

  it('a jump of the clock ends the rest, as reaching the next due instant does', async () => {
    const clock = new FakeClock('2026-01-05T09:00:00Z');
    const dueAt = new Date(clock.now().getTime() + 10 * 60_000);
    const busy = counter();
    const timed = counter({ dueByTime: true, dueAt: () => dueAt });
    busy.state.work = 50;
    engine = await started(clock, [timed.reconciler, busy.reconciler], { concurrency: 1, pollIntervalMs: 60_000 });
    await until(() => busy.state.work === 0);
    expect(timed.state.calls).toBe(1);
    timed.state.work = 1;
    clock.advance(10 * 60_000); // to the due instant
    await until(() => timed.state.work === 0);
  });

  it('a wake-up naming some reconcilers ends their rest only; a payload nobody names ends every rest', async () => {
    const clock = new FakeClock('2026-01-05T09:00:00Z');
    const busy = counter();
    const timed = counter({ dueByTime: true, dueAt: () => new Date(clock.now().getTime() + 60 * 60_000) });
    const announced = counter({ wakePayloads: ['inbound'] });
    busy.state.work = 100;
    engine = await started(clock, [timed.reconciler, announced.reconciler, busy.reconciler], {
      concurrency: 1,
      pollIntervalMs: 60_000,
    });
    await until(() => busy.state.work < 90);
    // Both looked once, found nothing and rest: not a claim per round of the busy one.
    expect(timed.state.calls).toBe(1);
    expect(announced.state.calls).toBe(1);
    announced.state.work = 1;
    engine.wake('inbound');
    busy.state.work += 20;
    await until(() => busy.state.work === 0 && announced.state.work === 0);
    expect(timed.state.calls).toBe(1);
    expect(announced.state.calls).toBeLessThanOrEqual(3);
    timed.state.work = 1;
    engine.wake('something else');
    await until(() => timed.state.work === 0);
  });

  it('a wake-up for one new event is claimed by one worker, not by every worker; a backlog gets them all', async () => {
    const clock = new FakeClock('2026-01-05T09:00:00Z');
    const announced = counter({ wakePayloads: ['inbound'] });
    let inFlight = 0;
    let mostAtOnce = 0;
    const runOnce = announced.reconciler.runOnce.bind(announced.reconciler);
    announced.reconciler.runOnce = async (now) => {
      mostAtOnce = Math.max(mostAtOnce, ++inFlight);
      try {
        return await runOnce(now);
      } finally {
        inFlight--;
      }
    };
    engine = await started(clock, [announced.reconciler], { concurrency: 8, pollIntervalMs: 60_000 });
    await until(() => announced.state.dueAsks >= 1); // looked once, found nothing, resting
    const before = announced.state.calls;
    announced.state.work = 1;
    engine.wake('inbound');
    await until(() => announced.state.work === 0 && announced.state.dueAsks >= 2);
    // The claim that found the event and the one that found nothing more: not eight.
    expect(announced.state.calls - before).toBeLessThanOrEqual(2);
    expect(mostAtOnce).toBe(1);
    // A backlog: each claim that finds work lets another worker join.
    announced.state.work = 400;
    engine.wake('inbound');
    await until(() => announced.state.work === 0);
    expect(mostAtOnce).toBeGreaterThan(1);
  });

  it('a reconciler that says whether its claims come back full is shared only while they do (ADR 34)', async () => {
    const clock = new FakeClock('2026-01-05T09:00:00Z');
    const batch = counter({ wakePayloads: ['inbound'] });
    // Each claim takes one unit here, and says it was full while 4 or more were waiting.
    let full = false;
    let inFlight = 0;
    let mostAtOnce = 0;
    const runOnce = batch.reconciler.runOnce.bind(batch.reconciler);
    batch.reconciler.runOnce = async (now) => {
      mostAtOnce = Math.max(mostAtOnce, ++inFlight);
      try {
        const waiting = batch.state.work;
        const found = await runOnce(now);
        full = waiting >= 4;
        return found;
      } finally {
        inFlight--;
      }
    };
    batch.reconciler.backlogged = () => full;
    engine = await started(clock, [batch.reconciler], { concurrency: 8, pollIntervalMs: 60_000 });
    await until(() => batch.state.dueAsks >= 1);
    // Work that trickles in, claims that find some but are never full: one worker at a time.
    for (let i = 0; i < 20; i++) {
      batch.state.work += 3;
      engine.wake('inbound');
      await until(() => batch.state.work === 0);
    }
    expect(mostAtOnce).toBe(1);
    // A backlog: full claims let other workers join.
    batch.state.work = 400;
    engine.wake('inbound');
    await until(() => batch.state.work === 0);
    expect(mostAtOnce).toBeGreaterThan(1);
  });

  it('a reconciler woken by local work (the job queue) stops resting when another one does work on this node', async () => {
    const clock = new FakeClock('2026-01-05T09:00:00Z');
    const jobs = counter({ wakePayloads: ['jobs'], wokenByLocalWork: true });
    const producer = counter({ wakePayloads: ['inbound'] });
    engine = await started(clock, [jobs.reconciler, producer.reconciler], { concurrency: 1, pollIntervalMs: 60_000 });
    // Both found nothing and rest (their rest is set as soon as their due instant is read).
    await until(() => jobs.state.dueAsks >= 1 && producer.state.dueAsks >= 1);
    const before = jobs.state.calls;
    // The producer's unit plans a job, as an alerts batch plans a delivery, and no NOTIFY says so.
    producer.reconciler.runOnce = (() => {
      const run = producer.reconciler.runOnce.bind(producer.reconciler);
      return async (now: Date) => {
        const did = await run(now);
        if (did) jobs.state.work++;
        return did;
      };
    })();
    producer.state.work = 1;
    engine.wake('inbound');
    await until(() => producer.state.work === 0 && jobs.state.calls > before && jobs.state.work === 0);
  });

  it('leaves it resting when it says no local work is pending for it, and tells whom a wake-up woke', async () => {
    const clock = new FakeClock('2026-01-05T09:00:00Z');
    const jobs = counter({ wakePayloads: ['jobs'], wokenByLocalWork: true });
    const producer = counter({ wakePayloads: ['inbound'] });
    let pending = false;
    const woken: string[] = [];
    jobs.reconciler.localWorkPending = () => pending;
    jobs.reconciler.wokenUp = () => void woken.push('jobs');
    producer.reconciler.wokenUp = () => void woken.push('producer');
    engine = await started(clock, [jobs.reconciler, producer.reconciler], { concurrency: 1, pollIntervalMs: 60_000 });
    await until(() => jobs.state.dueAsks >= 1 && producer.state.dueAsks >= 1);
    const before = jobs.state.calls;
    // The producer works, but made nothing for the job queue (a batch that handed its jobs over, say).
    producer.state.work = 1;
    engine.wake('inbound');
    await until(() => producer.state.work === 0 && producer.state.dueAsks >= 2);
    expect(jobs.state.calls).toBe(before);
    expect(woken).toEqual(['producer']);
    // Now it says there is: the producer's next unit ends its rest.
    pending = true;
    jobs.state.work = 1;
    producer.state.work = 1;
    engine.wake('inbound');
    await until(() => jobs.state.work === 0);
    expect(jobs.state.calls).toBeGreaterThan(before);
    // A wake-up naming no one wakes everyone, and says so.
    woken.length = 0;
    engine.wake();
    expect(woken.sort()).toEqual(['jobs', 'producer']);
  });

  it("a rest lasts at most the poll interval in real time, even while a fake clock stands still (a dead node's lease runs out in real time)", async () => {
    const clock = new FakeClock('2026-01-05T09:00:00Z');
    const jobs = counter({ wakePayloads: ['jobs'] });
    engine = await started(clock, [jobs.reconciler], { concurrency: 1, pollIntervalMs: 100 });
    await until(() => jobs.state.dueAsks >= 1); // found nothing and rests
    // Work appears without any wake-up (a lease elsewhere ran out) and the clock does not move.
    jobs.state.work = 1;
    await until(() => jobs.state.work === 0);
  });

  it('workers that found nothing wait while another is busy, and a wake-up puts them back to work in the same drain', async () => {
    const clock = new FakeClock('2026-01-05T09:00:00Z');
    // One long unit (a batch waiting on a slow vendor) holds a worker until the gate opens.
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    let held = false;
    const slow: Reconciler = {
      name: 'slow',
      async runOnce() {
        if (held) return false;
        held = true;
        await gate;
        return true;
      },
      nextDueAt: async () => null,
    };
    const stream = counter();
    engine = await started(clock, [slow, stream.reconciler], { concurrency: 4, pollIntervalMs: 60_000 });
    try {
      // The stream is claimed once: a worker leaves alone a reconciler another is in unless it last found work.
      await until(() => held && stream.state.calls >= 1);
      await new Promise((r) => setTimeout(r, 50)); // the others have looked, found nothing, and stopped
      const calls = stream.state.calls;
      stream.state.work = 10;
      await new Promise((r) => setTimeout(r, 20));
      expect(stream.state.calls).toBe(calls); // nobody looks for work before a wake-up...
      engine.wake('inbound'); // ...that announces new events while the slow unit still runs
      await until(() => stream.state.work === 0);
    } finally {
      openGate();
    }
  });

  it('runDue drains every reconciler, resting ones included', async () => {
    const clock = new FakeClock('2026-01-05T09:00:00Z');
    const timed = counter({ dueByTime: true, dueAt: () => new Date(clock.now().getTime() + 60 * 60_000) });
    engine = new Engine({ pool: noPool, clock, logger: silentLogger, reconcilers: [timed.reconciler], concurrency: 1 });
    expect(await engine.runDue()).toBe(false);
    timed.state.work = 3;
    expect(await engine.runDue()).toBe(true);
    expect(timed.state.work).toBe(0);
  });

  it('backs off while every reconciler fails (the database is away), and logs each failure once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const clock = new FakeClock('2026-01-05T09:00:00Z');
    let calls = 0;
    let isDown = true;
    // Its work is always due (what kept the loop at its shortest sleep when everything failed).
    const reconciler: Reconciler = {
      name: 'claims',
      async runOnce() {
        calls++;
        if (isDown) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
        return false;
      },
      nextDueAt: async () => clock.now(),
    };
    const lines: Array<{ level: number; msg: string }> = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    engine = new Engine({
      pool: noPool,
      clock,
      logger: pino({ level: 'info' }, sink),
      reconcilers: [reconciler],
      concurrency: 2,
      pollIntervalMs: 5_000,
    });
    await engine.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(1); // one pass: one worker asked; the other left it alone (its last claim found nothing)
    for (const waitMs of [1_000, 2_000, 4_000, 5_000, 5_000]) {
      const before = calls;
      await vi.advanceTimersByTimeAsync(waitMs - 1);
      expect(calls, `during a wait of ${waitMs} ms`).toBe(before);
      await vi.advanceTimersByTimeAsync(1);
      expect(calls, `after a wait of ${waitMs} ms`).toBe(before + 1);
    }
    const errors = lines.filter((l) => l.msg.startsWith('reconciler pass failed'));
    expect(errors).toHaveLength(1); // the same failure six passes running is said once
    isDown = false;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(lines.some((l) => l.msg === 'reconciler works again')).toBe(true);
  });

  it('backs off 1 s, 2 s, 4 s ... up to the poll interval', () => {
    expect([0, 1, 2, 3, 4, 10, 100].map((n) => failureBackoffMs(n, 5_000))).toEqual([
      0, 1_000, 2_000, 4_000, 5_000, 5_000, 5_000,
    ]);
    expect(failureBackoffMs(3, 60_000)).toBe(4_000);
  });

  it('LISTENs again, with backoff, when its listening connection is refused or lost, and then looks for work', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const clock = new FakeClock('2026-01-05T09:00:00Z');
    const clients: Array<EventEmitter & { queries: string[]; releasedWith: unknown[] }> = [];
    let isDown = true;
    const pool = {
      connect: async () => {
        if (isDown) throw new Error('connect ECONNREFUSED');
        const client = Object.assign(new EventEmitter(), {
          queries: [] as string[],
          releasedWith: [] as unknown[],
          query: async (text: string) => void client.queries.push(text),
          release: (error?: unknown) => void client.releasedWith.push(error ?? 'released'),
        });
        clients.push(client);
        return client;
      },
    } as unknown as pg.Pool;
    let looks = 0;
    const looked: Reconciler = { name: 'looked', runOnce: async () => (looks++, false), nextDueAt: async () => null };
    engine = new Engine({ pool, clock, logger: silentLogger, reconcilers: [looked], concurrency: 1 });
    await engine.start(); // refused: it polls meanwhile
    await vi.advanceTimersByTimeAsync(0);
    isDown = false;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(clients).toHaveLength(1);
    expect(clients[0]!.queries).toEqual(['LISTEN tocsin_engine']);
    const looksBefore = looks;
    const lost = new Error('Connection terminated unexpectedly');
    clients[0]!.emit('error', lost);
    expect(clients[0]!.releasedWith).toEqual([lost]); // given back broken, once
    await vi.advanceTimersByTimeAsync(2_000); // the next wait doubled
    expect(clients).toHaveLength(2);
    expect(clients[1]!.queries).toEqual(['LISTEN tocsin_engine']);
    expect(looks).toBeGreaterThan(looksBefore); // what was announced meanwhile is looked for
    clients[1]!.emit('notification', { channel: 'tocsin_engine', payload: 'jobs' });
  });
});

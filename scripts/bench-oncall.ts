/**
 * bench:oncall: how fast the one on-call calculator answers.
 *
 * 1. Who is on call now across N schedules (default 10,000) of 3 layers
 *    (a weekly rotation, weekday nights, weekends) in six time zones, each
 *    with 2 versions and 3 overrides: the pure calculator over definitions
 *    held in memory, then the same through the database (two queries for
 *    all schedules, then the math), and the answers compared.
 * 2. One schedule: the pure answer, and computeOnCall through the database.
 * 3. A year of one schedule's iCal feed (daily hand-offs, overrides), pure
 *    and through the public feed path (token lookup, load, compute, render).
 *
 * Uses DATABASE_URL's server or starts an embedded PostgreSQL. Prints
 * figures; asserts nothing but that the database and pure answers agree.
 *
 *   npm run bench:oncall       BENCH_SCHEDULES=10000 BENCH_ROUNDS=5
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import { openBenchDatabase } from './bench-database.js';
import { connectDatabase } from '../packages/server/src/db/client.js';
import { migrate } from '../packages/server/src/db/migrate.js';
import { hashSecret, newId } from '../packages/server/src/lib/ids.js';
import {
  computeOnCall,
  computeOnCallIds,
  finalShifts,
  onCallAt,
  renderFeedIcs,
  renderIcs,
  type ScheduleDefinition,
  type ScheduleTimeline,
} from '../packages/server/src/modules/schedules/index.js';

const SCHEDULES = Number(process.env.BENCH_SCHEDULES ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const USERS = 2_000;
const ZONES = ['America/New_York', 'Europe/London', 'Australia/Sydney', 'Asia/Kolkata', 'Asia/Tokyo', 'UTC'];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = new Date('2026-03-29T12:34:00Z'); // a Sunday, the day London's clocks go forward

const userIds = Array.from({ length: USERS }, () => newId(NOW));
let seed = 42;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;
const people = (n: number) => Array.from({ length: n }, () => pick(userIds));

function definitionOf(zone: string): ScheduleDefinition {
  return {
    timeZone: zone,
    layers: [
      {
        name: 'Primary',
        participants: people(4 + Math.floor(random() * 5)),
        shift: { length: 1, unit: 'weeks' },
        handoffTime: '09:00',
        startDate: '2025-06-02',
      },
      {
        name: 'Nights',
        participants: people(3),
        shift: { length: 1, unit: 'days' },
        handoffTime: '18:00',
        startDate: '2025-09-01',
        restrictions: [{ days: [1, 2, 3, 4, 5], start: '18:00', end: '08:00' }],
      },
      {
        name: 'Weekends',
        participants: people(2),
        shift: { length: 1, unit: 'weeks' },
        handoffTime: '00:00',
        startDate: '2025-01-04',
        restrictions: [{ days: [6, 7], start: '00:00', end: '00:00' }],
      },
    ],
  };
}

interface Fixture {
  id: string;
  name: string;
  timeline: ScheduleTimeline;
}

function fixtures(): Fixture[] {
  return Array.from({ length: SCHEDULES }, (_, i) => {
    const zone = ZONES[i % ZONES.length]!;
    const created = NOW.getTime() - 200 * DAY;
    const overrides = Array.from({ length: 3 }, (_, k) => {
      const start = NOW.getTime() + (k - 1) * DAY + Math.floor(random() * 12) * HOUR;
      return {
        id: newId(NOW),
        kind: pick(['replace', 'add', 'replace'] as const),
        userId: pick(userIds),
        replacesUserId: null,
        start,
        end: start + (2 + Math.floor(random() * 20)) * HOUR,
        createdAt: created + k * DAY,
      };
    });
    return {
      id: newId(NOW),
      name: `Schedule ${i}`,
      timeline: {
        versions: [
          { number: 1, effectiveFrom: created, definition: definitionOf(zone) },
          { number: 2, effectiveFrom: NOW.getTime() - 30 * DAY, definition: definitionOf(zone) },
        ],
        overrides,
      },
    };
  });
}

function timed<T>(work: () => T): { ms: number; value: T } {
  const started = performance.now();
  const value = work();
  return { ms: performance.now() - started, value };
}

async function timedAsync<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const fmt = (ms: number) =>
  ms >= 100 ? `${ms.toFixed(0)} ms` : ms >= 1 ? `${ms.toFixed(1)} ms` : `${(ms * 1000).toFixed(0)} µs`;

async function insertAll(pool: pg.Pool, all: Fixture[]): Promise<void> {
  const now = NOW;
  const batch = async (sql: (offset: number, n: number) => [string, unknown[]], total: number, size: number) => {
    for (let offset = 0; offset < total; offset += size) {
      const [text, values] = sql(offset, Math.min(size, total - offset));
      await pool.query(text, values);
    }
  };
  await batch(
    (offset, n) => {
      const values: unknown[] = [];
      const rows = Array.from({ length: n }, (_, k) => {
        const i = offset + k;
        values.push(userIds[i], `bench${i}@example.com`, `Person ${i}`, now);
        return `($${4 * k + 1}, $${4 * k + 2}, $${4 * k + 3}, 'responder', $${4 * k + 4}, $${4 * k + 4})`;
      });
      return [`INSERT INTO users (id, email, name, role, created_at, updated_at) VALUES ${rows.join(',')}`, values];
    },
    USERS,
    1000,
  );
  await batch(
    (offset, n) => {
      const values: unknown[] = [];
      const rows = all.slice(offset, offset + n).map((f, k) => {
        values.push(f.id, f.name, f.timeline.versions[0]!.definition.timeZone, now);
        return `($${4 * k + 1}, $${4 * k + 2}, $${4 * k + 3}, $${4 * k + 4}, NULL, $${4 * k + 4}, $${4 * k + 4})`;
      });
      return [
        `INSERT INTO schedules (id, name, time_zone, handoffs_checked_at, next_handoff_at, created_at, updated_at) VALUES ${rows.join(',')}`,
        values,
      ];
    },
    all.length,
    1000,
  );
  const versions = all.flatMap((f) => f.timeline.versions.map((v) => ({ f, v })));
  await batch(
    (offset, n) => {
      const values: unknown[] = [];
      const rows = versions.slice(offset, offset + n).map(({ f, v }, k) => {
        values.push(newId(now), f.id, v.number, new Date(v.effectiveFrom), JSON.stringify(v.definition), now);
        const p = 6 * k;
        return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, 'system', 'bench', 'bench', $${p + 6})`;
      });
      return [
        `INSERT INTO schedule_versions (id, schedule_id, number, effective_from, definition, author_type, author_label, summary, created_at) VALUES ${rows.join(',')}`,
        values,
      ];
    },
    versions.length,
    1000,
  );
  const overrides = all.flatMap((f) => f.timeline.overrides.map((o) => ({ f, o })));
  await batch(
    (offset, n) => {
      const values: unknown[] = [];
      const rows = overrides.slice(offset, offset + n).map(({ f, o }, k) => {
        values.push(o.id, f.id, o.kind, o.userId, new Date(o.start), new Date(o.end), new Date(o.createdAt));
        const p = 7 * k;
        return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}, 'system', 'bench', $${p + 7})`;
      });
      return [
        `INSERT INTO schedule_overrides (id, schedule_id, kind, user_id, starts_at, ends_at, created_by_type, created_by_label, created_at) VALUES ${rows.join(',')}`,
        values,
      ];
    },
    overrides.length,
    1000,
  );
  await pool.query('ANALYZE');
}

async function main() {
  const all = fixtures();
  const t = NOW.getTime();
  console.log(
    `bench:oncall — ${SCHEDULES.toLocaleString('en')} schedules × 3 layers, 2 versions, 3 overrides each; ${ZONES.length} zones; at ${NOW.toISOString()}`,
  );

  // 1. Pure: who is on call now across all schedules.
  for (let warm = 0; warm < 2; warm++) for (const f of all) onCallAt(f.timeline, t);
  const pureRuns = Array.from({ length: ROUNDS }, () => timed(() => all.map((f) => onCallAt(f.timeline, t))));
  const pureAnswers = pureRuns[0]!.value;
  console.log(
    `  who is on call now, all schedules, pure (definitions in memory): ${fmt(median(pureRuns.map((r) => r.ms)))} (median of ${ROUNDS}; aim < 200 ms)`,
  );

  // 2. Pure: one schedule.
  const one = all[0]!.timeline;
  const calls = 20_000;
  const single = timed(() => {
    for (let i = 0; i < calls; i++) onCallAt(one, t + i * 60_000);
  });
  console.log(
    `  who is on call, one schedule, pure: ${fmt(single.ms / calls)} per answer (mean of ${calls.toLocaleString('en')}; aim < 2 ms)`,
  );

  // 3. Pure: a year of one schedule's feed.
  const yearFrom = t - 30 * DAY;
  const yearTo = t + 365 * DAY;
  const feedTimeline = all[1]!.timeline;
  const names = new Map(userIds.map((id, i) => [id, `Person ${i}`]));
  const yearRuns = Array.from({ length: ROUNDS }, () =>
    timed(() => {
      const shifts = finalShifts(feedTimeline, yearFrom, yearTo);
      const text = renderIcs({
        name: 'On call: Schedule 1',
        description: 'bench',
        kind: 'schedule',
        generatedAt: NOW,
        events: shifts.map((s) => ({
          scheduleId: all[1]!.id,
          scheduleName: 'Schedule 1',
          userId: s.userId,
          userName: names.get(s.userId)!,
          start: s.start,
          end: s.end,
        })),
      });
      return { shifts: shifts.length, bytes: text.length };
    }),
  );
  const year = yearRuns[0]!.value;
  console.log(
    `  a year of one schedule's iCal feed, pure (${year.shifts} shifts, ${(year.bytes / 1024).toFixed(0)} KiB): ${fmt(median(yearRuns.map((r) => r.ms)))}`,
  );

  // 4. Through the database.
  const database = await openBenchDatabase();
  const handle = connectDatabase(database.url, { maxConnections: 4 });
  handle.pool.on('error', () => undefined);
  try {
    await migrate(handle.pool);
    const loaded = await timedAsync(() => insertAll(handle.pool, all));
    console.log(`  (stored ${SCHEDULES.toLocaleString('en')} schedules in ${fmt(loaded.ms)})`);
    const ids = all.map((f) => f.id);
    const at = new Date(t);
    await computeOnCallIds(handle.db, ids, at);
    const dbRuns: Array<{ ms: number; value: Map<string, string[]> }> = [];
    for (let r = 0; r < ROUNDS; r++) dbRuns.push(await timedAsync(() => computeOnCallIds(handle.db, ids, at)));
    const fromDb = dbRuns[0]!.value;
    const mismatches = all.filter((f, i) => (fromDb.get(f.id) ?? []).join() !== pureAnswers[i]!.join()).length;
    console.log(
      `  who is on call now, all schedules, with the database load (2 queries + math): ${fmt(median(dbRuns.map((r) => r.ms)))} (${mismatches === 0 ? 'same answers as pure' : `${mismatches} DIFFERENT answers`})`,
    );

    const singleDb: number[] = [];
    for (let i = 0; i < 200; i++)
      singleDb.push((await timedAsync(() => computeOnCall(handle.db, ids[i % ids.length]!, at))).ms);
    console.log(
      `  who is on call, one schedule, with the database (computeOnCall, names included): ${fmt(median(singleDb))} median of 200`,
    );

    const token = `tcal_${randomBytes(24).toString('base64url')}`;
    await handle.pool.query(
      `INSERT INTO calendar_feeds (id, kind, subject_id, token_hash, created_by, created_at) VALUES ($1, 'schedule', $2, $3, $4, $5)`,
      [newId(NOW), all[1]!.id, hashSecret(token), userIds[0], NOW],
    );
    const clock = { now: () => NOW };
    await renderFeedIcs(handle.db, clock, token);
    const feedRuns: Array<{ ms: number; value: string | undefined }> = [];
    for (let r = 0; r < ROUNDS; r++) feedRuns.push(await timedAsync(() => renderFeedIcs(handle.db, clock, token)));
    console.log(
      `  a year of one schedule's iCal feed through its URL's code path (token, load, compute, render): ${fmt(median(feedRuns.map((r) => r.ms)))} (${((feedRuns[0]!.value?.length ?? 0) / 1024).toFixed(0)} KiB)`,
    );
  } finally {
    await handle.close();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

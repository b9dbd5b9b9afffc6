/**
 * Schedules in config as code against real PostgreSQL: created with users
 * and teams from the same file, nothing to do the second time, a change of
 * participants becomes a new version that keeps the rotation's place,
 * overrides created once and ended by prune, references checked with the
 * place in the file, and export → apply a no-op.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../lib/actor.js';
import { FakeClock } from '../../lib/clock.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/db.js';
import type { Ctx } from '../context.js';
import { getSchedule, listOverrides, listVersions, whoIsOnCall } from '../schedules/index.js';
import { applyConfig, exportConfig, planConfig, type ConfigDocument } from '../config/index.js';

let database: TestDatabase;
let system: Ctx;
const clock = new FakeClock('2026-01-05T09:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  system = { db: database.db, clock, actor: systemActor('test'), source: 'api' };
});
afterAll(async () => database?.drop());

const people = ['ada', 'bob', 'cat'].map((n) => ({
  email: `${n}@example.com`,
  name: n[0]!.toUpperCase() + n.slice(1),
  role: 'responder' as const,
}));
const doc = (participants: string[], overrides?: unknown[]): ConfigDocument => ({
  version: 1,
  users: people,
  teams: [{ slug: 'sre', name: 'SRE' }],
  schedules: [
    {
      name: 'EOC',
      team: 'sre',
      timeZone: 'Europe/London',
      layers: [
        {
          name: 'Primary',
          participants,
          shift: { length: 1, unit: 'weeks' },
          handoffTime: '09:00',
          startDate: '2026-01-05',
        },
        {
          name: 'Weekend nights',
          participants: ['cat@example.com'],
          shift: { length: 1, unit: 'days' },
          handoffTime: '00:00',
          startDate: '2026-01-01',
          restrictions: [{ days: [6, 7], start: '22:00', end: '06:00' }],
        },
      ],
      ...(overrides && { overrides: overrides as never }),
    },
  ],
});
const lines = async (document: ConfigDocument, prune = false) =>
  (await planConfig(system, document, { prune })).changes.map((c) => c.line);
const onCall = async (at: string) =>
  (await whoIsOnCall(system, { schedule: 'EOC', at: new Date(at) })).items[0]!.users.map((u) => u.email);

describe('schedules as code', () => {
  it('creates a schedule with its people and team, then has nothing to do', async () => {
    const first = doc(['ada@example.com', 'bob@example.com', 'cat@example.com']);
    expect(await lines(first)).toEqual(expect.arrayContaining(['+ schedule "EOC" (2 layers, Europe/London)']));
    await applyConfig(system, first);
    expect(await lines(first)).toEqual([]);
    expect(await onCall('2026-01-13T12:00:00Z')).toEqual(['bob@example.com']);
  });

  it('a change of participants is a new version that keeps the shift in progress', async () => {
    clock.set('2026-01-14T12:00:00Z'); // week 2: Bob's
    const next = doc(['ada@example.com', 'bob@example.com']);
    expect(await lines(next)).toEqual(['~ schedule "EOC": layers changed (a new version from now)']);
    await applyConfig(system, next);
    expect(await lines(next)).toEqual([]);
    expect((await listVersions(system, 'EOC')).map((v) => v.number)).toEqual([2, 1]);
    expect(await onCall('2026-01-14T12:00:01Z')).toEqual(['bob@example.com']);
    expect(await onCall('2026-01-20T12:00:00Z')).toEqual(['ada@example.com']);
    expect((await listVersions(system, 'EOC'))[0]!.summary).toMatch(/^Primary: Cat leaves; /);
    expect((await getSchedule(system, 'EOC')).definition.layers[0]!.participants).toHaveLength(2);
  });

  it('creates overrides once; prune ends the ones the file leaves out', async () => {
    const override = {
      user: 'cat@example.com',
      replaces: 'ada@example.com',
      from: '2026-01-20T09:00:00Z',
      to: '2026-01-21T09:00:00Z',
    };
    const withOverride = doc(
      ['ada@example.com', 'bob@example.com'],
      [override, { ...override, from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' }],
    );
    expect(await lines(withOverride)).toEqual([
      '+ override on "EOC": replace cat@example.com for ada@example.com 2026-01-20T09:00:00Z → 2026-01-21T09:00:00Z',
    ]);
    await applyConfig(system, withOverride);
    expect(await lines(withOverride)).toEqual([]);
    expect(await onCall('2026-01-20T12:00:00Z')).toEqual(['cat@example.com']);
    const without = doc(['ada@example.com', 'bob@example.com'], []);
    expect(await lines(without)).toEqual([]);
    expect(await lines(without, true)).toEqual([
      expect.stringMatching(
        /^- override on "EOC": replace cat@example.com for ada@example.com .* \(not in the file: ends now\)$/,
      ),
    ]);
    await applyConfig(system, without, { prune: true });
    expect((await listOverrides(system, 'EOC', {})).every((o) => o.removedAt !== null)).toBe(true);
  });

  it('names unknown people and teams with their place in the file', async () => {
    const bad = doc(['ada@example.com', 'zed@example.com']);
    bad.schedules![0]!.team = 'nope';
    await expect(planConfig(system, bad)).rejects.toThrow(
      /schedules\[0\]\.team: team nope does not exist.*schedules\[0\]\.layers\[0\]\.participants\[1\]: zed@example.com is not an active user/,
    );
  });

  it('exports what applying again leaves as it is', async () => {
    const exported = await exportConfig(system);
    expect(exported.schedules).toEqual([
      expect.objectContaining({
        name: 'EOC',
        team: 'sre',
        timeZone: 'Europe/London',
        layers: expect.arrayContaining([
          expect.objectContaining({ participants: ['ada@example.com', 'bob@example.com'] }),
        ]),
      }),
    ]);
    expect((await planConfig(system, JSON.parse(JSON.stringify(exported)), { prune: true })).changes).toEqual([]);
  });
});

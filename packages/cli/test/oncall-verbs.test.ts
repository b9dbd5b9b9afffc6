/**
 * `tocsin oncall` and `tocsin schedules …` against a real Tocsin: who is on
 * call for a schedule, a team, at a time, as a table or JSON; overrides by
 * email; taking the pager; versions; the server's message on bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../server/src/test-support/app.js';
import { createTeam } from '../../server/src/modules/teams/index.js';
import { updateUser } from '../../server/src/modules/users/index.js';
import { runCli } from './run-cli.js';

let t: TestApp;
let auth: string[];
let alice: { id: string; token: string };
let bob: { id: string; token: string };

beforeAll(async () => {
  t = await startTestApp(); // Monday 5 January 2026, 09:00 UTC
  const admin = await t.createUserWithToken('admin');
  alice = await t.createUserWithToken('responder', 'alice@example.com');
  bob = await t.createUserWithToken('responder', 'bob@example.com');
  await updateUser(t.ctx, alice.id, { name: 'Alice' });
  await updateUser(t.ctx, bob.id, { name: 'Bob' });
  const team = await createTeam(t.ctx, { slug: 'sre', name: 'SRE' });
  const response = await t.request('POST', '/api/v1/schedules', {
    token: admin.token,
    body: {
      name: 'EOC',
      timeZone: 'UTC',
      teamId: team.id,
      layers: [
        {
          name: 'Primary',
          participants: [alice.id, bob.id],
          shift: { length: 1, unit: 'days' },
          handoffTime: '09:00',
          startDate: '2026-01-05',
        },
      ],
    },
  });
  expect(response.status).toBe(201);
  auth = ['--server', t.url, '--token', admin.token];
});
afterAll(async () => t?.close());

describe('tocsin oncall', () => {
  it('prints who is on call for a schedule and a team, now or at a time, as a table or JSON', async () => {
    const now = await runCli(['oncall', '--schedule', 'EOC', ...auth]);
    expect(now.code).toBe(0);
    expect(now.stdout).toMatch(/^SCHEDULE\s+ON CALL\s+UNTIL\nEOC\s+Alice\s+2026-01-06 09:00 UTC\n$/);
    const later = await runCli(['oncall', '--team', 'sre', '--at', '2026-01-06 12:00', ...auth]);
    expect(later.stdout).toMatch(
      /^At 2026-01-06 12:00 UTC:\nSCHEDULE\s+ON CALL\s+UNTIL\nEOC\s+Bob\s+2026-01-07 09:00 UTC\n$/,
    );
    const json = JSON.parse((await runCli(['oncall', '--json', ...auth])).stdout) as {
      items: Array<{ users: Array<{ email: string }> }>;
    };
    expect(json.items[0]!.users.map((u) => u.email)).toEqual(['alice@example.com']);
  });

  it('says what is wrong', async () => {
    const bad = await runCli(['oncall', '--at', 'tomorrowish', ...auth]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--at "tomorrowish" is not a date and time');
    const two = await runCli(['oncall', '--team', 'sre', '--schedule', 'EOC', ...auth]);
    expect(two.stderr).toContain('Give one of --schedule, --team or --service');
    const missing = await runCli(['oncall', '--schedule', 'nope', ...auth]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Schedule nope was not found');
  });
});

describe('tocsin schedules', () => {
  it('adds an override by email, takes the pager, lists versions', async () => {
    const added = await runCli([
      'schedules',
      'override',
      'EOC',
      '--user',
      'bob@example.com',
      '--replaces',
      'alice@example.com',
      '--from',
      '2026-01-05T12:00Z',
      '--to',
      '2026-01-05T14:00Z',
      ...auth,
    ]);
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(
      /^Override [0-9a-f-]{36}: Bob \(replace\) from 2026-01-05 12:00 to 2026-01-05 14:00 UTC\.\n$/,
    );
    expect((await runCli(['oncall', '--schedule', 'EOC', '--at', '2026-01-05T13:00Z', ...auth])).stdout).toMatch(
      /EOC\s+Bob/,
    );
    const overrides = await runCli(['schedules', 'overrides', 'EOC', ...auth]);
    expect(overrides.stdout).toMatch(/replace\s+Bob\s+Alice\s+2026-01-05 12:00\s+2026-01-05 14:00/);

    const pager = await runCli([
      'schedules',
      'take-pager',
      'EOC',
      '--hours',
      '2',
      '--user',
      'alice@example.com',
      ...auth,
    ]);
    expect(pager.stdout).toBe('Alice has the pager until 2026-01-05 11:00 UTC.\n');
    const versions = await runCli(['schedules', 'versions', 'EOC', ...auth]);
    expect(versions.stdout).toMatch(
      /^VERSION\s+FROM \(UTC\)\s+BY\s+CHANGE\n1\s+2026-01-05 09:00\s+Test admin \d+ <\S+>\s+Created with 1 layer: Primary \(Alice, Bob; daily/,
    );
    const list = await runCli(['schedules', 'list', ...auth]);
    expect(list.stdout).toMatch(/EOC\s+UTC\s+1\s+1\s+Alice/);
  });
});

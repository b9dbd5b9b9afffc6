/**
 * `tocsin oncall` and `tocsin schedules …` against a real Tocsin: who is on
 * call for a schedule, a team, at a time, as a table or JSON; overrides by
 * email; taking the pager; versions; the server's message on bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../server/src/test-support/app.js';
import { createTeam } from '../../server/src/modules/teams/index.js';
import { updateUser } from '../../server/src/modules/users/index.js';
import { insertPolicy, insertService } from '../../server/src/test-support/paging-fixtures.js';
import { runCli } from './run-cli.js';

let t: TestApp;
let auth: string[];
let alice: { id: string; token: string };
let bob: { id: string; token: string };
let scheduleId: string;

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
  scheduleId = ((await response.json()) as { schedule: { id: string } }).schedule.id;
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
    expect(two.stderr).toContain('Give one of --schedule, --team, --service, --policy or --mine');
    const weeks = await runCli(['oncall', '--mine', '--weeks', 'many', '--server', t.url, '--token', alice.token]);
    expect(weeks.code).toBe(1);
    expect(weeks.stderr).toContain('--weeks "many" is not a whole number of weeks from 1 to 26');
    const missing = await runCli(['oncall', '--schedule', 'nope', ...auth]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Schedule nope was not found');
  });
});

describe('tocsin oncall --service, --policy and --mine', () => {
  it('lists every level of a service (users named directly too), by slug or id, and a policy by name', async () => {
    const policyId = await insertPolicy(
      t.app.db,
      t.clock,
      [
        { delayMinutes: 5, targets: [{ type: 'schedule', id: scheduleId }] },
        { delayMinutes: 10, targets: [{ type: 'user', id: bob.id }] },
      ],
      { name: 'Web escalation' },
    );
    const serviceId = await insertService(t.app.db, t.clock, { policyId, slug: 'web' });
    const bySlug = await runCli(['oncall', '--service', 'web', ...auth]);
    expect(bySlug.code).toBe(0);
    expect(bySlug.stdout).toMatch(
      /^Escalation policy: Web escalation\nLEVEL\s+TARGET\s+ON CALL\s+UNTIL\n1\s+schedule EOC\s+Alice\s+2026-01-06 09:00 UTC\n2\s+user Bob\s+Bob\s+-\n$/,
    );
    const byId = await runCli(['oncall', '--service', serviceId, ...auth]);
    expect(byId.stdout).toBe(bySlug.stdout);
    const policy = await runCli(['oncall', '--policy', 'Web escalation', '--at', '2026-01-06 10:00', ...auth]);
    expect(policy.stdout).toMatch(
      /^At 2026-01-06 10:00 UTC:\nEscalation policy: Web escalation\n.*\n1\s+schedule EOC\s+Bob\s+2026-01-07 09:00 UTC\n2\s+user Bob\s+Bob\s+-\n$/,
    );
    const missing = await runCli(['oncall', '--service', 'nope', ...auth]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/[Ss]ervice nope was not found/);
  });

  it('--mine prints my shift now and the next one on my own clock, and the policies that page me', async () => {
    await updateUser(t.ctx, alice.id, { timeZone: 'Europe/Paris' });
    const mine = await runCli(['oncall', '--mine', '--weeks', '1', '--server', t.url, '--token', alice.token]);
    expect(mine.code).toBe(0);
    expect(mine.stdout.split('\n').slice(0, 2)).toEqual([
      'On call now: EOC until Tue 6 Jan 10:00 Europe/Paris',
      'Next shift: EOC, Wed 7 Jan 10:00 Europe/Paris – Thu 8 Jan 10:00 Europe/Paris',
    ]);
    expect(mine.stdout).toMatch(
      /SCHEDULE\s+FROM\s+TO\s*\nEOC\s+Mon 5 Jan 10:00 Europe\/Paris\s+Tue 6 Jan 10:00 Europe\/Paris\s+now\n/,
    );
    const bobs = await runCli(['oncall', '--mine', '--server', t.url, '--token', bob.token]);
    expect(bobs.stdout).toMatch(/^Next shift: EOC, Tue 6 Jan 09:00 UTC – Wed 7 Jan 09:00 UTC\n/);
    expect(bobs.stdout).toContain('Always paged by Web escalation at level 2\n');
    const json = JSON.parse(
      (await runCli(['oncall', '--mine', '--json', '--server', t.url, '--token', bob.token])).stdout,
    ) as {
      next: { start: string };
    };
    expect(json.next.start).toBe('2026-01-06T09:00:00.000Z');
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

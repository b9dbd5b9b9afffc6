/**
 * `tocsin incidents list`, `incident declare|show`, `ack` and `resolve`
 * against a real Tocsin (real PostgreSQL, fake clock, real token).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../server/src/test-support/app.js';
import { insertPolicy, insertService } from '../../server/src/test-support/paging-fixtures.js';
import { runCli } from './run-cli.js';

let t: TestApp;
let auth: string[];
let userId: string;
let admin: string;

beforeAll(async () => {
  t = await startTestApp();
  const user = await t.createUserWithToken('responder');
  userId = user.id;
  auth = ['--server', t.url, '--token', user.token];
  admin = (await t.createUserWithToken('admin')).token;
  const policyId = await insertPolicy(
    t.app.db,
    t.clock,
    [{ delayMinutes: 10, targets: [{ type: 'user', id: userId }] }],
    { name: 'Checkout on-call' },
  );
  await insertService(t.app.db, t.clock, { policyId, slug: 'checkout' });
});
afterAll(async () => t?.close());

describe('tocsin incident verbs', () => {
  it('declares, lists, shows, acknowledges and resolves an incident by number', async () => {
    const declared = await runCli([
      'incident',
      'declare',
      '--service',
      'checkout',
      '--title',
      'Payments failing',
      '--priority',
      'P1',
      ...auth,
    ]);
    expect(declared).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Declared #\d+: Payments failing\n$/) });
    const number = /#(\d+)/.exec(declared.stdout)![1]!;
    await t.app.engine.runDue();

    const list = await runCli(['incidents', 'list', ...auth]);
    expect(list.stdout).toMatch(
      new RegExp(`^NUMBER .*TITLE\\n#${number} +triggered +high +P1 +checkout .*Payments failing\\n$`),
    );
    const json = JSON.parse((await runCli(['incidents', 'list', '--json', ...auth])).stdout) as Array<{
      number: number;
      assignees: Array<{ id: string }>;
    }>;
    expect(json).toMatchObject([{ number: Number(number), assignees: [{ id: userId }] }]);
    // By team: checkout belongs to no team, so another team's list is empty.
    const team = (await (
      await t.request('POST', '/api/v1/teams', { token: admin, body: { slug: 'storefront', name: 'Storefront' } })
    ).json()) as { id: string };
    expect((await runCli(['incidents', 'list', '--team', team.id, ...auth])).stdout).toBe('No incidents.\n');
    await t.request('PATCH', '/api/v1/services/checkout', { token: admin, body: { teamId: team.id } });
    expect((await runCli(['incidents', 'list', '--team', team.id, ...auth])).stdout).toContain(`#${number} `);
    // Slugs work as everywhere else: the service's and the team's.
    expect((await runCli(['incidents', 'list', '--service', 'checkout', ...auth])).stdout).toContain(`#${number} `);
    expect((await runCli(['incidents', 'list', '--team', 'storefront', ...auth])).stdout).toContain(`#${number} `);
    const unknown = await runCli(['incidents', 'list', '--service', 'no-such-service', ...auth]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/no-such-service/);

    const show = await runCli(['incident', 'show', number, ...auth]);
    expect(show.stdout).toContain(`#${number} Payments failing`);
    expect(show.stdout).toContain('Escalation:   Checkout on-call, level 1, next step');
    expect(show.stdout).toMatch(/Timeline:\n.*Triggered by .*\n.*Notified level 1: Test responder/);
    // Each entry's source in a column: declared through the CLI, paged by the engine.
    expect(show.stdout).toMatch(/\n {2}\S+ \S+ {2}cli {9}Triggered by /);
    expect(show.stdout).toMatch(/\n {2}\S+ \S+ {2}engine {6}Notified level 1/);
    const shown = JSON.parse((await runCli(['incident', 'show', `#${number}`, '--json', ...auth])).stdout) as {
      alerts: unknown[];
      timeline: Array<{ kind: string; source: string }>;
    };
    expect(shown.alerts).toEqual([]);
    expect(shown.timeline.length).toBeGreaterThanOrEqual(2);
    expect(shown.timeline.find((e) => e.kind === 'triggered')?.source).toBe('cli');

    expect(await runCli(['ack', number, ...auth])).toMatchObject({
      code: 0,
      stdout: `Acknowledged #${number}: Payments failing\n`,
    });
    expect(await runCli(['resolve', `#${number}`, ...auth])).toMatchObject({
      code: 0,
      stdout: `Resolved #${number}: Payments failing\n`,
    });
    expect((await runCli(['incidents', 'list', ...auth])).stdout).toBe('No incidents.\n');
    expect((await runCli(['incidents', 'list', '--all', ...auth])).stdout).toContain(`#${number} `);
  });

  it('snoozes, reassigns (by email) and escalates an incident', async () => {
    const second = await t.createUserWithToken('responder', 'second@example.com');
    const policyId = await insertPolicy(
      t.app.db,
      t.clock,
      [
        { delayMinutes: 10, targets: [{ type: 'user', id: userId }] },
        { delayMinutes: 10, targets: [{ type: 'user', id: second.id }] },
      ],
      { name: 'Payments on-call' },
    );
    await insertService(t.app.db, t.clock, { policyId, slug: 'payments' });
    const declared = await runCli([
      'incident',
      'declare',
      '--service',
      'payments',
      '--title',
      'Refunds stuck',
      ...auth,
    ]);
    const number = /#(\d+)/.exec(declared.stdout)![1]!;
    await t.app.engine.runDue();

    const escalated = await runCli(['escalate', number, ...auth]);
    expect(escalated).toMatchObject({
      code: 0,
      stdout: `Escalated #${number}: Refunds stuck (the next level is notified now)\n`,
    });
    await t.app.engine.runDue();
    const paged = JSON.parse((await runCli(['incident', 'show', number, '--json', ...auth])).stdout) as {
      escalation: { level: number };
      assignees: Array<{ id: string }>;
    };
    expect(paged).toMatchObject({ escalation: { level: 2 }, assignees: [{ id: second.id }] });
    const reassigned = await runCli(['reassign', `#${number}`, '--user', 'SECOND@example.com', userId, ...auth]);
    expect(reassigned.stderr).toBe('');
    expect(reassigned).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(new RegExp(`^Reassigned #${number} to .+: Refunds stuck\n$`)),
    });
    const shown = JSON.parse((await runCli(['incident', 'show', number, '--json', ...auth])).stdout) as {
      assignees: Array<{ id: string }>;
    };
    expect(shown.assignees.map((a) => a.id).sort()).toEqual([second.id, userId].sort());
    const snoozed = await runCli(['snooze', number, '--minutes', '60', ...auth]);
    expect(snoozed).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(
        new RegExp(`^Snoozed #${number} until \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\dZ: Refunds stuck\n$`),
      ),
    });
    const after = JSON.parse((await runCli(['incident', 'show', number, '--json', ...auth])).stdout) as {
      status: string;
      snoozedUntil: string;
    };
    expect(after.status).toBe('acknowledged');
    expect(new Date(after.snoozedUntil).getTime()).toBe(t.clock.now().getTime() + 60 * 60_000);

    expect(await runCli(['reassign', number, ...auth])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Give either --user (one or more) or --policy'),
    });
    expect(await runCli(['reassign', number, '--user', 'nobody@example.com', ...auth])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('No active user has the email nobody@example.com'),
    });
    expect(await runCli(['snooze', number, '--minutes', '0', ...auth])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--minutes must be a whole number from 1 to 10080'),
    });
  });

  it("says what failed, in the server's words", async () => {
    const missing = await runCli(['ack', '99999', ...auth]);
    expect(missing).toMatchObject({ code: 1, stderr: 'tocsin: Incident 99999 was not found\n' });
    const unknownService = await runCli(['incident', 'declare', '--service', 'nope', '--title', 'x', ...auth]);
    expect(unknownService.code).toBe(1);
    expect(unknownService.stderr).toContain('nope');
  });
});

/**
 * The incident response verbs (ADR 17) against a real Tocsin (real
 * PostgreSQL, fake clock, real tokens): a one-line S4 declaration, the list's
 * response filters and columns, roles, engage and take, hand-offs,
 * severity and stage (only the owner resolves), report, promote, near
 * misses, link and merge, the definitions, and the server's own words when
 * something is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../server/src/test-support/app.js';
import { insertPolicy, insertService } from '../../server/src/test-support/paging-fixtures.js';
import { runCli } from './run-cli.js';

interface Person {
  id: string;
  email: string;
  name: string;
  auth: string[];
}

let t: TestApp;
let eoc: Person; // level 1 of checkout's policy: the EOC
let mia: Person; // engaged as IMOC
let bob: Person; // takes over by hand-off
let viewer: Person; // reports a problem

async function person(role: 'responder' | 'viewer'): Promise<Person> {
  const user = await t.createUserWithToken(role);
  const { stdout } = await runCli(['whoami', '--json', '--server', t.url, '--token', user.token]);
  const { name } = JSON.parse(stdout) as { name: string };
  return { id: user.id, email: user.email, name, auth: ['--server', t.url, '--token', user.token] };
}

const numberOf = (stdout: string): string => /#(\d+)/.exec(stdout)![1]!;

interface ResponseJson {
  severity: string;
  stage: string;
  nearMiss: boolean;
  owner: { id: string } | null;
  roles: Array<{ role: { slug: string }; user: { id: string }; endedAt: string | null }>;
  handoffs: Array<{ id: string; state: string }>;
  severityChanges: Array<{ from: string | null; to: string; reason: string }>;
  links: Array<{ incident: { number: number }; kind: string }>;
}

const responseOf = async (number: string, who: Person = eoc): Promise<ResponseJson> =>
  JSON.parse((await runCli(['incident', 'roles', number, '--json', ...who.auth])).stdout) as ResponseJson;

beforeAll(async () => {
  t = await startTestApp();
  eoc = await person('responder');
  mia = await person('responder');
  bob = await person('responder');
  viewer = await person('viewer');
  const policyId = await insertPolicy(t.app.db, t.clock, [
    { delayMinutes: 10, targets: [{ type: 'user', id: eoc.id }] },
  ]);
  await insertService(t.app.db, t.clock, { policyId, slug: 'checkout' });
  await insertService(t.app.db, t.clock, { policyId, slug: 'search' });
});
afterAll(async () => t?.close());

describe('declaring from the terminal', () => {
  it('declares a low-severity incident in one line: service, title, --severity S4', async () => {
    const declared = await runCli(['incident', 'declare', 'checkout', 'Refunds slow', '--severity', 'S4', ...mia.auth]);
    expect(declared).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(
        new RegExp(`^Declared #\\d+: Refunds slow \\(S4, investigating, owner ${eoc.name}\\)\n$`),
      ),
    });
    const number = numberOf(declared.stdout);

    // The list shows severity, stage and owner, and filters on them.
    const list = await runCli(['incidents', 'list', ...eoc.auth]);
    expect(list.stdout).toMatch(/^NUMBER +STATUS +URGENCY +PRIORITY +SEVERITY +STAGE +OWNER +SERVICE /);
    expect(list.stdout).toMatch(
      new RegExp(`\n#${number} +triggered +high +- +S4 +investigating +${eoc.name} +checkout `),
    );
    const ids = async (...args: string[]) =>
      (JSON.parse((await runCli(['incidents', 'list', '--json', ...args])).stdout) as Array<{ number: number }>).map(
        (i) => String(i.number),
      );
    expect(await ids('--severity', 'S4', ...eoc.auth)).toEqual([number]);
    expect(await ids('--severity', 'S1,S2', ...eoc.auth)).toEqual([]);
    expect(await ids('--stage', 'investigating', ...eoc.auth)).toEqual([number]);
    expect(await ids('--mine', ...eoc.auth)).toEqual([number]);
    expect(await ids('--mine', ...mia.auth)).toEqual([]);
    expect(await ids('--role', 'eoc', ...eoc.auth)).toEqual([number]);
    expect(await ids('--role', 'imoc', ...eoc.auth)).toEqual([]);
    expect(await ids('--near-miss', ...eoc.auth)).toEqual([]);

    // Show says it is declared.
    const show = await runCli(['incident', 'show', number, ...eoc.auth]);
    expect(show.stdout).toMatch(new RegExp(`\nDeclared: +\\S+ \\S+: S4, investigating, owner ${eoc.name}\n`));
  });

  it('chooses who is paged, the category, impacted services and steps; a near miss is listed as one', async () => {
    const declared = await runCli([
      'incident',
      'declare',
      '--service',
      'checkout',
      '--title',
      'Card data in a log',
      '--severity',
      'S3',
      '--near-miss',
      '--page',
      'none',
      '--category',
      'data_non_compliance',
      '--impacted',
      'search',
      '--no-page-imoc',
      '--json',
      ...mia.auth,
    ]);
    expect(declared.stderr).toBe('');
    const incident = JSON.parse(declared.stdout) as { number: number; status: string; response: ResponseJson };
    // Paged nobody: the declarer holds EOC and owns it; it starts acknowledged.
    expect(incident).toMatchObject({
      status: 'acknowledged',
      response: { severity: 'S3', nearMiss: true, owner: { id: mia.id } },
    });
    const number = String(incident.number);
    const response = (await responseOf(number)) as ResponseJson & {
      category: string;
      impactedServices: Array<{ slug: string }>;
    };
    expect(response.category).toBe('data_non_compliance');
    expect(response.impactedServices.map((s) => s.slug).sort()).toEqual(['checkout', 'search']);
    expect(response.roles.map((r) => r.role.slug)).toEqual(['eoc']);

    const nearMisses = await runCli(['incidents', 'list', '--near-miss', ...eoc.auth]);
    expect(nearMisses.stdout).toMatch(new RegExp(`\n#${number} +acknowledged +high +- +S3 near miss +investigating `));
  });

  it('without --severity it pages as before, and says which flags need a severity', async () => {
    const paged = await runCli(['incident', 'declare', 'checkout', 'Disk filling', ...eoc.auth]);
    expect(paged).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Declared #\d+: Disk filling\n$/) });
    const number = numberOf(paged.stdout);
    const list = await runCli(['incidents', 'list', '--json', ...eoc.auth]);
    expect(
      (JSON.parse(list.stdout) as Array<{ number: number; response: unknown }>).find(
        (i) => String(i.number) === number,
      ),
    ).toMatchObject({ response: null });

    const refused = await runCli([
      'incident',
      'declare',
      'checkout',
      'x',
      '--page',
      'none',
      '--page-cmoc',
      ...eoc.auth,
    ]);
    expect(refused).toMatchObject({
      code: 1,
      stderr: 'tocsin: --page, --page-cmoc need --severity (S1 to S4): with it the incident is declared\n',
    });
    expect(await runCli(['incident', 'declare', 'checkout', ...eoc.auth])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Give the title: tocsin incident declare <service> <title>'),
    });
    expect(await runCli(['incident', 'declare', 'checkout', 'x', '--service', 'search', ...eoc.auth])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Give the service once'),
    });
    expect(await runCli(['incident', 'declare', 'checkout', 'x', '--severity', 'S5', ...eoc.auth])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Allowed choices are S1, S2, S3, S4'),
    });

    // Promoted: declared now, its paging goes on.
    const promoted = await runCli(['incident', 'promote', number, '--severity', 'S3', ...eoc.auth]);
    expect(promoted).toMatchObject({
      code: 0,
      stdout: `Declared #${number}: Disk filling (S3, investigating, owner ${eoc.name})\n`,
    });
    expect(await runCli(['incident', 'promote', number, ...eoc.auth])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("required option '--severity <severity>' not specified"),
    });
  });

  it('reports a problem as someone not on call: the EOC is paged and owns it', async () => {
    const reported = await runCli(['incident', 'report', 'search', 'Search returns nothing', ...viewer.auth]);
    expect(reported).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(
        new RegExp(`^Reported #\\d+: Search returns nothing \\(S4, investigating, owner ${eoc.name}\\)\n$`),
      ),
    });
    const response = (await responseOf(numberOf(reported.stdout))) as ResponseJson & {
      origin: string;
      stakeholders: Array<{ user: { id: string }; reason: string }>;
    };
    expect(response.origin).toBe('reported');
    expect(response.stakeholders).toEqual([
      expect.objectContaining({ user: expect.objectContaining({ id: viewer.id }), reason: 'reporter' }),
    ]);
  });
});

describe('responding from the terminal', () => {
  let number: string;

  beforeAll(async () => {
    const declared = await runCli([
      'incident',
      'declare',
      'checkout',
      'Payments failing',
      '--severity',
      'S3',
      ...eoc.auth,
    ]);
    number = numberOf(declared.stdout);
  });

  it('engages a role by email without paging, and the person takes it up: ownership passes up', async () => {
    const engaged = await runCli([
      'incident',
      'engage',
      number,
      'imoc',
      '--user',
      mia.email.toUpperCase(),
      '--no-page',
      ...eoc.auth,
    ]);
    expect(engaged).toMatchObject({
      code: 0,
      stdout: `Engaged ${mia.name} as imoc on #${number}: Payments failing (S3, investigating, owner ${eoc.name})\n`,
    });
    const taken = await runCli(['incident', 'take', number, 'imoc', ...mia.auth]);
    expect(taken).toMatchObject({
      code: 0,
      stdout: `Took imoc on #${number}: Payments failing (S3, investigating, owner ${mia.name})\n`,
    });

    const roles = await runCli(['incident', 'roles', number, ...eoc.auth]);
    expect(roles.stdout).toContain(`#${number} Payments failing\nSeverity:  S3\nStage:     investigating since `);
    expect(roles.stdout).toMatch(new RegExp(`\nOwner: +${mia.name} \\(imoc\\) since `));
    expect(roles.stdout).toMatch(/\nROLE +HELD BY +ENGAGED +HOW +PAGED +ACCEPTED\n/);
    expect(roles.stdout).toMatch(new RegExp(`\neoc +${eoc.name} +\\S+ \\S+ +\\w+ +\\w+ +\\S+ \\S+\n`));
    expect(roles.stdout).toMatch(new RegExp(`\nimoc +${mia.name} +\\S+ \\S+ +\\w+ +no +\\S+ \\S+\n`));
    expect((await responseOf(number)).owner).toEqual(expect.objectContaining({ id: mia.id }));

    expect(await runCli(['incident', 'engage', number, 'captain', ...eoc.auth])).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^tocsin: .*captain/),
    });
  });

  it('hands the role over: asked, declined, asked again, accepted; cancelled', async () => {
    const asked = await runCli([
      'incident',
      'handoff',
      number,
      '--to',
      bob.email,
      '--note',
      'going off shift',
      ...mia.auth,
    ]);
    expect(asked.code).toBe(0);
    const handoffId = /handoff accept \d+ (\S+)\n$/.exec(asked.stdout)![1]!;
    expect(asked.stdout).toBe(
      `Asked ${bob.name} to take imoc of #${number}: Payments failing\nThey answer with: tocsin incident handoff accept ${number} ${handoffId}\n`,
    );
    const waiting = await runCli(['incident', 'roles', number, ...eoc.auth]);
    expect(waiting.stdout).toMatch(
      new RegExp(`\n${handoffId} +imoc +${mia.name} +${bob.name} +\\S+ \\S+ +going off shift\n`),
    );

    expect(await runCli(['incident', 'handoff', 'decline', number, handoffId, ...bob.auth])).toMatchObject({
      code: 0,
      stdout: `Declined the hand-off of #${number}: Payments failing (S3, investigating, owner ${mia.name})\n`,
    });
    const again = await runCli(['incident', 'handoff', number, '--to', bob.id, ...mia.auth]);
    const secondId = /handoff accept \d+ (\S+)\n$/.exec(again.stdout)![1]!;
    expect(await runCli(['incident', 'handoff', 'accept', number, secondId, ...bob.auth])).toMatchObject({
      code: 0,
      stdout: `Accepted the hand-off of #${number}: Payments failing (S3, investigating, owner ${bob.name})\n`,
    });

    const third = await runCli(['incident', 'handoff', number, '--to', mia.email, '--role', 'imoc', ...bob.auth]);
    const thirdId = /handoff accept \d+ (\S+)\n$/.exec(third.stdout)![1]!;
    expect(await runCli(['incident', 'handoff', 'cancel', number, thirdId, '--json', ...bob.auth])).toMatchObject({
      code: 0,
      stdout: expect.stringContaining(`"number": ${number}`),
    });
    expect((await responseOf(number)).handoffs.map((h) => h.state)).toEqual(
      expect.arrayContaining(['declined', 'accepted', 'cancelled']),
    );
    expect(await runCli(['incident', 'handoff', number, ...bob.auth])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Say who takes over: --to <email or user id>'),
    });
  });

  it('changes the severity with a reason; only the owner resolves, in the server words', async () => {
    const raised = await runCli(['incident', 'severity', number, 'S4', '--reason', 'only internal users', ...eoc.auth]);
    expect(raised).toMatchObject({
      code: 0,
      stdout: `Severity changed on #${number}: Payments failing (S4, investigating, owner ${bob.name})\n`,
    });
    expect((await responseOf(number)).severityChanges).toEqual(
      expect.arrayContaining([expect.objectContaining({ from: 'S3', to: 'S4', reason: 'only internal users' })]),
    );
    expect(await runCli(['incident', 'stage', number, 'monitoring', ...eoc.auth])).toMatchObject({
      code: 0,
      stdout: `Moved #${number}: Payments failing (S4, monitoring, owner ${bob.name})\n`,
    });
    const refused = await runCli(['incident', 'stage', number, 'resolved', ...eoc.auth]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`^tocsin: .*${bob.name}`));
    const refusedResolve = await runCli(['resolve', number, ...eoc.auth]);
    expect(refusedResolve.stderr).toBe(refused.stderr);
    expect(await runCli(['incident', 'stage', number, 'done', ...bob.auth])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Allowed choices are investigating, identified, monitoring, resolved, closed'),
    });
    expect(await runCli(['resolve', number, ...bob.auth])).toMatchObject({
      code: 0,
      stdout: `Resolved #${number}: Payments failing (S4, resolved, owner ${bob.name})\n`,
    });
    expect(await runCli(['incidents', 'list', '--stage', 'resolved', '--json', ...eoc.auth])).toMatchObject({
      stdout: expect.stringContaining(`"number": ${number}`),
    });
  });

  it('links related incidents and merges one into another', async () => {
    const first = numberOf(
      (await runCli(['incident', 'declare', 'search', 'Slow search', '--severity', 'S4', ...eoc.auth])).stdout,
    );
    const second = numberOf(
      (await runCli(['incident', 'declare', 'search', 'Search timeouts', '--severity', 'S4', ...eoc.auth])).stdout,
    );
    expect(await runCli(['incident', 'link', first, `#${second}`, ...eoc.auth])).toMatchObject({
      code: 0,
      stdout: `Linked #${first} and #${second}: Slow search\n`,
    });
    expect((await responseOf(first)).links).toEqual([
      { incident: expect.objectContaining({ number: Number(second) }), kind: 'related' },
    ]);
    expect(await runCli(['incident', 'unlink', first, second, ...eoc.auth])).toMatchObject({
      code: 0,
      stdout: `Unlinked #${first} and #${second}: Slow search\n`,
    });
    expect((await responseOf(first)).links).toEqual([]);

    const merged = await runCli(['incident', 'merge', second, '--into', first, ...eoc.auth]);
    expect(merged).toMatchObject({
      code: 0,
      stdout: `Merged #${second} into #${first}: Slow search (S4, investigating, owner ${eoc.name})\n`,
    });
    const shown = JSON.parse((await runCli(['incident', 'show', second, '--json', ...eoc.auth])).stdout) as {
      status: string;
    };
    expect(shown.status).toBe('resolved');
    expect(await runCli(['incident', 'merge', second, ...eoc.auth])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("required option '--into <other>' not specified"),
    });
  });

  it('a read of an incident never declared says so in the server words', async () => {
    const paged = numberOf((await runCli(['incident', 'declare', 'search', 'Paged only', ...eoc.auth])).stdout);
    const roles = await runCli(['incident', 'roles', paged, ...eoc.auth]);
    expect(roles.code).toBe(1);
    expect(roles.stderr).toMatch(/^tocsin: .+\n$/);
    expect(roles.stderr).toContain(paged);
  });
});

describe('the definitions', () => {
  it('lists severities, incident roles and categories, as text or JSON', async () => {
    const severities = await runCli(['severities', 'list', ...viewer.auth]);
    expect(severities.stdout).toMatch(
      /^KEY +NAME +ENGAGES IMOC +INVESTIGATING +UNACKNOWLEDGED +TROUBLESHOOT +DEFAULT STEPS +DESCRIPTION\n/,
    );
    expect(severities.stdout).toMatch(/\nS1 +Critical +yes +30m +15m +15m +pageImoc, pageCmoc +A service is down/);
    expect(severities.stdout).toMatch(/\nS4 +Low +no +30m +15m +120m +- +Little or no customer impact/);
    expect(JSON.parse((await runCli(['severities', 'list', '--json', ...viewer.auth])).stdout)).toHaveLength(4);

    const roles = await runCli(['roles', 'list', ...viewer.auth]);
    expect(roles.stdout).toMatch(/^SLUG +NAME +ALIAS +RANK +SCHEDULE +BUILT IN +DESCRIPTION\n/);
    expect(roles.stdout).toMatch(/\nimoc +Incident manager on call +Incident commander +2 +- +yes +Coordinates/);
    expect(roles.stdout).toMatch(/\nscribe +Scribe +- +- +- +yes +Keeps the timeline/);
    const roleJson = JSON.parse((await runCli(['roles', 'list', '--json', ...viewer.auth])).stdout) as Array<{
      slug: string;
    }>;
    expect(roleJson.map((r) => r.slug).slice(0, 3)).toEqual(['eoc', 'imoc', 'cmoc']);

    const categories = await runCli(['categories', 'list', ...viewer.auth]);
    expect(categories.stdout).toMatch(/\ndata_loss +Data loss +yes +Data did not reach/);
    expect(JSON.parse((await runCli(['categories', 'list', '--json', ...viewer.auth])).stdout)).toEqual(
      expect.arrayContaining([expect.objectContaining({ slug: 'outage', builtin: true })]),
    );
  });
});

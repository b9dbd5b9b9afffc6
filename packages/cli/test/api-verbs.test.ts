/**
 * The CLI's user verbs against a real Tocsin (real PostgreSQL, real token):
 * apply a YAML file with --yes, export it back, `--json` output that parses,
 * the missing-token error, and no terminal without --yes changing nothing.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { createApiToken } from '../../server/src/modules/auth/index.js';
import { startTestApp, type TestApp } from '../../server/src/test-support/app.js';
import { runCli } from './run-cli.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const example = path.join(repo, 'examples/tocsin.yaml');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'tocsin-cli-'));

let t: TestApp;
let token: string;
let rootId: string;
let auth: string[];

beforeAll(async () => {
  t = await startTestApp();
  const root = await t.createUserWithToken('owner', 'root@example.com');
  token = root.token;
  rootId = root.id;
  auth = ['--server', t.url, '--token', token];
});
afterAll(async () => t?.close());

const userEmails = async () => {
  const { stdout } = await runCli(['users', 'list', '--json', ...auth]);
  return (JSON.parse(stdout) as Array<{ email: string }>).map((u) => u.email);
};

describe('tocsin user verbs', () => {
  it('says how to get a token when none is set', async () => {
    delete process.env.TOCSIN_TOKEN;
    const result = await runCli(['whoami', '--server', t.url]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No API token: pass --token or set TOCSIN_TOKEN');
    expect(result.stderr).toContain('`tocsin token create --email you@example.com`');
  });

  it('says which token export needs when the one given lacks the admin scope', async () => {
    // What `tocsin token create` gives by default: read and write.
    const plain = await createApiToken(t.ctx, { name: 'default scopes', scopes: ['read', 'write'], userId: rootId });
    const result = await runCli(['export', '--server', t.url, '--token', plain.token]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('it needs the "admin" scope');
    expect(result.stderr).toContain('tocsin token create --email you@example.com --scopes read,write,admin');
  });

  it('reads the server and token from TOCSIN_URL and TOCSIN_TOKEN; whoami prints JSON or a line', async () => {
    process.env.TOCSIN_URL = t.url;
    process.env.TOCSIN_TOKEN = token;
    try {
      const json = await runCli(['whoami', '--json']);
      expect(json.code).toBe(0);
      expect(JSON.parse(json.stdout)).toMatchObject({ email: 'root@example.com', role: 'owner' });
      const text = await runCli(['whoami']);
      expect(text.stdout).toMatch(/^Test owner \d+ <root@example\.com>, owner, on http:\/\/127\.0\.0\.1:\d+\n$/);
    } finally {
      delete process.env.TOCSIN_URL;
      delete process.env.TOCSIN_TOKEN;
    }
  });

  it('without a terminal and without --yes, shows the plan, exits 2 and changes nothing', async () => {
    const result = await runCli(['apply', '-f', example, ...auth]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(`Changes to make ${t.url} match ${example}:`);
    expect(result.stdout).toContain('  + team platform-sre "Platform SRE"');
    expect(result.stdout).toContain('Plan: 19 to create.');
    expect(result.stderr).toContain('Add --yes to apply these changes.');
    expect(await userEmails()).toEqual(['root@example.com']);

    // The real binary, whose stdin is a pipe, not a terminal.
    const bin = path.join(repo, 'packages/cli/bin/tocsin.js');
    const env = { ...process.env, TOCSIN_URL: t.url, TOCSIN_TOKEN: token };
    const spawned = await promisify(execFile)(process.execPath, [bin, 'apply', '-f', example], { env }).catch(
      (e: unknown) => e,
    );
    expect(spawned).toMatchObject({ code: 2, stderr: expect.stringContaining('--yes') });
    expect(await userEmails()).toEqual(['root@example.com']);

    const dryRun = await runCli(['apply', '-f', example, '--dry-run', ...auth]);
    expect(dryRun.code).toBe(0);
    expect(dryRun.stderr).toContain('Dry run: nothing applied.');
    expect(await userEmails()).toEqual(['root@example.com']);
  });

  it('applies a YAML file with --yes, and finds nothing to do the second time', async () => {
    const applied = await runCli(['apply', '-f', example, '--yes', ...auth]);
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Applied 19 changes.');
    expect(await userEmails()).toHaveLength(7);

    const again = await runCli(['apply', '-f', example, '--yes', ...auth]);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(`No changes: ${t.url} already matches ${example}.\n`);
  });

  it('exports YAML that matches the applied file, and applying the export changes nothing', async () => {
    const exported = await runCli(['export', ...auth]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/^# Tocsin configuration, exported from /);
    const document = YAML.parse(exported.stdout) as { users: Array<{ email: string }>; teams: unknown[] };
    const original = YAML.parse(readFileSync(example, 'utf8')) as {
      users: Array<{ email: string }>;
      teams: Array<{ slug: string }>;
    };
    const byEmail = (a: { email: string }, b: { email: string }) => a.email.localeCompare(b.email);
    expect(document.users.filter((u) => u.email !== 'root@example.com')).toEqual([...original.users].sort(byEmail));
    expect(document.teams).toEqual([...original.teams].sort((a, b) => a.slug.localeCompare(b.slug)));

    const file = path.join(tmp, 'exported.json');
    const toFile = await runCli(['export', '-o', file, '--json', ...auth]);
    expect(toFile.code).toBe(0);
    expect(toFile.stderr).toBe(
      `Wrote ${file} (7 users, 2 teams, 0 schedules, 0 channels, 2 escalation policies, 2 services, 4 severities, 0 incident categories, 5 incident roles, 0 status pages).\n`,
    );
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(document);

    const noop = await runCli(['apply', '-f', file, '--prune', '--json', ...auth]);
    expect(noop.code).toBe(0);
    expect(JSON.parse(noop.stdout)).toEqual({
      applied: false,
      changes: [],
      warnings: [],
      fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('lists users and teams as tables or as JSON', async () => {
    const users = await runCli(['users', 'list', ...auth]);
    expect(users.stdout.split('\n')[0]).toMatch(/^NAME\s+EMAIL\s+ROLE\s+TIME ZONE\s+STATUS$/);
    expect(users.stdout).toMatch(/Ada Admin\s+ada@example\.com\s+owner\s+Europe\/London\s+active/);
    const teams = await runCli(['teams', 'list', ...auth]);
    expect(teams.stdout).toMatch(/platform-sre\s+Platform SRE\s+Ada Admin \(manager\), Bob Builder, Chen Li/);
    const json = JSON.parse((await runCli(['teams', 'list', '--json', ...auth])).stdout) as Array<{
      slug: string;
      members: unknown[];
    }>;
    expect(json.map((team) => [team.slug, team.members.length])).toEqual([
      ['payments', 2],
      ['platform-sre', 3],
    ]);
  });

  it('asks at a terminal, and applies only on "yes"', async () => {
    const file = path.join(tmp, 'more.yaml');
    writeFileSync(file, `${readFileSync(example, 'utf8')}  - slug: search\n    name: Search\n`);
    const declined = await runCli(['apply', '-f', file, ...auth], { interactive: true, answer: 'no' });
    expect(declined.code).toBe(1);
    expect(declined.stderr).toContain(`Apply 1 change to ${t.url}? Type "yes" to apply: `);
    expect(declined.stderr).toContain('Not applied.');
    const accepted = await runCli(['apply', '-f', file, ...auth], { interactive: true, answer: 'yes' });
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toContain('+ team search "Search"');
    expect(accepted.stdout).toContain('Applied 1 change.');

    // Someone changes Tocsin while the plan is read: the plan confirmed is no longer the one that would run, so nothing runs.
    const racing = path.join(tmp, 'racing.yaml');
    writeFileSync(
      racing,
      `${readFileSync(example, 'utf8')}  - slug: search\n    name: Search\n  - slug: billing\n    name: Billing\n`,
    );
    const raced = await runCli(['apply', '-f', racing, ...auth], {
      interactive: true,
      answer: async () => {
        expect(
          (await t.request('POST', '/api/v1/teams', { token, body: { slug: 'billing', name: 'Billing' } })).status,
        ).toBe(201);
        return 'yes';
      },
    });
    expect(raced.stdout).toContain('+ team billing "Billing"');
    expect(raced.code).toBe(1);
    expect(raced.stderr).toMatch(
      /The plan is no longer the one reviewed .*nothing was applied: Tocsin now already matches the document\./,
    );

    const pruned = await runCli(['apply', '-f', example, '--prune', '--yes', '--json', ...auth]);
    expect(JSON.parse(pruned.stdout)).toMatchObject({
      applied: true,
      changes: [
        { line: '- team billing "Billing" (not in the file)' },
        { line: '- team search "Search" (not in the file)' },
      ],
    });
  });

  it("prints the server's message and exits 1 when the API refuses, and names bad files", async () => {
    const bad = path.join(tmp, 'bad.yaml');
    writeFileSync(bad, 'version: 1\nteams:\n  - slug: payments\n    name: Payments\n    colour: blue\n');
    const invalid = await runCli(['apply', '-f', bad, '--yes', ...auth]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toBe(
      'tocsin: The config document is invalid: teams[0]: unknown key "colour" (allowed: slug, name, description, members)\n',
    );

    const viewer = (await t.createUserWithToken('viewer')).token;
    const forbidden = await runCli(['export', '--server', t.url, '--token', viewer]);
    expect(forbidden.code).toBe(1);
    expect(forbidden.stderr).toMatch(/^tocsin: Your role \(viewer\) cannot export configuration/);

    writeFileSync(bad, 'version: 1\nusers: [\n');
    expect((await runCli(['apply', '-f', bad, ...auth])).stderr).toMatch(/^tocsin: .*bad\.yaml is not valid YAML: /);
    expect((await runCli(['apply', '-f', path.join(tmp, 'missing.yaml'), ...auth])).stderr).toMatch(
      /Cannot read .*missing\.yaml: no such file/,
    );
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const down = await runCli(['whoami', '--server', `http://127.0.0.1:${port}`, '--token', token]);
    expect(down.code).toBe(1);
    expect(down.stderr).toBe(
      `tocsin: Cannot reach Tocsin at http://127.0.0.1:${port} (ECONNREFUSED): is it running? Point --server or TOCSIN_URL at it.\n`,
    );
  });

  it('reads the document from stdin with -f -, which needs --yes', async () => {
    const same = await runCli(['apply', '-f', '-', ...auth], { stdin: readFileSync(example, 'utf8') });
    expect(same.stdout).toBe(`No changes: ${t.url} already matches stdin.\n`);
    const stdin = `${readFileSync(example, 'utf8')}  - slug: search\n    name: Search\n`;
    const unconfirmed = await runCli(['apply', '-f', '-', ...auth], { stdin, interactive: true });
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stdout).toContain('+ team search "Search"');
    const confirmed = await runCli(['apply', '-f', '-', '--yes', ...auth], { stdin });
    expect(confirmed.stdout).toContain('Applied 1 change.');
  });
});

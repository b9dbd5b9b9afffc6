/**
 * `tocsin serve` on the embedded PostgreSQL, as a user runs it: first start on
 * a new data folder with the demo organisation, a second serve on the same
 * folder refused, recovery after kill -9, and PostgreSQL never running as root.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import pg from 'pg';
import { runCli, startServe, stopProcess, type ServeProcess } from '../test-support/cli.js';
import { readRuntimeInfo } from './embedded-postgres.js';

const dataRoot = mkdtempSync(path.join(os.tmpdir(), 'tocsin-serve-'));
chmodSync(dataRoot, 0o755);
const dataDir = path.join(dataRoot, 'data');
const env = {
  DATABASE_URL: '',
  TOCSIN_DATA_DIR: dataDir,
  TOCSIN_PORT: '0',
  TOCSIN_LOG_LEVEL: 'info',
  TOCSIN_WEB_DIST: '/nonexistent',
};
const started: ServeProcess[] = [];

afterAll(async () => {
  for (const s of started) await stopProcess(s.child, 'SIGKILL');
  // Stop any postmaster the kill -9 test left, then remove the folder.
  const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    try {
      process.kill(pid, 'SIGQUIT');
    } catch {
      // already gone
    }
  }
  rmSync(dataRoot, { recursive: true, force: true });
});

function postmasterPid(): number {
  return Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
}

describe('tocsin serve on the embedded PostgreSQL', () => {
  it('starts on a new data folder, seeds the demo and prints a login that works', { timeout: 120_000 }, async () => {
    const serve = await startServe(env);
    started.push(serve);
    const match = /Sign in as (\S+) with password (\S+)/.exec(serve.output());
    expect(match).not.toBeNull();
    const ready = await fetch(`${serve.url}/readyz`);
    expect(ready.status).toBe(200);
    const login = await fetch(`${serve.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: match![1], password: match![2] }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const teams = (await (await fetch(`${serve.url}/api/v1/teams`, { headers: { cookie } })).json()) as {
      items: Array<{ slug: string }>;
    };
    expect(teams.items.map((t) => t.slug).sort()).toEqual(['payments', 'platform-sre']);

    // The demo's alerts went through the queue: one incident open, one acknowledged, one resolved;
    // and a declared S2 (pages nobody: its declarer is on it, so it starts acknowledged).
    // The queue works them in its own time (slowly on a loaded machine): wait until all is as the demo says.
    type Incidents = { items: Array<{ title: string; status: string }> };
    type Alerts = { items: Array<{ dedupKey: string; triggerCount: number }> };
    const expected = {
      '5xx rate 12% on POST /orders': 'triggered',
      'TLS certificate for api.acme.example expires in 6 days': 'acknowledged',
      'p99 latency 2.3 s on the eu-west-1 load balancers': 'resolved',
      'Card payments fail for some Visa cards': 'acknowledged',
    };
    const read = async () => {
      const incidents = (await (
        await fetch(`${serve.url}/api/v1/incidents`, { headers: { cookie } })
      ).json()) as Incidents;
      const alerts = (await (await fetch(`${serve.url}/api/v1/alerts`, { headers: { cookie } })).json()) as Alerts;
      return {
        statuses: Object.fromEntries(incidents.items.map((i) => [i.title, i.status])),
        repeats: alerts.items.find((a) => a.dedupKey === 'checkout-5xx')?.triggerCount,
      };
    };
    const sameEntries = (a: object, b: object) =>
      JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
    let seen = await read();
    await vi.waitFor(
      async () => {
        seen = await read();
        if (!sameEntries(seen.statuses, expected) || seen.repeats !== 2) throw new Error('the demo is not worked yet');
      },
      { timeout: 90_000, interval: 250 },
    );
    expect(seen.statuses).toEqual(expected);
    expect(seen.repeats).toBe(2);
  });

  it('runs PostgreSQL as an unprivileged OS user, never root', () => {
    const status = readFileSync(`/proc/${postmasterPid()}/status`, 'utf8');
    const uid = Number(/^Uid:\s+(\d+)/m.exec(status)![1]);
    expect(uid).not.toBe(0);
  });

  it('serves over a Unix socket in the cluster folder, and TCP on loopback only', async () => {
    const socket = path.join(
      dataDir,
      'pg',
      `.s.PGSQL.${Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[3])}`,
    );
    expect(existsSync(socket)).toBe(true);
    const { url } = readRuntimeInfo(dataDir)!;
    expect(new URL(url).searchParams.get('host')).toBe(path.join(dataDir, 'pg'));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // A Unix-socket session has no client address.
      expect((await client.query('SELECT inet_client_addr() AS addr')).rows[0].addr).toBeNull();
    } finally {
      await client.end();
    }
  });

  it('refuses a second serve on the same data folder, saying which process holds it', { timeout: 60_000 }, async () => {
    const second = await runCli(['serve'], env);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/Another Tocsin \(pid \d+.*is using the data folder/);
    // The first one is unharmed.
    expect((await fetch(`${started[0]!.url}/healthz`)).status).toBe(200);
  });

  it("lets one-shot verbs use the running serve's database", { timeout: 60_000 }, async () => {
    const created = await runCli(
      ['user', 'create', '--email', 'new@example.com', '--name', 'New Person', '--role', 'viewer'],
      env,
    );
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/Created viewer New Person <new@example.com>/);
    expect(created.stdout).toMatch(/Password: \S{12,}/);
    const doctor = await runCli(['doctor'], env);
    expect(doctor.stdout).toMatch(/ok\s+database\s+PostgreSQL \d+/);
    expect(doctor.stdout).toMatch(/ok\s+migrations\s+current/);
    expect(doctor.stdout).toMatch(/FAIL\s+providers\s+none configured: nobody can be paged/);
    expect(doctor.code).toBe(1);
    const withEmail = await runCli(['doctor'], { ...env, TOCSIN_SMTP_URL: 'smtp://mail.example.com:587' });
    expect(withEmail.stdout).toMatch(/ok\s+providers\s+email via mail\.example\.com:587/);
  });

  it(
    'refuses to make a second, empty database in a folder that has none, saying where to point',
    { timeout: 120_000 },
    async () => {
      const elsewhere = path.join(dataRoot, 'elsewhere');
      const wrong = { ...env, TOCSIN_DATA_DIR: elsewhere };
      for (const args of [
        ['token', 'create', '--email', 'new@example.com'],
        ['user', 'create', '--email', 'x@example.com', '--name', 'X'],
        ['demo'],
        ['migrate'],
      ]) {
        const refused = await runCli(args, wrong);
        expect(refused.code, args.join(' ')).toBe(1);
        expect(refused.stderr).toContain(`There is no Tocsin database in ${elsewhere}`);
        expect(refused.stderr).toMatch(/TOCSIN_DATA_DIR=.*DATABASE_URL/);
        expect(refused.stdout).toBe('');
      }
      const doctor = await runCli(['doctor'], wrong);
      expect(doctor.code).toBe(1);
      expect(doctor.stdout).toMatch(/FAIL\s+data folder\s+.*does not exist/);
      expect(doctor.stdout).toMatch(
        new RegExp(`FAIL\\s+database\\s+found no Tocsin database \\(no embedded cluster\\) in ${elsewhere}`),
      );
      expect(existsSync(elsewhere)).toBe(false);
      // The verbs that set an installation up may create it when asked to.
      const init = await runCli(['migrate', '--init'], wrong);
      expect(init.code).toBe(0);
      expect(init.stdout).toMatch(/Applied \d+ migration\(s\)\./);
      expect(existsSync(path.join(elsewhere, 'pg', 'PG_VERSION'))).toBe(true);
      const again = await runCli(['migrate'], wrong);
      expect(again.stdout).toMatch(/The database is up to date\./);
    },
  );

  it(
    'recovers after kill -9: the orphaned PostgreSQL is stopped, the stale lock taken over, the data kept',
    { timeout: 120_000 },
    async () => {
      const first = started.shift()!;
      const orphan = postmasterPid();
      await stopProcess(first.child, 'SIGKILL');
      const again = await startServe(env);
      started.push(again);
      expect(again.output()).toMatch(/still running from a Tocsin that did not stop cleanly|stale postmaster\.pid/);
      expect(again.output()).toMatch(/took over the data folder/);
      expect(postmasterPid()).not.toBe(orphan);
      expect(again.output()).not.toMatch(/Created the demo organisation/); // same data, not a new cluster
      const token = await runCli(['token', 'create', '--email', 'new@example.com', '--scopes', 'read'], env);
      expect(token.code).toBe(0);
      expect(token.stderr).toMatch(/no admin scope \("tocsin export" and "tocsin apply" need one/);
      const users = await fetch(`${again.url}/api/v1/users`, {
        headers: { authorization: `Bearer ${token.stdout.trim()}` },
      });
      expect(users.status).toBe(200);
      const body = (await users.json()) as { items: Array<{ email: string }> };
      expect(body.items.map((u) => u.email)).toContain('new@example.com');
    },
  );

  it('stops cleanly on SIGTERM, releasing the folder and PostgreSQL', { timeout: 60_000 }, async () => {
    const serve = started.shift()!;
    const pid = postmasterPid();
    await stopProcess(serve.child, 'SIGTERM');
    expect(serve.child.exitCode).toBe(0);
    expect(existsSync(path.join(dataDir, 'tocsin.lock'))).toBe(false);
    expect(() => process.kill(pid, 0)).toThrow();
  });
});

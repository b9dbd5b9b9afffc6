/**
 * `tocsin alerts list` and `tocsin alert show` against a real Tocsin (real
 * PostgreSQL, fake clock, real token).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptEvents } from '../../server/src/modules/alerts/index.js';
import { startTestApp, type TestApp } from '../../server/src/test-support/app.js';
import { insertIntegrationKey, insertPolicy, insertService } from '../../server/src/test-support/paging-fixtures.js';
import { runCli } from './run-cli.js';

let t: TestApp;
let auth: string[];

beforeAll(async () => {
  t = await startTestApp();
  const user = await t.createUserWithToken('responder');
  auth = ['--server', t.url, '--token', user.token];
  const policyId = await insertPolicy(t.app.db, t.clock, [
    { delayMinutes: 10, targets: [{ type: 'user', id: user.id }] },
  ]);
  const serviceId = await insertService(t.app.db, t.clock, { policyId, slug: 'db' });
  const key = await insertIntegrationKey(t.app.db, t.clock, serviceId);
  const alert = (summary: string, severity: 'critical' | 'warning') => ({
    summary,
    source: 'db-1',
    severity,
    links: [{ href: 'https://grafana.example.com/d/1', text: 'Grafana' }],
    images: [],
  });
  await acceptEvents(t.app.db, t.clock, key.id, [
    {
      action: 'trigger',
      dedupKey: 'disk',
      alert: alert('Disk 91% full', 'critical'),
      raw: { routing_key: 'a1b2c3d4e5f6a7b8c9d0', dedup_key: 'disk' },
    },
  ]);
  await t.app.engine.runDue(); // processed a minute before the next one, so "newest first" is well defined
  t.clock.advanceMinutes(1);
  await acceptEvents(t.app.db, t.clock, key.id, [
    { action: 'trigger', dedupKey: 'lag', alert: alert('Replica lag 90 s', 'warning'), raw: { dedup_key: 'lag' } },
  ]);
  await t.app.engine.runDue();
});
afterAll(async () => t?.close());

describe('tocsin alert verbs', () => {
  it('lists alerts newest first, filters by status, and shows one with its raw payload (key hidden)', async () => {
    const list = await runCli(['alerts', 'list', ...auth]);
    expect(list.code).toBe(0);
    const lines = list.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID +STATUS +SEVERITY +INCIDENT +TRIGGERS +FIRST TRIGGERED +SUMMARY$/);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^\S+ +triggered +warning +#2 +1 +\d{4}-\d\d-\d\d \d\d:\d\dZ +Replica lag 90 s$/),
      expect.stringMatching(/^\S+ +triggered +critical +#1 +1 +\d{4}-\d\d-\d\d \d\d:\d\dZ +Disk 91% full$/),
    ]);
    expect((await runCli(['alerts', 'list', '--status', 'resolved', ...auth])).stdout).toBe('No alerts.\n');

    const [newest, oldest] = JSON.parse((await runCli(['alerts', 'list', '--json', ...auth])).stdout) as Array<{
      id: string;
      summary: string;
    }>;
    expect([newest!.summary, oldest!.summary]).toEqual(['Replica lag 90 s', 'Disk 91% full']);
    const show = await runCli(['alert', 'show', oldest!.id, ...auth]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain(
      'Disk 91% full\nStatus:       triggered (critical), triggered 1 time\nDedup key:    disk',
    );
    expect(show.stdout).toMatch(/\nIncident: +#1 \([0-9a-f-]{36}\)\n/);
    expect(show.stdout).toContain('Link:         Grafana: https://grafana.example.com/d/1');
    expect(show.stdout).toContain('"routing_key": "…c9d0"');
    expect(show.stdout).not.toContain('a1b2c3d4e5f6a7b8c9d0');
  });

  it("says what failed, in the server's words", async () => {
    const missing = await runCli(['alert', 'show', '0190a0b0-0000-7000-8000-00000000beef', ...auth]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^tocsin: Alert .* was not found\n$/);
  });
});

/**
 * `tocsin services list`, `tocsin services keys <service>` and `tocsin
 * policies list` against a real Tocsin seeded with the demo organisation:
 * tables for people, JSON with --json, the server's message on a bad slug.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../server/src/app/demo.js';
import { startTestApp, type TestApp } from '../../server/src/test-support/app.js';
import { runCli } from './run-cli.js';

let t: TestApp;
let auth: string[];

beforeAll(async () => {
  t = await startTestApp({ config: { publicUrl: 'https://tocsin.example.com' } });
  await seedDemo(t.app.db, t.clock, { resetPassword: false });
  auth = ['--server', t.url, '--token', (await t.createUserWithToken('responder')).token];
});
afterAll(async () => t?.close());

describe('tocsin services and policies', () => {
  it('lists services as a table or as JSON', async () => {
    const table = await runCli(['services', 'list', ...auth]);
    expect(table.code).toBe(0);
    const rows = table.stdout.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^SLUG\s+NAME\s+TEAM\s+ESCALATION POLICY\s+STATUS$/);
    expect(rows[1]).toMatch(/^checkout-api\s+Checkout API\s+payments\s+Payments\s+active$/);
    expect(rows[2]).toMatch(/^edge-gateway\s+Edge Gateway\s+platform-sre\s+Platform SRE on call\s+active$/);
    const json = JSON.parse((await runCli(['services', 'list', '--json', ...auth])).stdout) as Array<{
      slug: string;
      businessHours: unknown;
    }>;
    expect(json.map((s) => [s.slug, s.businessHours])).toEqual([
      ['checkout-api', { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:30' }],
      ['edge-gateway', null],
    ]);
  });

  it('prints each key with its routing key and the URLs to paste', async () => {
    const json = JSON.parse((await runCli(['services', 'keys', 'checkout-api', '--json', ...auth])).stdout) as Array<{
      routingKey: string;
      endpoints: Array<{ value: string }>;
    }>;
    expect(json).toHaveLength(1);
    const routingKey = json[0]!.routingKey;
    expect(routingKey).toMatch(/^[0-9a-f]{32}$/);
    expect(json[0]!.endpoints.map((e) => e.value)).toEqual([
      'https://tocsin.example.com/v2/enqueue',
      'https://tocsin.example.com/generic/2010-04-15/create_event.json',
    ]);
    const table = await runCli(['services', 'keys', 'checkout-api', ...auth]);
    const rows = table.stdout.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^NAME\s+TYPE\s+ROUTING KEY\s+SEND TO$/);
    expect(rows[1]).toMatch(
      new RegExp(`^Events API v2\\s+events_v2\\s+${routingKey}\\s+https://tocsin\\.example\\.com/v2/enqueue$`),
    );
    expect(rows[2]).toMatch(/^\s+https:\/\/tocsin\.example\.com\/generic\/2010-04-15\/create_event\.json$/);
  });

  it('says so when the service does not exist', async () => {
    const result = await runCli(['services', 'keys', 'nope', ...auth]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('tocsin: Service nope was not found\n');
  });

  it('lists policies level by level, or as JSON', async () => {
    const table = await runCli(['policies', 'list', ...auth]);
    const rows = table.stdout.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^NAME\s+TEAM\s+LEVELS\s+REPEATS$/);
    expect(rows[1]).toMatch(/^Payments\s+payments\s+1\. Dana Scully \(15 min\) → 2\. Payments \(30 min\)\s+0$/);
    expect(rows[2]).toMatch(
      /^Platform SRE on call\s+platform-sre\s+1\. Bob Builder \(15 min\) → 2\. Chen Li \(15 min\)\s+1$/,
    );
    const json = JSON.parse((await runCli(['policies', 'list', '--json', ...auth])).stdout) as Array<{
      name: string;
      repeatCount: number;
    }>;
    expect(json.map((p) => [p.name, p.repeatCount])).toEqual([
      ['Payments', 0],
      ['Platform SRE on call', 1],
    ]);
  });
});

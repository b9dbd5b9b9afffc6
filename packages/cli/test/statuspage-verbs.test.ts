/**
 * `tocsin statuspage export DIR` against a real Tocsin: the page, its feeds
 * and its JSON written as static files, byte for byte what the server
 * serves; a page that does not exist is a clear error.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../server/src/test-support/app.js';
import { runCli } from './run-cli.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tocsin-statuspage-'));
let t: TestApp;
let auth: string[];

beforeAll(async () => {
  t = await startTestApp();
  const token = (await t.createUserWithToken('owner')).token;
  auth = ['--server', t.url, '--token', token];
  const post = async (p: string, body: unknown) => {
    const response = await t.request('POST', p, { token, body });
    expect(response.status).toBe(201);
    return (await response.json()) as { id: string };
  };
  await post('/api/v1/status-pages', { slug: 'acme', name: 'Acme' });
  await post('/api/v1/status-pages', { slug: 'inside', name: 'Inside', visibility: 'private' });
  const component = await post('/api/v1/status-pages/acme/components', { name: 'API' });
  await post('/api/v1/status-pages/acme/incidents', {
    title: 'Errors on the API',
    body: 'Investigating.',
    components: [component.id],
    componentStatus: 'degraded_performance',
  });
});
afterAll(async () => t?.close());

describe('tocsin statuspage export', () => {
  it('writes one page in DIR, the same bytes as served', async () => {
    const dir = path.join(tmp, 'one');
    const result = await runCli(['statuspage', 'export', dir, '--page', 'acme', ...auth]);
    expect(result.stderr).toContain('Wrote acme (10 files)');
    expect(result.code).toBe(0);
    const served = await (await fetch(`${t.url}/status/acme/`)).text();
    expect(readFileSync(path.join(dir, 'index.html'), 'utf8')).toBe(served);
    expect(readFileSync(path.join(dir, 'index.html'), 'utf8')).toContain('Errors on the API');
    const summary = JSON.parse(readFileSync(path.join(dir, 'api/v2/summary.json'), 'utf8'));
    expect(summary.status.indicator).toBe('minor');
    expect(readFileSync(path.join(dir, 'feed.atom'), 'utf8')).toContain('Errors on the API');
    for (const f of [
      'feed.rss',
      'api/v2/status.json',
      'api/v2/incidents.json',
      'api/v2/components.json',
      'api/v2/scheduled-maintenances.json',
      'api/v2/scheduled-maintenances/upcoming.json',
      'api/v2/scheduled-maintenances/active.json',
    ])
      expect(existsSync(path.join(dir, f)), f).toBe(true);
  });

  it('writes every page under DIR/<slug>, private ones with the caller’s credentials', async () => {
    const dir = path.join(tmp, 'all');
    const result = await runCli(['statuspage', 'export', dir, ...auth]);
    expect(result.code).toBe(0);
    expect(readFileSync(path.join(dir, 'acme/index.html'), 'utf8')).toContain('Acme status');
    expect(readFileSync(path.join(dir, 'inside/index.html'), 'utf8')).toContain('Inside status');
  });

  it('says so when the page does not exist', async () => {
    const result = await runCli(['statuspage', 'export', path.join(tmp, 'none'), '--page', 'nope', ...auth]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No status page "nope"');
  });
});

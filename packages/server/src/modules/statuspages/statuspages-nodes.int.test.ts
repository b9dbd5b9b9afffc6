/**
 * Two Tocsin nodes on one database: a change made through one node reaches
 * the other node's public page (its renders follow the change notification),
 * and a page deleted on one disappears from both.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTocsin, type Tocsin } from '../../app/app.js';
import { silentLogger } from '../../lib/logger.js';
import { startTestApp, testConfig, type TestApp } from '../../test-support/app.js';

let a: TestApp;
let b: Tocsin;
let bUrl: string;
let token: string;

beforeAll(async () => {
  a = await startTestApp();
  token = (await a.createUserWithToken('admin')).token;
  b = await createTocsin(
    { ...testConfig(), databaseUrl: a.database.url },
    { clock: a.clock, logger: silentLogger, maxConnections: 3, shutdownGraceMs: 500, nodeId: 'node-b' },
  );
  bUrl = await b.start();
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

const onB = (path: string) => fetch(`${bUrl}${path}`);
const eventually = (check: () => Promise<void>) => vi.waitFor(check, { timeout: 30_000, interval: 100 });

describe('status pages on several nodes', () => {
  it('renders on every node after a change on one', async () => {
    const post = async (path: string, body: unknown) => {
      const response = await a.request('POST', path, { token, body });
      expect(response.status).toBe(201);
      return (await response.json()) as { id: string };
    };
    await post('/api/v1/status-pages', { slug: 'shared', name: 'Shared' });
    const component = await post('/api/v1/status-pages/shared/components', { name: 'Queue' });
    await eventually(async () => expect(await (await onB('/status/shared/')).text()).toContain('Queue'));

    await post('/api/v1/status-pages/shared/incidents', {
      title: 'Jobs delayed',
      body: 'Delayed.',
      components: [component.id],
      componentStatus: 'partial_service_disruption',
    });
    await eventually(async () => {
      const summary = (await (await onB('/status/shared/api/v2/summary.json')).json()) as {
        status: { indicator: string };
      };
      expect(summary.status.indicator).toBe('major');
    });
    const fromA = await (await fetch(`${a.url}/status/shared/`)).text();
    await eventually(async () => expect(await (await onB('/status/shared/')).text()).toBe(fromA));

    expect((await a.request('DELETE', '/api/v1/status-pages/shared', { token })).status).toBe(204);
    expect((await fetch(`${a.url}/status/shared/`)).status).toBe(404);
    await eventually(async () => expect((await onB('/status/shared/')).status).toBe(404));
  });
});

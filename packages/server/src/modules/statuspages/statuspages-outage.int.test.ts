/**
 * The status page outlives its database: Tocsin reaches PostgreSQL through a
 * TCP proxy that the test closes. With the database unreachable, the page,
 * its feeds and its JSON still answer 200 with the last content, from
 * memory, and after a restart of Tocsin during the outage too (from the
 * renders kept in the data folder); an unknown host still answers 404.
 * When the database is back, that node serves the API and renders again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTocsin, type Tocsin } from '../../app/app.js';
import { systemActor } from '../../lib/actor.js';
import { FakeClock } from '../../lib/clock.js';
import { silentLogger } from '../../lib/logger.js';
import { testConfig } from '../../test-support/app.js';
import { rawGet } from '../../test-support/http-get.js';
import { proxyDatabase, type TcpProxy } from '../../test-support/tcp-proxy.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/db.js';
import { createApiToken } from '../auth/index.js';
import { createUser } from '../users/index.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tocsin-statuspage-'));
let database: TestDatabase;
let proxy: TcpProxy;
let proxiedUrl: string;
const clock = new FakeClock();

async function startTocsin(): Promise<{ app: Tocsin; url: string }> {
  const app = await createTocsin(
    { ...testConfig({ dataDir }), databaseUrl: proxiedUrl },
    { clock, logger: silentLogger, maxConnections: 4, shutdownGraceMs: 500 },
  );
  return { app, url: await app.start() };
}

beforeAll(async () => {
  database = await createTestDatabase();
  ({ proxy, url: proxiedUrl } = await proxyDatabase(database.url));
});
afterAll(async () => {
  await proxy?.close();
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

const FILES = [
  '',
  'feed.rss',
  'feed.atom',
  'api/v2/summary.json',
  'api/v2/status.json',
  'api/v2/incidents.json',
  'api/v2/components.json',
];

async function readAll(url: string): Promise<Record<string, { status: number; body: string; etag: string | null }>> {
  const out: Record<string, { status: number; body: string; etag: string | null }> = {};
  for (const file of FILES) {
    const response = await fetch(`${url}/status/acme/${file}`);
    out[file] = { status: response.status, body: await response.text(), etag: response.headers.get('etag') };
  }
  return out;
}

describe('status page during a database outage', () => {
  it('serves the last content while PostgreSQL is unreachable, also after a restart', async () => {
    let { app, url } = await startTocsin();
    const ctx = { db: app.db, clock, actor: systemActor('test'), source: 'api' as const };
    const user = await createUser(ctx, {
      email: 'root@example.com',
      name: 'Root',
      role: 'owner',
      password: 'correct horse battery staple',
    });
    const token = (await createApiToken(ctx, { name: 't', scopes: ['read', 'write', 'admin'], userId: user.id })).token;
    const call = async (method: string, p: string, body: unknown) => {
      const response = await fetch(`${url}${p}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(201);
      return (await response.json()) as { id: string };
    };
    await call('POST', '/api/v1/status-pages', { slug: 'acme', name: 'Acme', hostName: 'status.acme.test' });
    const component = await call('POST', '/api/v1/status-pages/acme/components', { name: 'Checkout' });
    await call('POST', '/api/v1/status-pages/acme/incidents', {
      title: 'Checkout is failing',
      body: 'We are on it.',
      components: [component.id],
      componentStatus: 'service_disruption',
    });
    const before = await readAll(url);
    for (const file of FILES) expect(before[file]!.status, file).toBe(200);
    expect(before['']!.body).toContain('Checkout is failing');
    expect(JSON.parse(before['api/v2/status.json']!.body).status.indicator).toBe('critical');

    await proxy.close(); // PostgreSQL is now unreachable
    const api = await fetch(`${url}/api/v1/status-pages`, { headers: { authorization: `Bearer ${token}` } });
    expect(api.status).toBeGreaterThanOrEqual(500); // the API needs the database...
    expect(await readAll(url)).toEqual(before); // ...the page does not
    // An unknown host is answered from memory too.
    expect((await rawGet(`${url}/`, { host: 'unknown.acme.test' })).status).toBe(404);
    const byHost = await rawGet(`${url}/api/v2/status.json`, { host: 'status.acme.test' });
    expect(byHost.body).toBe(before['api/v2/status.json']!.body);

    await app.close();
    ({ app, url } = await startTocsin()); // a restart during the outage
    try {
      const after = await readAll(url);
      expect(after).toEqual(before);
      const revalidated = await fetch(`${url}/status/acme/`, { headers: { 'if-none-match': before['']!.etag! } });
      expect(revalidated.status).toBe(304);

      await proxy.reopen(); // the database is back: the node that started without it works normally
      await vi.waitFor(async () => expect((await fetch(`${url}/readyz`)).status).toBe(200), {
        timeout: 30_000,
        interval: 100,
      });
      await call('POST', '/api/v1/status-pages/acme/components', { name: 'Search' });
      expect((await rawGet(`${url}/status/acme/`)).body).toContain('Search');
    } finally {
      await app.close();
    }
  });
});

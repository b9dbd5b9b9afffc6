/**
 * Status pages in config as code: a file creates a page with its grouped
 * components following a service; applying it again changes nothing; export
 * gives it back; a component left out of the page's list is removed, and
 * prune removes pages left out of the file. Statuses set by people are left
 * alone.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../../test-support/app.js';
import { insertPolicy, insertService } from '../../test-support/paging-fixtures.js';

let t: TestApp;
let admin: string;
let serviceSlug: string;

beforeAll(async () => {
  t = await startTestApp();
  const owner = await t.createUserWithToken('owner');
  admin = owner.token;
  const policyId = await insertPolicy(t.app.db, t.clock, [
    { delayMinutes: 15, targets: [{ type: 'user', id: owner.id }] },
  ]);
  const id = await insertService(t.app.db, t.clock, { policyId });
  serviceSlug = (await t.app.db.selectFrom('services').select('slug').where('id', '=', id).executeTakeFirstOrThrow())
    .slug;
});
afterAll(async () => t?.close());

const post = async (path: string, body: unknown) => {
  const response = await t.request('POST', path, { token: admin, body });
  const json = (await response.json()) as Record<string, any>;
  if (response.status !== 200) throw new Error(`${path} → ${response.status}: ${JSON.stringify(json)}`);
  return json;
};
const lines = (result: Record<string, any>) => result.changes.map((c: { line: string }) => c.line);

describe('status pages in config as code', () => {
  it('creates, applies idempotently, exports and removes', async () => {
    const document = {
      version: 1,
      statusPages: [
        {
          slug: 'acme',
          name: 'Acme',
          timeZone: 'Europe/Berlin',
          components: [
            { name: 'API', group: 'Core', service: serviceSlug, statusFromSignals: true },
            { name: 'Website', group: 'Core' },
            { name: 'Billing' },
          ],
        },
        { slug: 'old', name: 'Old' },
      ],
    };
    const plan = await post('/api/v1/config/plan', { document });
    expect(lines(plan)).toEqual([
      '+ status page acme "Acme"',
      '+ status page component "acme/API" in "Core"',
      '+ status page component "acme/Website" in "Core"',
      '+ status page component "acme/Billing"',
      '+ status page old "Old"',
    ]);
    await post('/api/v1/config/apply', { document });
    expect(lines(await post('/api/v1/config/apply', { document }))).toEqual([]);

    const components = (await (
      await t.request('GET', '/api/v1/status-pages/acme/components', { token: admin })
    ).json()) as { items: Array<{ id: string; name: string; groupId: string | null; serviceId: string | null }> };
    expect(components.items.map((c) => c.name)).toEqual(['API', 'Website', 'Billing']);
    expect(components.items[0]!.groupId).not.toBeNull();
    expect(components.items[0]!.serviceId).not.toBeNull();
    // A status set by a person is not config: applying leaves it.
    const api = components.items[0]!;
    await t.request('PATCH', `/api/v1/status-pages/acme/components/${api.id}`, {
      token: admin,
      body: { status: 'degraded_performance' },
    });
    expect(lines(await post('/api/v1/config/apply', { document }))).toEqual([]);

    const exportResponse = await t.request('GET', '/api/v1/config/export', { token: admin });
    const exported = (await exportResponse.json()) as { statusPages: unknown[] };
    expect(exportResponse.status, JSON.stringify(exported)).toBe(200);
    expect(exported.statusPages).toEqual([
      {
        slug: 'acme',
        name: 'Acme',
        timeZone: 'Europe/Berlin',
        components: [
          { name: 'API', group: 'Core', service: serviceSlug, statusFromSignals: true },
          { name: 'Website', group: 'Core' },
          { name: 'Billing' },
        ],
        templates: [],
      },
      { slug: 'old', name: 'Old', components: [], templates: [] },
    ]);
    expect(lines(await post('/api/v1/config/plan', { document: exported, prune: true }))).toEqual([]);

    const smaller = {
      version: 1,
      statusPages: [{ slug: 'acme', name: 'Acme Inc', timeZone: 'Europe/Berlin', components: [{ name: 'API' }] }],
    };
    const applied = await post('/api/v1/config/apply', { document: smaller, prune: true });
    expect(lines(applied)).toEqual([
      '~ status page acme: name "Acme" → "Acme Inc"',
      `~ status page component "acme/API": group "Core" → "", service ${serviceSlug} → none, statusFromSignals true → false`,
      '- status page component "acme/Billing" (not in the file)',
      '- status page component "acme/Website" (not in the file)',
      '- status page old "Old" (not in the file)',
    ]);
    // Config changes reach the public page through the change notification (as on every node).
    await vi.waitFor(
      async () => {
        const page = await (await fetch(`${t.url}/status/acme/`)).text();
        expect(page).toContain('Acme Inc status');
        expect(page).not.toContain('Website');
        expect((await fetch(`${t.url}/status/old/`)).status).toBe(404);
      },
      { timeout: 30_000, interval: 100 },
    );
  });

  it("applies, exports and replaces a page's templates", async () => {
    const document = {
      version: 1,
      statusPages: [
        {
          slug: 'tpl',
          name: 'Templated',
          templates: [
            { name: 'Planned work', title: 'Database upgrade', body: 'We upgrade the database.' },
            { name: 'Fixed', body: 'Fixed and watching.' },
          ],
        },
      ],
    };
    expect(lines(await post('/api/v1/config/apply', { document }))).toEqual([
      '+ status page tpl "Templated"',
      '+ status page template "tpl/Planned work"',
      '+ status page template "tpl/Fixed"',
    ]);
    expect(lines(await post('/api/v1/config/apply', { document }))).toEqual([]);
    // The templates are usable: publishing with one fills title and message.
    const published = await t.request('POST', '/api/v1/status-pages/tpl/incidents', {
      token: admin,
      body: { template: 'planned work' },
    });
    expect(published.status).toBe(201);
    expect(await published.json()).toMatchObject({
      title: 'Database upgrade',
      updates: [expect.objectContaining({ body: 'We upgrade the database.' })],
    });

    const exported = (await (await t.request('GET', '/api/v1/config/export', { token: admin })).json()) as {
      statusPages: Array<{ slug: string; templates?: unknown[] }>;
    };
    expect(exported.statusPages.find((p) => p.slug === 'tpl')?.templates).toEqual([
      { name: 'Fixed', body: 'Fixed and watching.' },
      { name: 'Planned work', title: 'Database upgrade', body: 'We upgrade the database.' },
    ]);
    expect(lines(await post('/api/v1/config/plan', { document: exported }))).toEqual([]);

    // A template made in the admin screen, then a file that changes one and leaves two out.
    await t.request('POST', '/api/v1/status-pages/tpl/templates', {
      token: admin,
      body: { name: 'Ad hoc', body: 'Made by hand.' },
    });
    const changed = {
      version: 1,
      statusPages: [
        { slug: 'tpl', name: 'Templated', templates: [{ name: 'FIXED', body: 'Fixed; we keep watching.' }] },
      ],
    };
    expect(lines(await post('/api/v1/config/apply', { document: changed }))).toEqual([
      '~ status page template "tpl/FIXED": name "Fixed" → "FIXED", body changed',
      '- status page template "tpl/Ad hoc" (not in the file)',
      '- status page template "tpl/Planned work" (not in the file)',
    ]);
    const after = (await (await t.request('GET', '/api/v1/status-pages/tpl/templates', { token: admin })).json()) as {
      items: Array<{ name: string; title: string; body: string }>;
    };
    expect(after.items.map((i) => [i.name, i.title, i.body])).toEqual([['FIXED', '', 'Fixed; we keep watching.']]);

    // A page without a templates list keeps its templates.
    const without = { version: 1, statusPages: [{ slug: 'tpl', name: 'Templated' }] };
    expect(lines(await post('/api/v1/config/plan', { document: without }))).toEqual([]);
  });

  it('refuses two templates of one page with the same name', async () => {
    const response = await t.request('POST', '/api/v1/config/plan', {
      token: admin,
      body: {
        document: {
          version: 1,
          statusPages: [
            {
              slug: 'x',
              name: 'X',
              templates: [
                { name: 'A', body: 'a' },
                { name: 'a', body: 'b' },
              ],
            },
          ],
        },
      },
    });
    expect(response.status).toBe(400);
    const message = ((await response.json()) as { error: { message: string } }).error.message;
    expect(message).toContain('statusPages[0].templates');
    expect(message).toContain('same name');
  });

  it('refuses a bad page in the file, naming where', async () => {
    const response = await t.request('POST', '/api/v1/config/plan', {
      token: admin,
      body: { document: { version: 1, statusPages: [{ slug: 'x', name: 'X', brandColor: 'pink' }] } },
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain(
      'statusPages[0].brandColor',
    );
  });
});

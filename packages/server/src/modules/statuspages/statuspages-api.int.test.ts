/**
 * Status pages over the API and on the public page: admins shape a page,
 * responders publish page incidents and set statuses; the page, its feeds
 * and its Statuspage-shaped JSON show them, served from memory with
 * validators and 304s; a page's host name routes to it without cookies;
 * links to internal incidents follow the visibility rule, and a private or
 * security incident (and Security Issue) needs confirmDisclosure.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawGet } from '../../test-support/http-get.js';
import { startResponseWorld, type Person, type ResponseWorld } from '../../test-support/response-fixtures.js';

let w: ResponseWorld;
let admin: Person;
let cmoc: Person;
let outsider: Person;
let service: { id: string; slug: string };
let page: { id: string; slug: string };
let api: { id: string };
let web: { id: string };

interface PageIncident {
  id: string;
  state: string;
  incident: { id: string; number: number } | null;
  components: Array<{ id: string; status: string }>;
  updates: Array<{ state: string; body: string }>;
}

beforeAll(async () => {
  w = await startResponseWorld();
  admin = await w.person('admin');
  cmoc = await w.person('responder');
  outsider = await w.person('responder');
  service = await w.service(cmoc);
  page = await w.ok(
    admin,
    'POST',
    '/api/v1/status-pages',
    { slug: 'acme', name: 'Acme', timeZone: 'Europe/Paris' },
    201,
  );
  const group = await w.ok<{ id: string }>(admin, 'POST', '/api/v1/status-pages/acme/groups', { name: 'Core' }, 201);
  api = await w.ok(
    admin,
    'POST',
    '/api/v1/status-pages/acme/components',
    { name: 'API', groupId: group.id, service: service.slug },
    201,
  );
  web = await w.ok(admin, 'POST', '/api/v1/status-pages/acme/components', { name: 'Website', position: 1 }, 201);
});
afterAll(async () => w?.close());

const get = (path: string, headers: Record<string, string> = {}) => rawGet(new URL(path, w.t.url).toString(), headers);

const publish = (body: Record<string, unknown>, who = cmoc) =>
  w.call(who, 'POST', '/api/v1/status-pages/acme/incidents', body);

describe('status pages: admin API', () => {
  it('lets admins shape a page and refuses others and bad input with a message', async () => {
    expect((await w.fails(cmoc, 'POST', '/api/v1/status-pages', { slug: 'x', name: 'X' })).status).toBe(403);
    expect((await w.fails(cmoc, 'POST', '/api/v1/status-pages/acme/components', { name: 'DB' })).status).toBe(403);
    const light = await w.fails(admin, 'POST', '/api/v1/status-pages', { slug: 'x', name: 'X', brandColor: '#ffee88' });
    expect(light).toMatchObject({ status: 400, message: expect.stringContaining('too light') });
    const zone = await w.fails(admin, 'POST', '/api/v1/status-pages', { slug: 'x', name: 'X', timeZone: 'Mars/Base' });
    expect(zone).toMatchObject({ status: 400, message: expect.stringContaining('IANA time zone') });
    const host = await w.fails(admin, 'POST', '/api/v1/status-pages', {
      slug: 'x',
      name: 'X',
      hostName: 'http://a.b/',
    });
    expect(host.status).toBe(400);
    expect((await w.fails(admin, 'POST', '/api/v1/status-pages', { slug: 'ACME', name: 'Again' })).status).toBe(409);
    const viewerList = await w.ok<{ items: Array<{ slug: string }> }>(w.viewer, 'GET', '/api/v1/status-pages');
    expect(viewerList.items.map((p) => p.slug)).toEqual(['acme']);
    const components = await w.ok<{ items: Array<{ name: string; serviceId: string | null }> }>(
      w.viewer,
      'GET',
      '/api/v1/status-pages/acme/components',
    );
    expect(components.items).toEqual([
      expect.objectContaining({ name: 'API', serviceId: service.id }),
      expect.objectContaining({ name: 'Website', serviceId: null }),
    ]);
  });

  it("shows seed 004's definitions", async () => {
    const d = await w.ok<{ statuses: Array<{ key: string; definition: string }> }>(
      w.viewer,
      'GET',
      '/api/v1/status-pages/definitions',
    );
    expect(d.statuses.map((s) => s.key)).toEqual([
      'operational',
      'degraded_performance',
      'partial_service_disruption',
      'service_disruption',
      'security_issue',
      'under_maintenance',
    ]);
    expect(d.statuses.find((s) => s.key === 'service_disruption')!.definition).toBe(
      'This is an outage. The IMOC must be engaged.',
    );
  });

  it('sets Security Issue only with confirmDisclosure, and a responder may set a status but not rename', async () => {
    const path = `/api/v1/status-pages/acme/components/${web.id}`;
    const refused = await w.fails(cmoc, 'PATCH', path, { status: 'security_issue' });
    expect(refused).toMatchObject({ status: 400, message: expect.stringContaining('security team') });
    expect((await w.fails(cmoc, 'PATCH', path, { name: 'Web' })).status).toBe(403);
    await w.ok(cmoc, 'PATCH', path, { status: 'security_issue', confirmDisclosure: true });
    await w.ok(cmoc, 'PATCH', path, { status: 'operational' });
  });
});

describe('status pages: the public page', () => {
  it('serves the page without credentials, redirects to its slash, and 404s an unknown slug', async () => {
    const home = await get('/status/acme/');
    expect(home.status).toBe(200);
    expect(home.headers['content-type']).toContain('text/html');
    expect(home.body).toContain('<main id="main"');
    expect(home.body).toContain('All Systems Operational');
    expect(home.body).toMatch(/API<\/span><span class="s"[^>]*>Operational/);
    expect(home.body).not.toContain('<script');
    expect((await get('/status/acme')).status).toBe(301);
    expect((await get('/status/acme')).headers.location).toBe('/status/acme/');
    expect((await get('/status/nope/')).status).toBe(404);
    // A stale session cookie does not get in the way of a public page.
    expect((await get('/status/acme/', { cookie: 'tocsin_session=stale' })).status).toBe(200);
  });

  it('publishes an incident: the page, its JSON and feeds show it; resolving puts components back', async () => {
    const created = await publish({
      title: 'Slow API responses',
      body: 'We are **investigating**. <script>alert(1)</script> [x](javascript:alert(2))',
      components: [api.id],
      componentStatus: 'partial_service_disruption',
    });
    expect(created.status).toBe(201);
    const incident = (await created.json()) as PageIncident;
    expect(incident).toMatchObject({
      state: 'investigating',
      components: [{ id: api.id, status: 'partial_service_disruption' }],
    });

    const home = await get('/status/acme/');
    expect(home.body).toContain('Slow API responses');
    expect(home.body).toContain('<strong>investigating</strong>');
    expect(home.body).not.toMatch(/<script|javascript:/);
    expect(home.body).toMatch(/API<\/span><span class="s"[^>]*>Partial Service Disruption/);

    const summary = JSON.parse((await get('/status/acme/api/v2/summary.json')).body);
    expect(summary.status).toEqual({ indicator: 'major', description: 'Partial Service Disruption' });
    expect(summary.page).toMatchObject({ id: page.id, name: 'Acme', time_zone: 'Europe/Paris' });
    expect(summary.components.find((c: { name: string }) => c.name === 'API')).toMatchObject({
      status: 'partial_outage',
      tocsin_status: 'partial_service_disruption',
      group: false,
    });
    expect(summary.components.find((c: { name: string }) => c.name === 'Core')).toMatchObject({
      group: true,
      components: [api.id],
    });
    expect(summary.incidents).toEqual([
      expect.objectContaining({
        id: incident.id,
        name: 'Slow API responses',
        status: 'investigating',
        impact: 'major',
      }),
    ]);
    const status = JSON.parse((await get('/status/acme/api/v2/status.json')).body);
    expect(status.status.indicator).toBe('major');
    expect(JSON.parse((await get('/status/acme/api/v2/components.json')).body).components).toHaveLength(3);
    const rss = await get('/status/acme/feed.rss');
    expect(rss.headers['content-type']).toContain('application/rss+xml');
    expect(rss.body).toContain('<title>Slow API responses (Investigating)</title>');
    expect(rss.body).not.toContain('<script');
    const atom = await get('/status/acme/feed.atom');
    expect(atom.body).toContain(`<id>urn:uuid:${incident.id}</id>`);

    await w.ok(
      cmoc,
      'POST',
      `/api/v1/status-pages/acme/incidents/${incident.id}/updates`,
      { state: 'monitoring', body: 'A fix is out.' },
      201,
    );
    const resolved = await w.ok<PageIncident>(
      cmoc,
      'POST',
      `/api/v1/status-pages/acme/incidents/${incident.id}/updates`,
      { state: 'resolved', body: 'All good.' },
      201,
    );
    expect(resolved.components).toEqual([expect.objectContaining({ status: 'operational' })]);
    expect(resolved.updates.map((u) => u.state)).toEqual(['resolved', 'monitoring', 'investigating']);
    const after = await get('/status/acme/');
    expect(after.body).toContain('All Systems Operational');
    expect(after.body).toMatch(/Past incidents<\/h2><article[^>]*>.*Slow API responses/s);
    const incidents = JSON.parse((await get('/status/acme/api/v2/incidents.json')).body);
    expect(incidents.incidents[0]).toMatchObject({
      id: incident.id,
      status: 'resolved',
      resolved_at: expect.any(String),
    });
  });

  it('answers 304 on revalidation and says how long to cache', async () => {
    const first = await get('/status/acme/api/v2/summary.json');
    expect(first.headers['cache-control']).toContain('public');
    expect(first.headers['access-control-allow-origin']).toBe('*');
    const etag = first.headers.etag!;
    const modified = first.headers['last-modified']!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect((await get('/status/acme/api/v2/summary.json', { 'if-none-match': etag })).status).toBe(304);
    expect((await get('/status/acme/api/v2/summary.json', { 'if-modified-since': modified })).status).toBe(304);
    expect((await get('/status/acme/api/v2/summary.json', { 'if-none-match': '"other"' })).status).toBe(200);
    // A change makes a new ETag.
    await w.ok(cmoc, 'PATCH', `/api/v1/status-pages/acme/components/${web.id}`, { status: 'degraded_performance' });
    const changed = await get('/status/acme/api/v2/summary.json', { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    await w.ok(cmoc, 'PATCH', `/api/v1/status-pages/acme/components/${web.id}`, { status: 'operational' });
  });

  it('keeps a typical page under 50 KB', async () => {
    await w.ok(admin, 'POST', '/api/v1/status-pages', { slug: 'big', name: 'Big' }, 201);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const c = await w.ok<{ id: string }>(
        admin,
        'POST',
        '/api/v1/status-pages/big/components',
        { name: `Component ${i}`, description: 'Serves customers in every region.' },
        201,
      );
      ids.push(c.id);
    }
    for (let i = 0; i < 10; i++) {
      const created = await w.ok<{ id: string }>(
        cmoc,
        'POST',
        '/api/v1/status-pages/big/incidents',
        {
          title: `Incident ${i}`,
          body: 'We are looking into reports of errors for some customers.',
          components: ids.slice(0, 3),
        },
        201,
      );
      for (const state of ['identified', 'monitoring', 'resolved'])
        await w.ok(
          cmoc,
          'POST',
          `/api/v1/status-pages/big/incidents/${created.id}/updates`,
          { state, body: 'The cause is known and a fix is being rolled out to every region.' },
          201,
        );
    }
    const home = await get('/status/big/');
    expect(home.status).toBe(200);
    expect(home.body).toContain('Incident 9');
    expect(Buffer.byteLength(home.body)).toBeLessThan(50_000);
  }, 120_000); // some 40 changes, each rendered: slow on a loaded machine, not a timing assertion
});

describe('status pages: incidents behind page incidents', () => {
  const declare = async (who: Person, title: string, extra: Record<string, unknown> = {}) =>
    w.ok<{ id: string; number: number }>(
      who,
      'POST',
      '/api/v1/incidents',
      { serviceId: service.slug, title, severity: 'S2', ...extra },
      201,
    );

  it("links an incident its publisher sees, its state taken from the incident's stage", async () => {
    const incident = await declare(cmoc, 'Database failover');
    await w.ok(cmoc, 'POST', `/api/v1/incidents/${incident.number}/stage`, { stage: 'identified' });
    const published = await w.ok<PageIncident>(
      cmoc,
      'POST',
      '/api/v1/status-pages/acme/incidents',
      { title: 'Degraded database', body: 'We found it.', incident: String(incident.number) },
      201,
    );
    expect(published).toMatchObject({ state: 'identified', incident: { id: incident.id, number: incident.number } });
    const ofIncident = await w.ok<{ items: PageIncident[] }>(
      cmoc,
      'GET',
      `/api/v1/incidents/${incident.number}/status-page-incidents`,
    );
    expect(ofIncident.items.map((p) => p.id)).toEqual([published.id]);
  });

  it("counts a page update as the linked incident's status update: the cadence restarts", async () => {
    const incident = await declare(cmoc, 'Checkout errors'); // S2: an update every 60 minutes
    const dueAt = async () => {
      const view = await w.ok<{ nextUpdateDueAt: string | null }>(
        cmoc,
        'GET',
        `/api/v1/incidents/${incident.number}/response`,
      );
      const stored = await w.t.app.db
        .selectFrom('incident_responses')
        .select('next_update_reminder_at')
        .where('incident_id', '=', incident.id)
        .executeTakeFirstOrThrow();
      // What the reminder reconciler reads moves too, not only what is shown.
      expect(stored.next_update_reminder_at?.toISOString()).toBe(view.nextUpdateDueAt);
      return view.nextUpdateDueAt;
    };
    const inMinutes = (m: number) => new Date(w.t.clock.now().getTime() + m * 60_000).toISOString();
    expect(await dueAt()).toBe(inMinutes(60));
    w.t.clock.advanceMinutes(40);
    const published = await w.ok<PageIncident>(
      cmoc,
      'POST',
      '/api/v1/status-pages/acme/incidents',
      { title: 'Checkout errors', body: 'Investigating.', incident: String(incident.number) },
      201,
    );
    expect(await dueAt()).toBe(inMinutes(60));
    w.t.clock.advanceMinutes(50);
    await w.ok(
      cmoc,
      'POST',
      `/api/v1/status-pages/acme/incidents/${published.id}/updates`,
      { state: 'identified', body: 'Found it.' },
      201,
    );
    expect(await dueAt()).toBe(inMinutes(60));
    // A page incident not linked to it does not count.
    w.t.clock.advanceMinutes(10);
    await publish({ title: 'Unrelated', body: 'x', state: 'resolved' });
    expect(await dueAt()).toBe(inMinutes(50));
  });

  it('refuses a private or security incident without confirmDisclosure, and hides it from non-members (404)', async () => {
    const secret = await declare(cmoc, 'Leaked credentials', { category: 'security' });
    const refused = await publish({ title: 'Security notice', body: 'x', incident: secret.id });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('confirmDisclosure');
    const hidden = await publish(
      { title: 'Security notice', body: 'x', incident: secret.id, confirmDisclosure: true },
      outsider,
    );
    expect(hidden.status).toBe(404);
    expect((await w.fails(outsider, 'GET', `/api/v1/incidents/${secret.number}/status-page-incidents`)).status).toBe(
      404,
    );
    const published = await publish({
      title: 'Security notice',
      body: 'Fixed.',
      incident: secret.id,
      confirmDisclosure: true,
      state: 'resolved',
    });
    expect(published.status).toBe(201);
    const { id } = (await published.json()) as PageIncident;
    // The page incident is public; its link to the private incident is not shown to a non-member.
    const asMember = await w.ok<PageIncident>(cmoc, 'GET', `/api/v1/status-pages/acme/incidents/${id}`);
    expect(asMember.incident).toEqual({ id: secret.id, number: secret.number });
    const asOutsider = await w.ok<PageIncident>(outsider, 'GET', `/api/v1/status-pages/acme/incidents/${id}`);
    expect(asOutsider.incident).toBeNull();
  });
});

describe('status pages: seed 004 engages the IMOC', () => {
  it('engages the IMOC of the linked incident for Partial or Service Disruption, not for Degraded Performance', async () => {
    const imoc = await w.person('responder');
    await w.staffRole('imoc', imoc);
    const minor = await w.ok<{ id: string; number: number }>(
      cmoc,
      'POST',
      '/api/v1/incidents',
      { serviceId: service.slug, title: 'Slow search', severity: 'S3' },
      201,
    );
    await w.ok(
      cmoc,
      'POST',
      '/api/v1/status-pages/acme/incidents',
      {
        title: 'Slow search',
        body: 'Looking.',
        incident: minor.id,
        components: [web.id],
        componentStatus: 'degraded_performance',
      },
      201,
    );
    const holders = async (n: number) =>
      (await w.response(n)).roles.filter((r) => r.role.slug === 'imoc' && r.endedAt === null);
    expect(await holders(minor.number)).toEqual([]);

    const outage = await w.ok<{ id: string; number: number }>(
      cmoc,
      'POST',
      '/api/v1/incidents',
      { serviceId: service.slug, title: 'Search down', severity: 'S3' },
      201,
    );
    expect(await holders(outage.number)).toEqual([]);
    const published = await w.ok<PageIncident>(
      cmoc,
      'POST',
      '/api/v1/status-pages/acme/incidents',
      {
        title: 'Search down',
        body: 'Down.',
        incident: outage.id,
        components: [web.id],
        componentStatus: 'degraded_performance',
      },
      201,
    );
    expect(await holders(outage.number)).toEqual([]);
    await w.ok(
      cmoc,
      'POST',
      `/api/v1/status-pages/acme/incidents/${published.id}/updates`,
      { state: 'identified', body: 'Worse.', componentStatus: 'service_disruption' },
      201,
    );
    expect((await holders(outage.number)).map((h) => h.user.id)).toEqual([imoc.id]);
    const timeline = await w.timeline(outage.number);
    expect(timeline.map((e) => e.message)).toContainEqual(
      'The status page shows Service Disruption: engaging the IMOC (seed 004)',
    );
    await w.ok(
      cmoc,
      'POST',
      `/api/v1/status-pages/acme/incidents/${published.id}/updates`,
      { state: 'resolved', body: 'Fixed.' },
      201,
    );
  });
});

describe('status pages: host names and private pages', () => {
  it('routes a page host name to its page without cookies; an unknown host gets 404', async () => {
    await w.ok(
      admin,
      'POST',
      '/api/v1/status-pages',
      { slug: 'hosted', name: 'Hosted', hostName: 'status.example.com' },
      201,
    );
    const home = await get('/', { host: 'status.example.com', cookie: 'tocsin_session=garbage' });
    expect(home.status).toBe(200);
    expect(home.body).toContain('Hosted status');
    const summary = await get('/api/v2/summary.json', { host: 'STATUS.example.com:443' });
    expect(JSON.parse(summary.body).page.name).toBe('Hosted');
    expect((await get('/feed.atom', { host: 'status.example.com' })).status).toBe(200);
    expect((await get('/api/v1/users', { host: 'status.example.com' })).status).toBe(404);
    expect((await get('/', { host: 'other.example.com' })).status).toBe(404);
    expect((await get('/healthz', { host: 'internal.example.com' })).status).toBe(200);
  });

  it('shows a private page to signed-in members and to its secret link only', async () => {
    const created = await w.ok<{ secretLinkKey: string }>(
      admin,
      'POST',
      '/api/v1/status-pages',
      { slug: 'inside', name: 'Inside', visibility: 'private', secretLink: true },
      201,
    );
    expect(created.secretLinkKey).toMatch(/^tsp_/);
    expect((await get('/status/inside/')).status).toBe(401);
    expect((await get('/status/inside/?key=wrong')).status).toBe(401);
    const withKey = await get(`/status/inside/?key=${created.secretLinkKey}`);
    expect(withKey.status).toBe(200);
    expect(withKey.headers['cache-control']).toContain('private');
    const member = await get('/status/inside/api/v2/status.json', { authorization: `Bearer ${w.viewer.token}` });
    expect(member.status).toBe(200);
    const asViewer = await w.ok<{ secretLinkKey: string | null }>(w.viewer, 'GET', '/api/v1/status-pages/inside');
    expect(asViewer.secretLinkKey).toBeNull();
  });
});

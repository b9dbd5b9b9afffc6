/**
 * Scheduled maintenance on the fake clock: announced ahead, it starts and
 * completes by itself (the engine's reconciler, two nodes racing), each step
 * an update row; its components are Under Maintenance meanwhile and then
 * back to what they were; the public page, its feeds and Statuspage's
 * scheduled-maintenances JSON show it.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../lib/logger.js';
import { rawGet } from '../../test-support/http-get.js';
import { startResponseWorld, type Person, type ResponseWorld } from '../../test-support/response-fixtures.js';
import { createMaintenanceReconciler } from './index.js';

/** Renders follow a change asynchronously (the NOTIFY): wait on the content, generously on a loaded machine. */
const eventually = (check: () => Promise<void>) => vi.waitFor(check, { timeout: 30_000, interval: 100 });
let w: ResponseWorld;
let admin: Person;
let cmoc: Person;
let api: { id: string };
let web: { id: string };
let db: { id: string };

interface PageIncident {
  id: string;
  kind: string;
  state: string;
  scheduledFor: string | null;
  scheduledUntil: string | null;
  components: Array<{ id: string; status: string }>;
  updates: Array<{ state: string; body: string; createdBy: string }>;
}

const HOUR = 3_600_000;

beforeAll(async () => {
  w = await startResponseWorld();
  admin = await w.person('admin');
  cmoc = await w.person('responder');
  await w.ok(admin, 'POST', '/api/v1/status-pages', { slug: 'maint', name: 'Maint', timeZone: 'Europe/Paris' }, 201);
  api = await w.ok(admin, 'POST', '/api/v1/status-pages/maint/components', { name: 'API' }, 201);
  web = await w.ok(admin, 'POST', '/api/v1/status-pages/maint/components', { name: 'Website', position: 1 }, 201);
  db = await w.ok(admin, 'POST', '/api/v1/status-pages/maint/components', { name: 'Database', position: 2 }, 201);
  await w.ok(cmoc, 'PATCH', `/api/v1/status-pages/maint/components/${api.id}`, { status: 'degraded_performance' });
});
afterAll(async () => w?.close());

const get = (path: string) => rawGet(new URL(path, w.t.url).toString());
const json = async (path: string) => JSON.parse((await get(`/status/maint/${path}`)).body);
const inHours = (h: number) => new Date(w.t.clock.now().getTime() + h * HOUR).toISOString();
const nodes = () =>
  [1, 2].map(() => createMaintenanceReconciler({ db: w.t.app.db, clock: w.t.clock, logger: silentLogger }));
/** Both nodes claim until neither finds due work; answers how many moves were made. */
async function race(): Promise<number> {
  let moves = 0;
  await Promise.all(
    nodes().map(async (node) => {
      while (await node.runOnce(w.t.clock.now())) moves++;
    }),
  );
  return moves;
}
const statuses = async () =>
  Object.fromEntries(
    (
      await w.ok<{ items: Array<{ name: string; status: string }> }>(
        cmoc,
        'GET',
        '/api/v1/status-pages/maint/components',
      )
    ).items.map((c) => [c.name, c.status]),
  );
const maintenance = async (id: string) =>
  (await w.ok<{ items: PageIncident[] }>(cmoc, 'GET', '/api/v1/status-pages/maint/maintenances')).items.find(
    (m) => m.id === id,
  )!;

describe('scheduled maintenance', () => {
  it('refuses bad windows, unknown components and viewers with a message', async () => {
    const path = '/api/v1/status-pages/maint/maintenances';
    const base = { title: 'DB upgrade', body: 'Upgrading.', scheduledFor: inHours(2), scheduledUntil: inHours(4) };
    expect(await w.fails(cmoc, 'POST', path, { ...base, scheduledUntil: inHours(1) })).toMatchObject({
      status: 400,
      message: expect.stringContaining('scheduledUntil must be after scheduledFor'),
    });
    expect(
      await w.fails(cmoc, 'POST', path, { ...base, scheduledFor: inHours(-3), scheduledUntil: inHours(-1) }),
    ).toMatchObject({
      status: 400,
      message: expect.stringContaining('in the past'),
    });
    expect(await w.fails(cmoc, 'POST', path, { ...base, scheduledFor: 'tomorrow' })).toMatchObject({ status: 400 });
    expect(
      await w.fails(cmoc, 'POST', path, { ...base, components: ['00000000-0000-7000-8000-000000000009'] }),
    ).toMatchObject({ status: 400, message: expect.stringContaining('not on this page') });
    expect((await w.fails(w.viewer, 'POST', path, base)).status).toBe(403);
  });

  it('is announced, starts and completes by itself on the clock, each step an update; components come back', async () => {
    const announced = await w.ok<PageIncident>(
      cmoc,
      'POST',
      '/api/v1/status-pages/maint/maintenances',
      {
        title: 'Database upgrade',
        body: 'We will upgrade the **database**.',
        components: [api.id, web.id],
        scheduledFor: inHours(2),
        scheduledUntil: inHours(4),
      },
      201,
    );
    expect(announced).toMatchObject({
      kind: 'maintenance',
      state: 'scheduled',
      scheduledFor: inHours(2),
      updates: [{ state: 'scheduled', body: 'We will upgrade the **database**.' }],
    });
    // Announced: shown as upcoming; nothing is under maintenance yet.
    const home = await get('/status/maint/');
    expect(home.body).toMatch(/<h2 id="maint-upcoming">Scheduled maintenance<\/h2>.*Database upgrade/s);
    expect(home.body).toContain('5 Jan 2026, 12:00 – 14:00 CET');
    expect(home.body).not.toContain('Maintenance in progress');
    expect((await json('api/v2/scheduled-maintenances/upcoming.json')).scheduled_maintenances).toEqual([
      expect.objectContaining({
        id: announced.id,
        status: 'scheduled',
        impact: 'maintenance',
        scheduled_for: inHours(2),
      }),
    ]);
    expect((await json('api/v2/scheduled-maintenances/active.json')).scheduled_maintenances).toEqual([]);
    expect((await json('api/v2/summary.json')).scheduled_maintenances.map((m: { id: string }) => m.id)).toEqual([
      announced.id,
    ]);
    expect((await get('/status/maint/feed.rss')).body).toContain('Maintenance: Database upgrade');
    // The incidents list is for incidents: a maintenance is not one.
    expect((await json('api/v2/incidents.json')).incidents).toEqual([]);

    // Not yet due: nothing moves, even a millisecond early.
    expect(await race()).toBe(0);
    w.t.clock.advance(2 * HOUR - 1);
    expect(await race()).toBe(0);
    w.t.clock.advance(1);
    expect(await race()).toBe(1);
    expect(await statuses()).toEqual({
      API: 'under_maintenance',
      Website: 'under_maintenance',
      Database: 'operational',
    });
    const started = await maintenance(announced.id);
    expect(started.state).toBe('in_progress');
    expect(started.updates.map((u) => [u.state, u.createdBy])).toEqual([
      ['in_progress', 'Scheduled maintenance'],
      ['scheduled', expect.any(String)],
    ]);
    await eventually(async () => {
      const page = (await get('/status/maint/')).body;
      expect(page).toMatch(/<h2 id="maint-active">Maintenance in progress<\/h2>.*Database upgrade/s);
      expect(page).toMatch(/API<\/span><span class="s"[^>]*>Under Maintenance/);
    });
    expect((await json('api/v2/scheduled-maintenances/active.json')).scheduled_maintenances).toEqual([
      expect.objectContaining({
        id: announced.id,
        status: 'in_progress',
        components: expect.arrayContaining([expect.objectContaining({ name: 'API', status: 'under_maintenance' })]),
      }),
    ]);
    expect((await json('api/v2/status.json')).status).toEqual({
      indicator: 'maintenance',
      description: 'Under Maintenance',
    });

    // A responder may say it is being verified; an incident's state or a component status is refused.
    const updates = `/api/v1/status-pages/maint/incidents/${announced.id}/updates`;
    expect(await w.fails(cmoc, 'POST', updates, { state: 'resolved', body: 'x' })).toMatchObject({
      status: 400,
      message: expect.stringContaining('a maintenance is scheduled, in_progress, verifying, completed'),
    });
    expect(
      await w.fails(cmoc, 'POST', updates, { state: 'verifying', body: 'x', componentStatus: 'operational' }),
    ).toMatchObject({ status: 400, message: expect.stringContaining('componentStatus') });
    w.t.clock.advance(HOUR);
    await w.ok(cmoc, 'POST', updates, { state: 'verifying', body: 'Checking the replicas.' }, 201);
    expect(await statuses()).toMatchObject({ API: 'under_maintenance' });

    // The window closes: completed by itself, each component back to its status before.
    w.t.clock.advance(HOUR - 1);
    expect(await race()).toBe(0);
    w.t.clock.advance(1);
    expect(await race()).toBe(1);
    expect(await statuses()).toEqual({ API: 'degraded_performance', Website: 'operational', Database: 'operational' });
    const done = await maintenance(announced.id);
    expect(done.updates.map((u) => u.state)).toEqual(['completed', 'verifying', 'in_progress', 'scheduled']);
    expect(done.updates[0]!.body).toBe('The scheduled maintenance has been completed.');
    await eventually(async () => {
      const page = (await get('/status/maint/')).body;
      expect(page).not.toContain('Maintenance in progress');
      expect(page).not.toContain('maint-upcoming');
    });
    expect((await json('api/v2/scheduled-maintenances.json')).scheduled_maintenances).toEqual([
      expect.objectContaining({ id: announced.id, status: 'completed', resolved_at: w.t.clock.now().toISOString() }),
    ]);
    expect((await json('api/v2/summary.json')).scheduled_maintenances).toEqual([]);
    expect((await w.fails(cmoc, 'POST', updates, { state: 'in_progress', body: 'again' })).status).toBe(409);
    // The history keeps the maintenance's statuses (for the uptime bars).
    const history = await w.t.app.db
      .selectFrom('status_page_component_history')
      .select(['status', 'page_incident_id'])
      .where('component_id', '=', api.id)
      .orderBy('seq')
      .execute();
    expect(history.map((h) => [h.status, h.page_incident_id])).toEqual([
      ['operational', null],
      ['degraded_performance', null],
      ['under_maintenance', announced.id],
      ['degraded_performance', announced.id],
    ]);
  });

  it('a window missed while no node ran still starts and ends, telling both', async () => {
    const m = await w.ok<PageIncident>(
      cmoc,
      'POST',
      '/api/v1/status-pages/maint/maintenances',
      {
        title: 'Network',
        body: 'Switch swap.',
        components: [db.id],
        scheduledFor: inHours(1),
        scheduledUntil: inHours(2),
      },
      201,
    );
    w.t.clock.advance(3 * HOUR);
    expect(await race()).toBe(2);
    const done = await maintenance(m.id);
    expect(done.updates.map((u) => u.state)).toEqual(['completed', 'in_progress', 'scheduled']);
    expect((await statuses()).Database).toBe('operational');
  });

  it('an incident refuses a maintenance state', async () => {
    const incident = await w.ok<PageIncident>(
      cmoc,
      'POST',
      '/api/v1/status-pages/maint/incidents',
      { title: 'Oops', body: 'Looking.' },
      201,
    );
    expect(incident.kind).toBe('incident');
    expect(
      await w.fails(cmoc, 'POST', `/api/v1/status-pages/maint/incidents/${incident.id}/updates`, {
        state: 'in_progress',
        body: 'x',
      }),
    ).toMatchObject({ status: 400, message: expect.stringContaining('an incident is investigating') });
  });
});

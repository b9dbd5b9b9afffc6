/**
 * The uptime history on the public page: percentages hand-computed across a
 * local midnight (the page's time zone), each day's incidents on the bar,
 * a new render when the day turns (fake clock), and a typical page with
 * several components, 90 days of bars and incidents still under 50 KB.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rawGet } from '../../test-support/http-get.js';
import { startResponseWorld, type Person, type ResponseWorld } from '../../test-support/response-fixtures.js';

/** Renders follow a change asynchronously (the NOTIFY): wait on the content, generously on a loaded machine. */
const eventually = (check: () => Promise<void>) => vi.waitFor(check, { timeout: 30_000, interval: 100 });
let w: ResponseWorld;
let admin: Person;
let cmoc: Person;

beforeAll(async () => {
  w = await startResponseWorld();
  admin = await w.person('admin');
  cmoc = await w.person('responder');
});
afterAll(async () => w?.close());

const get = (path: string) => rawGet(new URL(path, w.t.url).toString());
const HOUR = 3_600_000;

describe('uptime history', () => {
  it('computes each day in the page time zone, shows the day incidents, and renders again when the day turns', async () => {
    // The clock starts at 2026-01-05T09:00Z: 10:00 in Paris.
    await w.ok(admin, 'POST', '/api/v1/status-pages', { slug: 'up', name: 'Up', timeZone: 'Europe/Paris' }, 201);
    const api = await w.ok<{ id: string }>(admin, 'POST', '/api/v1/status-pages/up/components', { name: 'API' }, 201);
    await w.ok(admin, 'POST', '/api/v1/status-pages/up/components', { name: 'Website' }, 201);
    w.t.clock.advance(13 * HOUR); // 23:00 Paris
    const incident = await w.ok<{ id: string }>(
      cmoc,
      'POST',
      '/api/v1/status-pages/up/incidents',
      { title: 'API outage', body: 'Down.', components: [api.id], componentStatus: 'service_disruption' },
      201,
    );
    w.t.clock.advance(2 * HOUR); // 01:00 Paris on 6 Jan
    await w.ok(
      cmoc,
      'POST',
      `/api/v1/status-pages/up/incidents/${incident.id}/updates`,
      { state: 'resolved', body: 'Back.' },
      201,
    );
    // 5 Jan: the API existed 14 hours (10:00 to midnight), down 1: 13/14 = 92.857 %.
    // 6 Jan (today, its status counted to the day's end): down 1 hour of 24 = 95.833 %.
    // Overall: 2 hours down of 38 = 94.736 %. Shown rounded down to two decimals.
    const page = (await get('/status/up/')).body;
    expect(page).toContain('94.73 % uptime');
    expect(page).toContain('<span class="tip">5 Jan 2026 · 92.85 %<br>API outage</span>');
    expect(page).toContain('<span class="tip">6 Jan 2026 · 95.83 %<br>API outage</span>');
    expect(page).toContain('<summary>Days with incidents (2)</summary>');
    // The Website had no downtime since it was created; its days before are no data.
    expect(page.match(/100\.00 % uptime/g)).toHaveLength(1);
    expect(page.match(/<li class="n"><\/li>/g)).toHaveLength(2 * 88);
    const etag = (await get('/status/up/')).headers.etag;

    // Past local midnight nothing changed in the rows, yet the bars move on by a day.
    w.t.clock.advance(23 * HOUR); // 00:00 Paris on 7 Jan
    await eventually(async () => {
      // 2 hours down of 14 + 24 + 24 = 62: 96.774 %.
      expect((await get('/status/up/')).body).toContain('96.77 % uptime');
    });
    const after = await get('/status/up/');
    expect(after.headers.etag).not.toBe(etag);
    expect(after.body).toContain('<span class="tip">6 Jan 2026 · 95.83 %<br>API outage</span>');
    expect(after.body.match(/<li class="n"><\/li>/g)).toHaveLength(2 * 87);
  });

  it('keeps a typical page (10 components, 90 days of bars, incidents on a dozen days, maintenance) under 50 KB', async () => {
    await w.ok(admin, 'POST', '/api/v1/status-pages', { slug: 'busy', name: 'Busy', timeZone: 'UTC' }, 201);
    const group = await w.ok<{ id: string }>(admin, 'POST', '/api/v1/status-pages/busy/groups', { name: 'Core' }, 201);
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const c = await w.ok<{ id: string }>(
        admin,
        'POST',
        '/api/v1/status-pages/busy/components',
        { name: `Component ${i}`, description: 'Serves customers in every region.', groupId: i < 5 ? group.id : null },
        201,
      );
      ids.push(c.id);
    }
    for (let i = 0; i < 12; i++) {
      w.t.clock.advance(7 * 24 * HOUR);
      const created = await w.ok<{ id: string }>(
        cmoc,
        'POST',
        '/api/v1/status-pages/busy/incidents',
        {
          title: `Errors for some customers in region ${i}`,
          body: 'We are looking into reports of errors for some customers.',
          components: ids.slice(i % 8, (i % 8) + 3),
          componentStatus: i % 2 ? 'partial_service_disruption' : 'degraded_performance',
        },
        201,
      );
      w.t.clock.advance(3 * HOUR);
      await w.ok(
        cmoc,
        'POST',
        `/api/v1/status-pages/busy/incidents/${created.id}/updates`,
        { state: 'resolved', body: 'A fix was rolled out to every region and errors are back to normal.' },
        201,
      );
    }
    await w.ok(
      cmoc,
      'POST',
      '/api/v1/status-pages/busy/maintenances',
      {
        title: 'Database upgrade',
        body: 'Writes may pause for a few seconds.',
        components: ids.slice(0, 2),
        scheduledFor: new Date(w.t.clock.now().getTime() + 24 * HOUR).toISOString(),
        scheduledUntil: new Date(w.t.clock.now().getTime() + 26 * HOUR).toISOString(),
      },
      201,
    );
    const home = (await get('/status/busy/')).body;
    expect(home).toContain('Errors for some customers in region 11');
    expect(home).toContain('Database upgrade');
    expect(home.match(/<ol class="bars"/g)).toHaveLength(10);
    expect(home.match(/tabindex="0"/g)!.length).toBeGreaterThanOrEqual(12);
    expect(Buffer.byteLength(home)).toBeLessThan(50_000);
  }, 120_000); // some 40 changes, each rendered: slow on a loaded machine, not a timing assertion
});

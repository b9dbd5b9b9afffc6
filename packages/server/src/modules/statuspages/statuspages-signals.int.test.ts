/**
 * Status from signals: a component following a service takes the status of
 * its open declared incidents (S1 Service Disruption, S2 Partial, S3
 * Degraded), a person's status overrides it (shown), clearing the override
 * returns to the signal, and a private incident never shows.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startResponseWorld, type Person, type ResponseWorld } from '../../test-support/response-fixtures.js';

/** Renders follow a change asynchronously (the NOTIFY): wait on the content, generously on a loaded machine. */
const eventually = (check: () => Promise<void>) => vi.waitFor(check, { timeout: 30_000, interval: 100 });
let w: ResponseWorld;
let admin: Person;
let cmoc: Person;
let service: { id: string; slug: string };
let api: { id: string };

interface Component {
  id: string;
  status: string;
  statusFromSignals: boolean;
  statusOverridden: boolean;
  signalStatus: string | null;
}

beforeAll(async () => {
  w = await startResponseWorld();
  admin = await w.person('admin');
  cmoc = await w.person('responder');
  service = await w.service(cmoc);
  await w.ok(admin, 'POST', '/api/v1/status-pages', { slug: 'sig', name: 'Sig' }, 201);
  api = await w.ok(
    admin,
    'POST',
    '/api/v1/status-pages/sig/components',
    { name: 'API', service: service.slug, statusFromSignals: true },
    201,
  );
});
afterAll(async () => w?.close());

const component = async () =>
  (await w.ok<{ items: Component[] }>(cmoc, 'GET', '/api/v1/status-pages/sig/components')).items.find(
    (c) => c.id === api.id,
  )!;
const declare = (severity: string, extra: Record<string, unknown> = {}) =>
  w.ok<{ id: string; number: number }>(
    cmoc,
    'POST',
    '/api/v1/incidents',
    { serviceId: service.slug, title: `Trouble ${severity}`, severity, ...extra },
    201,
  );
const expectStatus = (status: string, more: Partial<Component> = {}) =>
  eventually(async () => expect(await component()).toMatchObject({ status, ...more }));

describe('status from signals', () => {
  it('needs a service', async () => {
    expect(
      await w.fails(admin, 'POST', '/api/v1/status-pages/sig/components', { name: 'Web', statusFromSignals: true }),
    ).toMatchObject({ status: 400, message: expect.stringContaining('follows no service') });
  });

  it('follows the open incidents, a person overrides it, clearing returns to the signal', async () => {
    expect(await component()).toMatchObject({
      status: 'operational',
      statusFromSignals: true,
      signalStatus: 'operational',
    });
    const incident = await declare('S2');
    await expectStatus('partial_service_disruption', { statusOverridden: false });
    await w.ok(cmoc, 'POST', `/api/v1/incidents/${incident.number}/severity`, { severity: 'S1', reason: 'worse' });
    await expectStatus('service_disruption');
    // A person knows better: their status stands, and the signal is still shown beside it.
    await w.ok(cmoc, 'PATCH', `/api/v1/status-pages/sig/components/${api.id}`, { status: 'degraded_performance' });
    expect(await component()).toMatchObject({
      status: 'degraded_performance',
      statusOverridden: true,
      signalStatus: 'service_disruption',
    });
    await w.ok(cmoc, 'POST', `/api/v1/incidents/${incident.number}/severity`, { severity: 'S3', reason: 'better' });
    const stillOverridden = await component();
    expect(stillOverridden).toMatchObject({ status: 'degraded_performance', statusOverridden: true });
    await w.ok(cmoc, 'POST', `/api/v1/incidents/${incident.number}/severity`, { severity: 'S2', reason: 'hm' });
    // Clearing the override returns to the signal at once.
    const cleared = await w.ok<Component>(cmoc, 'PATCH', `/api/v1/status-pages/sig/components/${api.id}`, {
      clearOverride: true,
    });
    expect(cleared).toMatchObject({ status: 'partial_service_disruption', statusOverridden: false });
    // The page shows it too.
    const summary = (await (await w.t.request('GET', '/status/sig/api/v2/summary.json')).json()) as {
      components: Array<{ tocsin_status: string }>;
    };
    expect(summary.components[0]).toMatchObject({ tocsin_status: 'partial_service_disruption' });
    // Resolved: operational again.
    await w.ok(cmoc, 'POST', `/api/v1/incidents/${incident.number}/stage`, { stage: 'resolved' });
    await expectStatus('operational');
    const history = await w.t.app.db
      .selectFrom('status_page_component_history')
      .select(['status', 'set_by_label'])
      .where('component_id', '=', api.id)
      .orderBy('seq')
      .execute();
    expect(history.map((h) => [h.status, h.set_by_label === 'Signals'])).toEqual([
      ['operational', false],
      ['partial_service_disruption', true],
      ['service_disruption', true],
      ['degraded_performance', false],
      ['partial_service_disruption', false],
      ['operational', true],
    ]);
  });

  it('ignores private incidents and near misses', async () => {
    await declare('S1', { private: true });
    await declare('S1', { nearMiss: true });
    // A public S3 after them is what shows: the private S1 and the near miss do not.
    await declare('S3');
    await expectStatus('degraded_performance');
  });

  it('after maintenance a component following signals takes what they say now; overlapping maintenances', async () => {
    // Now: a public S3 is open (the test before), so API is Degraded.
    await expectStatus('degraded_performance');
    const web = await w.ok<{ id: string }>(admin, 'POST', '/api/v1/status-pages/sig/components', { name: 'Web' }, 201);
    await w.ok(cmoc, 'PATCH', `/api/v1/status-pages/sig/components/${web.id}`, { status: 'degraded_performance' });
    const at = (h: number) => new Date(w.t.clock.now().getTime() + h * 3_600_000).toISOString();
    const schedule = (title: string) =>
      w.ok<{ id: string }>(
        cmoc,
        'POST',
        '/api/v1/status-pages/sig/maintenances',
        { title, body: 'Planned.', components: [api.id, web.id], scheduledFor: at(1), scheduledUntil: at(3) },
        201,
      );
    const move = (id: string, state: string) =>
      w.ok(cmoc, 'POST', `/api/v1/status-pages/sig/incidents/${id}/updates`, { state, body: `Now ${state}.` }, 201);
    const webStatus = async () =>
      (await w.ok<{ items: Component[] }>(cmoc, 'GET', '/api/v1/status-pages/sig/components')).items.find(
        (c) => c.id === web.id,
      )!.status;
    const first = await schedule('First');
    const second = await schedule('Second');
    await move(first.id, 'in_progress');
    await move(second.id, 'in_progress');
    await expectStatus('under_maintenance');
    // An S1 during the work: the component stays under maintenance meanwhile.
    await declare('S1');
    await expectStatus('under_maintenance');
    // The first to end leaves both under maintenance: the second still runs.
    await move(first.id, 'completed');
    await expectStatus('under_maintenance');
    expect(await webStatus()).toBe('under_maintenance');
    // The last to end: API takes what the signals say now (the S1), not Degraded from before;
    // Web, not following signals, returns to its status before the work.
    await move(second.id, 'completed');
    await expectStatus('service_disruption', { statusOverridden: false });
    expect(await webStatus()).toBe('degraded_performance');
  });
});

/**
 * Services over the API against real PostgreSQL: created with the default
 * urgency rules, SLA targets and grouping; time zones, business hours,
 * grouping and references checked with messages that say what to fix; read
 * by id or slug by every role; written by admins only, audited; a service
 * with incidents cannot be deleted. Maintenance windows: "in maintenance now"
 * on the service and in the paging settings, and gone once the window ends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../lib/ids.js';
import { startTestApp, type TestApp } from '../../test-support/app.js';
import { insertPolicy } from '../../test-support/paging-fixtures.js';
import { listAudit } from '../audit/index.js';
import { DEFAULT_SLA_TARGETS, DEFAULT_URGENCY_RULES, getPagingSettings } from './index.js';

let t: TestApp;
let admin: string;
let responder: string;
let viewer: string;
let policyId: string;
let teamId: string;
let channelId: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.createUserWithToken('admin')).token;
  const bob = await t.createUserWithToken('responder');
  responder = bob.token;
  viewer = (await t.createUserWithToken('stakeholder')).token;
  policyId = await insertPolicy(t.app.db, t.clock, [{ delayMinutes: 15, targets: [{ type: 'user', id: bob.id }] }], {
    name: 'Primary',
  });
  teamId = (
    (await (
      await t.request('POST', '/api/v1/teams', { token: admin, body: { slug: 'payments', name: 'Payments' } })
    ).json()) as { id: string }
  ).id;
  channelId = (
    (await (
      await t.request('POST', '/api/v1/channels', {
        token: admin,
        body: { type: 'slack', name: 'ops', target: 'C0123ABC' },
      })
    ).json()) as { id: string }
  ).id;
});
afterAll(async () => t?.close());

const json = async (response: Response) => (await response.json()) as Record<string, any>;
const create = (body: Record<string, unknown>, token = admin) =>
  t.request('POST', '/api/v1/services', { token, body: { escalationPolicyId: policyId, ...body } });

describe('services', () => {
  it('creates a service with the default paging settings, and audits it', async () => {
    const response = await create({ slug: 'checkout', name: 'Checkout API', teamId });
    expect(response.status).toBe(201);
    const service = await json(response);
    expect(service).toMatchObject({
      slug: 'checkout',
      name: 'Checkout API',
      team: { id: teamId, slug: 'payments', name: 'Payments' },
      escalationPolicy: { id: policyId, name: 'Primary' },
      timeZone: 'UTC',
      businessHours: null,
      urgencyRules: DEFAULT_URGENCY_RULES,
      slaTargets: DEFAULT_SLA_TARGETS,
      grouping: { mode: 'dedup_key' },
      noticeChannelIds: [],
      isDisabled: false,
      isInMaintenance: false,
      maintenanceEndsAt: null,
    });
    const [entry] = await listAudit(t.ctx, { entityType: 'service', entityId: service.id, limit: 1 });
    expect(entry).toMatchObject({ action: 'service.created', after: { slug: 'checkout' } });
    const settings = await getPagingSettings(t.app.db, service.id, t.clock.now());
    expect(settings).toMatchObject({
      slug: 'checkout',
      policy: { id: policyId, name: 'Primary' },
      isInMaintenance: false,
    });
  });

  it('stores business hours (days sorted), urgency rules, SLA targets, a grouping window and notice channels', async () => {
    const response = await create({
      slug: 'edge',
      name: 'Edge',
      timeZone: 'Europe/London',
      businessHours: { days: [5, 1, 3], start: '09:00', end: '17:30' },
      urgencyRules: [{ when: { severity: ['critical'] }, urgency: 'high', priority: 'P1' }, { urgency: 'low' }],
      slaTargets: { high: { ackMinutes: 5, resolveMinutes: 60 }, low: { ackMinutes: 60, resolveMinutes: 600 } },
      grouping: { mode: 'window', windowMinutes: 10, field: 'component' },
      noticeChannelIds: [channelId],
    });
    expect(response.status).toBe(201);
    expect(await json(response)).toMatchObject({
      businessHours: { days: [1, 3, 5], start: '09:00', end: '17:30' },
      urgencyRules: [
        { when: { severity: ['critical'] }, urgency: 'high', priority: 'P1' },
        { urgency: 'low', priority: null },
      ],
      grouping: { mode: 'window', windowMinutes: 10, field: 'component' },
      noticeChannelIds: [channelId],
    });
  });

  it.each([
    [{ timeZone: 'Mars/Olympus' }, 'must be an IANA time zone name'],
    [{ businessHours: { days: [1], start: '9:00', end: '17:00' } }, 'must be a time as HH:MM'],
    [{ businessHours: { days: [8], start: '09:00', end: '17:00' } }, 'ISO weekdays'],
    [{ businessHours: { days: [1, 1], start: '09:00', end: '17:00' } }, 'lists a day twice'],
    [{ grouping: { mode: 'window', windowMinutes: 0, field: 'group' } }, 'must be 1 to 1440 minutes'],
    [{ grouping: { mode: 'window', windowMinutes: 10 } }, 'body.grouping'],
    [{ urgencyRules: [] }, 'at least one rule'],
    [
      { slaTargets: { high: { ackMinutes: 30, resolveMinutes: 10 }, low: { ackMinutes: 1, resolveMinutes: 1 } } },
      'must not be shorter than ackMinutes',
    ],
    [{ slug: 'Not A Slug' }, 'lowercase letters'],
  ])('refuses %j', async (body, message) => {
    const response = await create({ slug: 'bad', name: 'Bad', ...body });
    expect(response.status).toBe(400);
    expect((await json(response)).error.message).toContain(message);
  });

  it('names the policy, team or channel that does not exist', async () => {
    const ghost = newId();
    for (const [body, message] of [
      [{ escalationPolicyId: ghost }, `escalationPolicyId: escalation policy ${ghost} does not exist`],
      [{ teamId: ghost }, `teamId: team ${ghost} does not exist`],
      [{ noticeChannelIds: [channelId, ghost] }, `noticeChannelIds: chat channel ${ghost} does not exist`],
    ] as const) {
      const response = await create({ slug: 'ghost', name: 'Ghost', ...body });
      expect(response.status).toBe(400);
      expect((await json(response)).error.message).toContain(message);
    }
  });

  it('refuses a taken slug, and writes by non-admins', async () => {
    const taken = await create({ slug: 'checkout', name: 'Again' });
    expect(taken.status).toBe(409);
    expect((await json(taken)).error.message).toContain('"checkout" already exists');
    expect((await create({ slug: 'mine', name: 'Mine' }, responder)).status).toBe(403);
    expect(
      (await t.request('PATCH', '/api/v1/services/checkout', { token: responder, body: { name: 'x' } })).status,
    ).toBe(403);
    expect((await t.request('DELETE', '/api/v1/services/checkout', { token: responder })).status).toBe(403);
  });

  it('lets every role read services, by id or slug', async () => {
    const list = await json(await t.request('GET', '/api/v1/services', { token: viewer }));
    expect(list.items.map((s: { slug: string }) => s.slug)).toEqual(['checkout', 'edge']);
    const bySlug = await json(await t.request('GET', '/api/v1/services/checkout', { token: viewer }));
    const byId = await json(await t.request('GET', `/api/v1/services/${bySlug.id}`, { token: viewer }));
    expect(byId).toEqual(bySlug);
    expect((await t.request('GET', '/api/v1/services/nope', { token: viewer })).status).toBe(404);
  });

  it('updates a service, clearing business hours and the team, and audits before and after', async () => {
    const response = await t.request('PATCH', '/api/v1/services/edge', {
      token: admin,
      body: { name: 'Edge Gateway', businessHours: null, teamId: null, isDisabled: true, noticeChannelIds: [] },
    });
    expect(response.status).toBe(200);
    const service = await json(response);
    expect(service).toMatchObject({
      name: 'Edge Gateway',
      businessHours: null,
      team: null,
      isDisabled: true,
      noticeChannelIds: [],
    });
    const [entry] = await listAudit(t.ctx, { entityType: 'service', entityId: service.id, limit: 1 });
    expect(entry).toMatchObject({
      action: 'service.updated',
      before: { name: 'Edge' },
      after: { name: 'Edge Gateway' },
    });
  });

  it('refuses to delete a service with incidents; deletes one without, with its keys', async () => {
    const checkout = await json(await t.request('GET', '/api/v1/services/checkout', { token: admin }));
    const now = t.clock.now();
    await t.app.db
      .insertInto('incidents')
      .values({
        id: newId(now),
        service_id: checkout.id,
        title: 'Down',
        status: 'resolved',
        urgency: 'high',
        priority: 'P1',
        group_key: null,
        triggered_at: now,
        acknowledged_at: null,
        acknowledged_by: null,
        resolved_at: now,
        resolved_by: null,
        created_by: 'test',
        created_at: now,
        updated_at: now,
      })
      .execute();
    const refused = await t.request('DELETE', '/api/v1/services/checkout', { token: admin });
    expect(refused.status).toBe(409);
    expect((await json(refused)).error.message).toContain(
      'Service checkout has incidents, whose history must stay: disable it instead',
    );

    const edge = await json(await t.request('GET', '/api/v1/services/edge', { token: admin }));
    await t.request('POST', '/api/v1/services/edge/integration-keys', { token: admin, body: { type: 'events_v2' } });
    expect((await t.request('DELETE', '/api/v1/services/edge', { token: admin })).status).toBe(204);
    expect(
      await t.app.db.selectFrom('integration_keys').selectAll().where('service_id', '=', edge.id).execute(),
    ).toEqual([]);
    const [entry] = await listAudit(t.ctx, { entityType: 'service', entityId: edge.id, limit: 1 });
    expect(entry?.action).toBe('service.deleted');
  });
});

describe('maintenance windows', () => {
  it('puts a service in maintenance now, until the window ends', async () => {
    const now = t.clock.now();
    const endsAt = new Date(now.getTime() + 60 * 60_000).toISOString();
    const response = await t.request('POST', '/api/v1/services/checkout/maintenance-windows', {
      token: admin,
      body: { endsAt, reason: 'Database upgrade' },
    });
    expect(response.status).toBe(201);
    const window = await json(response);
    expect(window).toMatchObject({
      startsAt: now.toISOString(),
      endsAt,
      reason: 'Database upgrade',
      isActive: true,
      createdBy: expect.stringContaining('Test admin'),
    });

    const service = await json(await t.request('GET', '/api/v1/services/checkout', { token: viewer }));
    expect(service).toMatchObject({ isInMaintenance: true, maintenanceEndsAt: endsAt });
    expect((await getPagingSettings(t.app.db, service.id, t.clock.now())).isInMaintenance).toBe(true);
    const [entry] = await listAudit(t.ctx, { entityType: 'service', entityId: service.id, limit: 1 });
    expect(entry).toMatchObject({ action: 'maintenance_window.created', after: { reason: 'Database upgrade' } });

    t.clock.advanceMinutes(61);
    expect(await json(await t.request('GET', '/api/v1/services/checkout', { token: viewer }))).toMatchObject({
      isInMaintenance: false,
      maintenanceEndsAt: null,
    });
    expect(
      (await json(await t.request('GET', '/api/v1/services/checkout/maintenance-windows', { token: viewer }))).items,
    ).toEqual([]);
    const all = await json(
      await t.request('GET', '/api/v1/services/checkout/maintenance-windows?includePast=true', { token: viewer }),
    );
    expect(all.items).toMatchObject([{ id: window.id, isActive: false }]);
  });

  it('schedules a future window, lists it, and cancels it', async () => {
    const startsAt = new Date(t.clock.now().getTime() + 24 * 60 * 60_000).toISOString();
    const endsAt = new Date(t.clock.now().getTime() + 25 * 60 * 60_000).toISOString();
    const window = await json(
      await t.request('POST', '/api/v1/services/checkout/maintenance-windows', {
        token: admin,
        body: { startsAt, endsAt },
      }),
    );
    expect(window.isActive).toBe(false);
    expect((await json(await t.request('GET', '/api/v1/services/checkout', { token: viewer }))).isInMaintenance).toBe(
      false,
    );
    const listed = await json(
      await t.request('GET', '/api/v1/services/checkout/maintenance-windows', { token: viewer }),
    );
    expect(listed.items.map((w: { id: string }) => w.id)).toEqual([window.id]);
    expect(
      (await t.request('DELETE', `/api/v1/services/checkout/maintenance-windows/${window.id}`, { token: responder }))
        .status,
    ).toBe(403);
    expect(
      (await t.request('DELETE', `/api/v1/services/checkout/maintenance-windows/${window.id}`, { token: admin }))
        .status,
    ).toBe(204);
    expect(
      (await t.request('DELETE', `/api/v1/services/checkout/maintenance-windows/${window.id}`, { token: admin }))
        .status,
    ).toBe(404);
  });

  it('refuses a window that ends before it starts, and non-admins', async () => {
    const startsAt = t.clock.now().toISOString();
    const response = await t.request('POST', '/api/v1/services/checkout/maintenance-windows', {
      token: admin,
      body: { startsAt, endsAt: startsAt },
    });
    expect(response.status).toBe(400);
    expect((await json(response)).error.message).toContain('must be after startsAt');
    const bad = await t.request('POST', '/api/v1/services/checkout/maintenance-windows', {
      token: admin,
      body: { endsAt: 'tomorrow' },
    });
    expect((await json(bad)).error.message).toContain('ISO 8601');
    const forbidden = await t.request('POST', '/api/v1/services/checkout/maintenance-windows', {
      token: responder,
      body: { endsAt: '2099-01-01T00:00:00Z' },
    });
    expect(forbidden.status).toBe(403);
  });
});

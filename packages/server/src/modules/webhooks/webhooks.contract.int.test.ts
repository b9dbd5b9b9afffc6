/**
 * Outbound webhooks end to end: an admin subscribes a local receiver
 * (127.0.0.1, closed after the file) to incident events; the receiver checks
 * the Tocsin-Signature header and its timestamp as docs/webhooks.md tells
 * customers to; a 500 is retried through the durable queue, a 400 is not;
 * the outbound-address guard refuses a private address; only admins manage
 * subscriptions; bad input is refused with a message that says why.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test-support/app.js';
import { startFakeServer, type FakeRequest, type FakeServer } from '../../test-support/fake-vendors/http-server.js';
import { insertIntegrationKey, insertPolicy, insertService } from '../../test-support/paging-fixtures.js';
import { acceptEvents } from '../alerts/index.js';
import { deliverWebhook, planWebhookDeliveries } from './index.js';

let t: TestApp;
let receiver: FakeServer;
let admin: string;
let keyId: string;
let serviceId: string;
const received: FakeRequest[] = [];
/** Statuses the receiver answers with, in order; 200 once they run out. */
const answers: number[] = [];

beforeAll(async () => {
  receiver = await startFakeServer((request) => {
    received.push(request);
    return { status: answers.shift() ?? 200, body: 'ok' };
  });
  t = await startTestApp(); // webhooksAllowPrivate: the receiver is on 127.0.0.1
  admin = (await t.createUserWithToken('admin')).token;
  const policyId = await insertPolicy(t.app.db, t.clock, []);
  serviceId = await insertService(t.app.db, t.clock, { policyId });
  keyId = (await insertIntegrationKey(t.app.db, t.clock, serviceId)).id;
});
afterAll(async () => {
  await t?.close();
  await receiver?.close();
});

const json = async (response: Response) => (await response.json()) as Record<string, any>;

/** What a customer's receiver does (docs/webhooks.md): recompute the HMAC over "t.body", refuse stale timestamps. */
function verify(secret: string, header: string | undefined, body: string, nowSeconds: number): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!match || Math.abs(nowSeconds - Number(match[1])) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${match[1]}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(match[2]!, 'hex'));
}

async function subscribe(body: Record<string, unknown> = {}) {
  const response = await t.request('POST', '/api/v1/webhooks', {
    token: admin,
    body: { url: `${receiver.url}/hooks/tocsin`, ...body },
  });
  expect(response.status).toBe(201);
  return json(response);
}

async function disable(id: string) {
  expect((await t.request('PATCH', `/api/v1/webhooks/${id}`, { token: admin, body: { enabled: false } })).status).toBe(
    200,
  );
}

let alerts = 0;
/** Triggers an incident through the alerts pipeline (a fail-fast batch) and runs the jobs due now. */
async function triggerIncident() {
  const dedupKey = `hook-${++alerts}`;
  await acceptEvents(t.app.db, t.clock, keyId, [
    {
      action: 'trigger',
      dedupKey,
      alert: { summary: `Checkout down ${alerts}`, source: 'web-1', severity: 'critical', links: [], images: [] },
      raw: { dedupKey },
    },
  ]);
  await t.app.engine.runDue();
}

const deliveries = async (id: string, query = '') =>
  json(await t.request('GET', `/api/v1/webhooks/${id}/deliveries${query}`, { token: admin }));

describe('outbound webhooks', () => {
  it('sends a signed incident event that the receiver verifies, shows the secret once, and logs the delivery', async () => {
    const subscription = await subscribe({ description: 'Data warehouse' });
    expect(subscription.secret).toMatch(/^[0-9a-f]{64}$/);
    const read = await json(await t.request('GET', `/api/v1/webhooks/${subscription.id}`, { token: admin }));
    expect(read).toMatchObject({ description: 'Data warehouse', events: null, enabled: true });
    expect(read).not.toHaveProperty('secret');

    await triggerIncident();
    expect(received).toHaveLength(1);
    const [request] = received;
    const now = Math.floor(t.clock.now().getTime() / 1000);
    expect(verify(subscription.secret, request!.headers['tocsin-signature'] as string, request!.body, now)).toBe(true);
    expect(verify(subscription.secret, request!.headers['tocsin-signature'] as string, request!.body, now + 301)).toBe(
      false,
    );
    expect(verify('another secret', request!.headers['tocsin-signature'] as string, request!.body, now)).toBe(false);
    const body = JSON.parse(request!.body);
    expect(body).toMatchObject({ event: 'IncidentTriggered', occurredAt: t.clock.now().toISOString() });
    expect(body.incident).toMatchObject({ title: 'Checkout down 1', status: 'triggered' });
    expect(request!.headers['idempotency-key']).toBe(body.id);
    expect(request!.headers['tocsin-event']).toBe('IncidentTriggered');

    const log = await deliveries(subscription.id);
    expect(log.items).toEqual([
      expect.objectContaining({ eventId: body.id, status: 'delivered', statusCode: 200, attempts: 1, error: null }),
    ]);
    await disable(subscription.id);
  });

  it('retries after a 500 and then delivers the same event id', async () => {
    const subscription = await subscribe({ events: ['IncidentTriggered'] });
    received.length = 0;
    answers.push(500);
    await triggerIncident();
    expect(received).toHaveLength(1);
    const [first] = (await deliveries(subscription.id)).items;
    expect(first).toMatchObject({ status: 'pending', statusCode: 500, attempts: 1 });
    expect(first.error).toContain('500');

    t.clock.advance(10_000); // the queue's first backoff
    await t.app.engine.runDue();
    expect(received).toHaveLength(2);
    expect(JSON.parse(received[1]!.body).id).toBe(JSON.parse(received[0]!.body).id);
    const [after] = (await deliveries(subscription.id)).items;
    expect(after).toMatchObject({ status: 'delivered', statusCode: 200, attempts: 2, error: null });
    await disable(subscription.id);
  });

  it('does not retry after a 400, and an admin can redeliver the event', async () => {
    const subscription = await subscribe();
    received.length = 0;
    answers.push(400);
    await triggerIncident();
    t.clock.advance(3_600_000);
    await t.app.engine.runDue();
    expect(received).toHaveLength(1);
    const [failed] = (await deliveries(subscription.id)).items;
    expect(failed).toMatchObject({ status: 'failed', statusCode: 400, attempts: 1 });

    const redeliver = await t.request('POST', `/api/v1/webhooks/${subscription.id}/deliveries/${failed.id}/redeliver`, {
      token: admin,
    });
    expect(redeliver.status).toBe(202);
    await t.app.engine.runDue();
    expect(received).toHaveLength(2);
    expect(JSON.parse(received[1]!.body).id).toBe(failed.eventId);
    const page = await deliveries(subscription.id, '?limit=1');
    expect(page.items).toEqual([expect.objectContaining({ status: 'delivered', eventId: failed.eventId })]);
    const older = await deliveries(subscription.id, `?limit=1&cursor=${page.nextCursor}`);
    expect(older.items).toEqual([expect.objectContaining({ id: failed.id, status: 'failed' })]);
    await disable(subscription.id);
  });

  it('signs with the new secret after a rotation, and sends only the events a subscription chose', async () => {
    const subscription = await subscribe({ events: ['IncidentTriggered'] });
    const ignoring = await subscribe({ events: ['IncidentResolved'] });
    const rotated = await json(
      await t.request('POST', `/api/v1/webhooks/${subscription.id}/rotate-secret`, { token: admin }),
    );
    expect(rotated.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(rotated.secret).not.toBe(subscription.secret);
    received.length = 0;
    await triggerIncident();
    expect(received).toHaveLength(1);
    const now = Math.floor(t.clock.now().getTime() / 1000);
    const signature = received[0]!.headers['tocsin-signature'] as string;
    expect(verify(rotated.secret, signature, received[0]!.body, now)).toBe(true);
    expect(verify(subscription.secret, signature, received[0]!.body, now)).toBe(false);
    expect((await deliveries(ignoring.id)).items).toEqual([]);
    await disable(subscription.id);
  });

  it('refuses a private address unless the operator allowed it, without retrying', async () => {
    const subscription = await subscribe();
    received.length = 0;
    await planWebhookDeliveries(t.app.db, t.clock, 'IncidentResolved', {
      incidentId: '00000000-0000-7000-8000-000000000000',
    });
    const [planned] = (await deliveries(subscription.id)).items;
    const guarded = { signingKey: async () => 'key', allowPrivateAddresses: false, timeoutMs: 5_000 };
    await deliverWebhook(t.app.db, t.clock, guarded, planned.id, 1);
    expect(received).toHaveLength(0);
    const [refused] = (await deliveries(subscription.id)).items;
    expect(refused).toMatchObject({ status: 'failed', statusCode: null });
    expect(refused.error).toContain('127.0.0.1 is a private address');
    await disable(subscription.id);
  });

  it('refuses a host name that resolves to a private address where the connection is made, without retrying', async () => {
    const subscription = await subscribe({ url: receiver.url.replace('127.0.0.1', 'localhost') });
    received.length = 0;
    await planWebhookDeliveries(t.app.db, t.clock, 'IncidentResolved', {
      incidentId: '00000000-0000-7000-8000-000000000000',
    });
    const [planned] = (await deliveries(subscription.id)).items;
    const guarded = { signingKey: async () => 'key', allowPrivateAddresses: false, timeoutMs: 5_000 };
    await expect(deliverWebhook(t.app.db, t.clock, guarded, planned.id, 1)).resolves.toBeUndefined();
    expect(received).toHaveLength(0);
    const [refused] = (await deliveries(subscription.id)).items;
    expect(refused).toMatchObject({ status: 'failed', statusCode: null, attempts: 1 });
    expect(refused.error).toContain('localhost is a private address');
    await disable(subscription.id);
  });

  it('sends the acknowledgement of an incident with its current view', async () => {
    const subscription = await subscribe({ events: ['IncidentAcknowledged'] });
    await triggerIncident();
    const incident = await t.app.db
      .selectFrom('incidents')
      .select('id')
      .where('title', '=', `Checkout down ${alerts}`)
      .executeTakeFirstOrThrow();
    received.length = 0;
    const ack = await t.request('POST', `/api/v1/incidents/${incident.id}/acknowledge`, { token: admin });
    expect(ack.status).toBe(200);
    await t.app.engine.runDue();
    expect(received).toHaveLength(1);
    const body = JSON.parse(received[0]!.body);
    expect(body).toMatchObject({ event: 'IncidentAcknowledged', data: { incidentId: incident.id } });
    expect(body.incident).toMatchObject({ id: incident.id, status: 'acknowledged' });
    await disable(subscription.id);
  });

  it("sends a declared incident's owner change, status update, category and impacted services", async () => {
    const events = [
      'IncidentOwnerChanged',
      'IncidentStatusUpdated',
      'IncidentCategoryChanged',
      'IncidentImpactedServicesChanged',
    ];
    const subscription = await subscribe({ events });
    received.length = 0;
    const responder = await t.createUserWithToken('responder');
    const as = (method: string, path: string, body?: unknown) =>
      t.request(method, path, { token: responder.token, ...(body !== undefined && { body }) });
    const declared = await json(
      await as('POST', '/api/v1/incidents', { serviceId, title: 'Ledger drift', severity: 'S3', page: 'none' }),
    );
    expect((await as('POST', `/api/v1/incidents/${declared.id}/updates`, { message: 'Reconciling' })).status).toBe(201);
    expect((await as('POST', `/api/v1/incidents/${declared.id}/category`, { category: 'security' })).status).toBe(200);
    expect(
      (await as('PUT', `/api/v1/incidents/${declared.id}/impacted-services`, { serviceIds: [serviceId] })).status,
    ).toBe(200);
    await t.app.engine.runDue();
    const bodies = received.map((r) => JSON.parse(r.body));
    expect(bodies.map((b) => b.event).sort()).toEqual([...events].sort());
    const byEvent = Object.fromEntries(bodies.map((b) => [b.event, b.data]));
    expect(byEvent.IncidentOwnerChanged).toMatchObject({
      incidentId: declared.id,
      fromUserId: null,
      toUserId: responder.id,
    });
    expect(byEvent.IncidentStatusUpdated).toMatchObject({ incidentId: declared.id, message: 'Reconciling' });
    expect(byEvent.IncidentCategoryChanged).toMatchObject({ from: null, to: 'security' });
    expect(byEvent.IncidentImpactedServicesChanged).toMatchObject({ serviceIds: [serviceId] });
    await disable(subscription.id);
  });

  it('lets only admins manage subscriptions', async () => {
    const subscription = await subscribe();
    for (const role of ['viewer', 'responder'] as const) {
      const { token } = await t.createUserWithToken(role);
      const attempts = [
        t.request('GET', '/api/v1/webhooks', { token }),
        t.request('POST', '/api/v1/webhooks', { token, body: { url: 'https://hooks.example.com/x' } }),
        t.request('GET', `/api/v1/webhooks/${subscription.id}/deliveries`, { token }),
        t.request('POST', `/api/v1/webhooks/${subscription.id}/rotate-secret`, { token }),
        t.request('DELETE', `/api/v1/webhooks/${subscription.id}`, { token }),
      ];
      for (const response of await Promise.all(attempts)) {
        expect(response.status).toBe(403);
        expect((await json(response)).error.message).toContain('admin role');
      }
    }
    expect((await t.request('DELETE', `/api/v1/webhooks/${subscription.id}`, { token: admin })).status).toBe(204);
    expect((await t.request('GET', `/api/v1/webhooks/${subscription.id}`, { token: admin })).status).toBe(404);
  });

  it.each([
    [{ url: 'http://hooks.example.com/x' }, 'must use https://'],
    [{ url: 'hooks.example.com' }, 'must be an absolute URL'],
    [{ url: 'https://user:pw@hooks.example.com/x' }, 'must not carry a user name or password'],
    [{ url: 'https://hooks.example.com/x', events: [] }, 'must name at least one event'],
    [{ url: 'https://hooks.example.com/x', events: ['IncidentExploded'] }, 'body.events.0'],
    [{ url: 'https://hooks.example.com/x', secret: 'mine' }, 'secret'],
  ])('refuses %j', async (body, message) => {
    const response = await t.request('POST', '/api/v1/webhooks', { token: admin, body });
    expect(response.status).toBe(400);
    expect((await json(response)).error.message).toContain(message);
  });
});

/**
 * Web Push as a contact method, end to end against a local push service that
 * checks the VAPID signature and decrypts what it receives (RFC 8291): a
 * browser's subscription is stored as a contact method and verified with the
 * code pushed to it; a page then reaches it through the person's
 * notification rules, decrypts to the incident's summary with the alert's
 * source and its Acknowledge / Resolve actions, lands on the timeline, and
 * the Acknowledge action acknowledges the incident as that person, recorded
 * as from a push notification. A subscription the push service says is gone
 * fails the page over to the person's next method at once (no retries), is
 * expired (disabled, shown as such) and never tried again.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakePush, type FakePush } from '../../src/test-support/fake-vendors/fake-push.js';
import { startSmoke, type Smoke } from '../../src/test-support/smoke.js';

let s: Smoke;
let push: FakePush;
beforeAll(async () => {
  [s, push] = await Promise.all([startSmoke(), startFakePush()]);
});
afterAll(async () => Promise.all([s?.close(), push?.close()]));

async function as<T>(token: string, method: string, path: string, body?: unknown, status = 200): Promise<T> {
  const response = await s.w.t.request(method, path, { token, body });
  const text = await response.text();
  if (response.status !== status) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

it('a page reaches a push subscription, decrypts to the incident, and its Acknowledge action acknowledges it', async () => {
  const pat = await s.w.person('Pat');
  const { publicKey } = await as<{ publicKey: string }>(pat.token, 'GET', '/api/v1/notify/push-key');
  expect(Buffer.from(publicKey, 'base64url')).toHaveLength(65);

  // What the browser's PushManager.subscribe gives, stored as Pat's contact method.
  const subscription = push.subscribe();
  const method = await as<{ id: string; type: string; isVerified: boolean; address: string }>(
    pat.token,
    'POST',
    `/api/v1/users/${pat.id}/contact-methods`,
    { type: 'push', label: 'My phone', address: subscription.endpoint, keys: subscription.keys },
    201,
  );
  expect(method).toMatchObject({ type: 'push', isVerified: false, address: subscription.endpoint });
  expect(JSON.stringify(method)).not.toContain(subscription.keys.auth);

  // The verification code arrives by push, encrypted to this subscription, signed with the deployment's key.
  await s.settle();
  expect(push.problems).toEqual([]);
  const verification = push.received.at(-1)!;
  expect(verification.vapidKey).toBe(publicKey);
  expect(verification.json).toMatchObject({ kind: 'verification' });
  const code = /(\d{6})/.exec(String(verification.json.body))![1]!;
  await as(pat.token, 'POST', `/api/v1/users/${pat.id}/contact-methods/${method.id}/verify`, { code });
  // Verifying gives the method its immediate high-urgency rule.

  const service = await s.service(await s.policy([{ delayMinutes: 15, people: [{ ...pat }] }]));
  await s.event(service.routingKey, 'trigger', 'search-latency', 'Search latency above 2s');
  await s.settle();

  const page = push.received.at(-1)!;
  expect(push.problems).toEqual([]);
  expect(page.json).toMatchObject({ kind: 'page', title: expect.stringContaining('Search latency above 2s') });
  expect(String(page.json.body)).toContain('critical from db-1');
  expect(page.headers.urgency).toBe('high');
  const actions = page.json.actions as Array<{ action: string; title: string; url: string }>;
  expect(actions.map((a) => a.action)).toEqual(['acknowledge', 'resolve']);

  const [incident] = (await s.incidents()).filter((i) => i.title === 'Search latency above 2s');
  expect(page.json.incidentId).toBe(incident!.id);
  expect(await s.w.timeline(incident!.id)).toContainEqual(
    expect.stringMatching(/^Notified Pat by push notification \(127\.0\.0\.1:\d+\)$/),
  );

  // The service worker POSTs the action's signed link (ADR 11), saying it came from a push.
  const ack = actions.find((a) => a.action === 'acknowledge')!;
  const acted = await fetch(`${s.w.local(ack.url)}?via=push`, { method: 'POST' });
  expect(acted.status).toBe(200);
  const after = (await s.incidents()).find((i) => i.id === incident!.id);
  expect(after!.status).toBe('acknowledged');
  const entries = await s.w.t.app.db
    .selectFrom('incident_timeline')
    .select(['kind', 'source', 'actor_label'])
    .where('incident_id', '=', incident!.id)
    .where('kind', '=', 'acknowledged')
    .execute();
  expect(entries).toEqual([{ kind: 'acknowledged', source: 'push', actor_label: `Pat <${pat.email}>` }]);
});

it('a subscription the push service says is gone fails over to the next method', async () => {
  const quinn = await s.w.person('Quinn');
  const subscription = push.subscribe();
  const method = await as<{ id: string }>(
    quinn.token,
    'POST',
    `/api/v1/users/${quinn.id}/contact-methods`,
    { type: 'push', address: subscription.endpoint, keys: subscription.keys },
    201,
  );
  await s.settle();
  const code = /(\d{6})/.exec(String(push.received.at(-1)!.json.body))![1]!;
  await as(quinn.token, 'POST', `/api/v1/users/${quinn.id}/contact-methods/${method.id}/verify`, { code });
  // Verifying gives the method its immediate high-urgency rule.
  // A verified email with no rule of its own: the fallback.
  await s.w.method(quinn.id, 'email', 'quinn@example.com', { rule: false });
  push.failNext(410, 20);
  const service = await s.service(await s.policy([{ delayMinutes: 30, people: [{ ...quinn }] }]));
  await s.event(service.routingKey, 'trigger', 'queue-backlog', 'Queue backlog growing');
  await s.settle();
  // No retry can reach a gone subscription: the fallback goes at once, without the clock moving.
  expect(s.mailsTo('quinn@example.com').map((m) => m.subject)).toContainEqual(
    expect.stringContaining('Queue backlog growing'),
  );
  expect(push.refused).toEqual([410]);
  const [incident] = (await s.incidents()).filter((i) => i.title === 'Queue backlog growing');
  const timeline = (await s.w.timeline(incident!.id)).join('\n');
  expect(timeline).toMatch(
    /The push subscription is gone \(410\): turn push notifications on again on that device\. Tocsin no longer sends to it/,
  );
  expect(timeline).toMatch(/Notified Quinn by email/);

  // The subscription is expired: disabled, and said so to its owner.
  const methods = await as<{ items: Array<{ id: string; isDisabled: boolean; expiredAt: string | null }> }>(
    quinn.token,
    'GET',
    `/api/v1/users/${quinn.id}/contact-methods`,
  );
  expect(methods.items.find((m) => m.id === method.id)).toMatchObject({
    isDisabled: true,
    expiredAt: expect.any(String),
  });

  // The next page does not try it again.
  await s.event(service.routingKey, 'trigger', 'disk-full', 'Disk full on db-2');
  await s.settle();
  expect(s.mailsTo('quinn@example.com').map((m) => m.subject)).toContainEqual(
    expect.stringContaining('Disk full on db-2'),
  );
  expect(push.refused).toEqual([410]);
});

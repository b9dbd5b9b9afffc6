/** When SMS fails, the responder is reached by their next method and the failure is on the timeline. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSmoke, type Smoke } from '../../src/test-support/smoke.js';

let s: Smoke;
beforeAll(async () => {
  s = await startSmoke();
});
afterAll(async () => s?.close());

it('Twilio refuses every attempt → an email goes out instead, and the timeline says what failed', async () => {
  const alice = await s.person('Alice', { phone: '+447700900591' });
  await s.w.method(alice.id, 'email', 'alice-fallback@example.com', { rule: false });
  const service = await s.service(await s.policy([{ delayMinutes: 30, people: [alice] }]));
  s.w.twilio.failNext(10, { status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' });
  await s.event(service.routingKey, 'trigger', 'cache-down', 'Cache cluster is down');
  await s.settle();
  for (let i = 0; i < 6; i++) await s.tick(2); // the engine's retries, with backoff
  expect(s.smsTo(alice.phone!)).toEqual([]);
  expect(s.mailsTo('alice-fallback@example.com')).toHaveLength(1);
  const [incident] = await s.incidents();
  const timeline = (await (await s.api('GET', `/api/v1/incidents/${incident!.id}/timeline`)).json()) as {
    items: Array<{ message: string }>;
  };
  const text = timeline.items.map((e) => e.message).join('\n');
  expect(text).toMatch(/SMS \(\+44…0591\) to Alice failed: Attempt to send to unsubscribed recipient/);
  expect(text).toMatch(/failed \(attempt 1 of 3\), retrying/);
  expect(text).toMatch(/Notified Alice by email/);
});

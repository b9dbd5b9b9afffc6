/** During a maintenance window alerts are kept but nobody is paged. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSmoke, type Smoke } from '../../src/test-support/smoke.js';

let s: Smoke;
beforeAll(async () => {
  s = await startSmoke();
});
afterAll(async () => s?.close());

it('an alert inside the window creates no incident and no page; after the window, alerts page again', async () => {
  const alice = await s.person('Alice', { phone: '+447700900561' });
  const service = await s.service(await s.policy([{ delayMinutes: 30, people: [alice] }]));
  const now = s.w.t.clock.now();
  const window = await s.api('POST', `/api/v1/services/${service.slug}/maintenance-windows`, {
    startsAt: now.toISOString(),
    endsAt: new Date(now.getTime() + 60 * 60_000).toISOString(),
    reason: 'database upgrade',
  });
  expect(window.status).toBe(201);
  expect((await s.event(service.routingKey, 'trigger', 'replica-lag')).status).toBe(202);
  await s.settle();
  expect(await s.incidents()).toEqual([]);
  expect(s.smsTo(alice.phone!)).toEqual([]);

  await s.tick(61);
  await s.event(service.routingKey, 'trigger', 'other-alert');
  await s.settle();
  expect(await s.incidents()).toHaveLength(1);
  expect(s.smsTo(alice.phone!)).toHaveLength(1);
});

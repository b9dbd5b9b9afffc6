/** After a resolve, the same dedup key opens a new incident; a late acknowledge is dropped. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSmoke, type Smoke } from '../../src/test-support/smoke.js';

let s: Smoke;
beforeAll(async () => {
  s = await startSmoke();
});
afterAll(async () => s?.close());

it('trigger, resolve, late acknowledge, trigger → two incidents, the first resolved, the second paging', async () => {
  const alice = await s.person('Alice', { phone: '+447700900551' });
  const service = await s.service(await s.policy([{ delayMinutes: 30, people: [alice] }]));
  await s.event(service.routingKey, 'trigger', 'login-errors');
  await s.settle();
  await s.event(service.routingKey, 'resolve', 'login-errors');
  await s.settle();
  expect((await s.event(service.routingKey, 'acknowledge', 'login-errors')).status).toBe(202);
  await s.settle();
  let incidents = await s.incidents();
  expect(incidents.map((i) => i.status)).toEqual(['resolved']);

  await s.tick(10); // a fresh throttle window, so the second page is its own SMS
  await s.event(service.routingKey, 'trigger', 'login-errors');
  await s.settle();
  incidents = await s.incidents();
  expect(incidents.map((i) => i.status).sort()).toEqual(['resolved', 'triggered']);
  expect(s.smsTo(alice.phone!)).toHaveLength(2);
});

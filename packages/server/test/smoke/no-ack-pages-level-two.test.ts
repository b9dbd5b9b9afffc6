/** Nobody acknowledges within the level's delay: the next level is paged, not before. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSmoke, type Smoke } from '../../src/test-support/smoke.js';

let s: Smoke;
beforeAll(async () => {
  s = await startSmoke();
});
afterAll(async () => s?.close());

it('no acknowledgement for 15 minutes → level 2 is paged at minute 15', async () => {
  const alice = await s.person('Alice', { phone: '+447700900511' });
  const bob = await s.person('Bob', { phone: '+447700900512' });
  const service = await s.service(
    await s.policy([
      { delayMinutes: 15, people: [alice] },
      { delayMinutes: 15, people: [bob] },
    ]),
  );
  await s.event(service.routingKey, 'trigger', 'disk-full');
  await s.settle();
  expect(s.smsTo(alice.phone!)).toHaveLength(1);

  await s.tick(14);
  expect(s.smsTo(bob.phone!)).toHaveLength(0);
  await s.tick(1);
  expect(s.smsTo(bob.phone!)).toHaveLength(1);
  expect(s.smsTo(alice.phone!)).toHaveLength(1); // level 1 is not paged again by level 2's step
});

/** A policy repeated K times pages each level K+1 times, then stops and says so. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSmoke, type Smoke } from '../../src/test-support/smoke.js';

let s: Smoke;
beforeAll(async () => {
  s = await startSmoke();
});
afterAll(async () => s?.close());

it('repeat twice: Alice and Bob are each paged three times over 90 minutes, then never again', async () => {
  const alice = await s.person('Alice', { phone: '+447700900531' });
  const bob = await s.person('Bob', { phone: '+447700900532' });
  const service = await s.service(
    await s.policy(
      [
        { delayMinutes: 15, people: [alice] },
        { delayMinutes: 15, people: [bob] },
      ],
      2,
    ),
  );
  await s.event(service.routingKey, 'trigger', 'queue-stuck');
  await s.settle();
  for (let minute = 0; minute < 24 * 60; minute += 15) await s.tick(15);
  expect(s.smsTo(alice.phone!)).toHaveLength(3);
  expect(s.smsTo(bob.phone!)).toHaveLength(3);
  const [incident] = await s.incidents();
  const timeline = (await (await s.api('GET', `/api/v1/incidents/${incident!.id}/timeline`)).json()) as {
    items: Array<{ message: string }>;
  };
  expect(timeline.items.map((e) => e.message).join('\n')).toMatch(/exhausted/i);
  expect(incident!.status).toBe('triggered'); // still open: it needs a human
});

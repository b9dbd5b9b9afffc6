/** Acknowledging stops the escalation: the next level is never paged. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSmoke, type Smoke } from '../../src/test-support/smoke.js';

let s: Smoke;
beforeAll(async () => {
  s = await startSmoke();
});
afterAll(async () => s?.close());

it('an acknowledgement at minute 5 means level 2 is never paged, and MTTA is recorded', async () => {
  const alice = await s.person('Alice', { phone: '+447700900521' });
  const bob = await s.person('Bob', { phone: '+447700900522' });
  const service = await s.service(
    await s.policy([
      { delayMinutes: 15, people: [alice] },
      { delayMinutes: 15, people: [bob] },
    ]),
  );
  await s.event(service.routingKey, 'trigger', 'api-5xx');
  await s.settle();
  await s.tick(5);
  const [incident] = await s.incidents();
  const ack = await s.w.t.request('POST', `/api/v1/incidents/${incident!.id}/acknowledge`, { token: alice.token });
  expect(ack.status).toBe(200);
  await s.tick(60);
  expect(s.smsTo(bob.phone!)).toEqual([]);
  const row = await s.w.t.app.db
    .selectFrom('incidents')
    .select(['status', 'acknowledged_at', 'triggered_at', 'acknowledged_by'])
    .where('id', '=', incident!.id)
    .executeTakeFirstOrThrow();
  expect(row.status).toBe('acknowledged');
  expect(row.acknowledged_by).toBe(alice.id);
  expect(row.acknowledged_at!.getTime() - row.triggered_at.getTime()).toBe(5 * 60_000);
});

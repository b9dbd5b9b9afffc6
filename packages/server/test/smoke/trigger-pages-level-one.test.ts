/** A monitoring alert sent to the PagerDuty-compatible API pages level 1 at once, and only level 1. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSmoke, type Smoke } from '../../src/test-support/smoke.js';

let s: Smoke;
beforeAll(async () => {
  s = await startSmoke();
});
afterAll(async () => s?.close());

it('trigger → the level 1 responder gets an SMS and an email; level 2 hears nothing yet', async () => {
  const alice = await s.person('Alice', { phone: '+447700900501', email: 'alice@example.com' });
  const bob = await s.person('Bob', { phone: '+447700900502' });
  const service = await s.service(
    await s.policy([
      { delayMinutes: 15, people: [alice] },
      { delayMinutes: 15, people: [bob] },
    ]),
  );

  const answer = await s.event(service.routingKey, 'trigger', 'db-down', 'Checkout database is down');
  expect(answer).toEqual({
    status: 202,
    body: { status: 'success', message: 'Event processed', dedup_key: 'db-down' },
  });
  await s.settle();

  const [incident] = await s.incidents();
  expect(incident).toMatchObject({ status: 'triggered', title: 'Checkout database is down' });
  expect(s.smsTo(alice.phone!)).toEqual([expect.stringContaining(`Tocsin #${incident!.number} `)]);
  expect(s.mailsTo(alice.address!)).toEqual([
    expect.objectContaining({ subject: expect.stringContaining(`#${incident!.number}`) }),
  ]);
  expect(s.smsTo(bob.phone!)).toEqual([]);
});

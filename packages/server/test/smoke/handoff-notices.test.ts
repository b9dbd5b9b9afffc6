/** At each hand-off, the person coming on call is told, and so is the person going off. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FakeClock } from '../../src/lib/clock.js';
import { startSmoke, type Smoke } from '../../src/test-support/smoke.js';

let s: Smoke;
beforeAll(async () => {
  s = await startSmoke();
});
afterAll(async () => s?.close());

it('Monday 09:00 tells Alice she is on call; Tuesday 09:00 tells Bob he is on, and Alice she is off; once each', async () => {
  (s.w.t.clock as FakeClock).set('2026-03-02T08:00:00Z'); // Monday 08:00 UTC
  const alice = await s.person('Alice', { email: 'alice-handoff@example.com' });
  const bob = await s.person('Bob', { email: 'bob-handoff@example.com' });
  const created = await s.api('POST', '/api/v1/schedules', {
    name: 'Primary on call',
    timeZone: 'UTC',
    layers: [
      {
        name: 'Daily',
        participants: [alice.id, bob.id],
        shift: { length: 1, unit: 'days' },
        handoffTime: '09:00',
        startDate: '2026-03-02',
      },
    ],
  });
  expect(created.status).toBe(201);
  await s.settle();
  expect(s.mailsTo(alice.address!)).toEqual([]);

  await s.tick(60); // Monday 09:00
  expect(s.mailsTo(alice.address!).map((m) => m.subject)).toEqual(['[Tocsin] You are on call for Primary on call']);
  expect(s.mailsTo(alice.address!)[0]!.text).toContain('from 2026-03-02 09:00 UTC until 2026-03-03 09:00 UTC');

  await s.tick(24 * 60); // Tuesday 09:00
  expect(s.mailsTo(bob.address!).map((m) => m.subject)).toEqual(['[Tocsin] You are on call for Primary on call']);
  expect(s.mailsTo(alice.address!).map((m) => m.subject)).toEqual([
    '[Tocsin] You are on call for Primary on call',
    '[Tocsin] You are off call for Primary on call',
  ]);
  await s.tick(60);
  expect(s.mailsTo(alice.address!)).toHaveLength(2);
  expect(s.mailsTo(bob.address!)).toHaveLength(1);
});

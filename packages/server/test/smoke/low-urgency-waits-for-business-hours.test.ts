/** A low-urgency alert outside business hours waits for the next business day; high urgency does not. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FakeClock } from '../../src/lib/clock.js';
import { startSmoke, type Smoke } from '../../src/test-support/smoke.js';

let s: Smoke;
beforeAll(async () => {
  s = await startSmoke();
});
afterAll(async () => s?.close());

it('a warning at 19:00 on Friday pages on Monday at 09:00 London time; a critical one pages at once', async () => {
  const clock = s.w.t.clock as FakeClock;
  clock.set('2026-01-09T19:00:00Z'); // Friday 19:00 in London (GMT)
  const alice = await s.person('Alice', { phone: '+447700900571', rules: 'both' });
  const bob = await s.person('Bob', { phone: '+447700900572', rules: 'both' });
  const hours = { timeZone: 'Europe/London', businessHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' } };
  const quiet = await s.service(await s.policy([{ delayMinutes: 30, people: [alice] }]), hours);
  const loud = await s.service(await s.policy([{ delayMinutes: 30, people: [bob] }]), hours);

  await s.event(quiet.routingKey, 'trigger', 'cert-expires-in-20-days', 'Certificate expires in 20 days', 'warning');
  await s.event(loud.routingKey, 'trigger', 'site-down', 'Site is down', 'critical');
  await s.settle();
  expect(s.smsTo(bob.phone!)).toHaveLength(1);
  expect(s.smsTo(alice.phone!)).toHaveLength(0);

  await s.tick(60 * 24 * 2 + 13 * 60 + 59); // Monday 08:59
  expect(s.smsTo(alice.phone!)).toHaveLength(0);
  await s.tick(1); // Monday 09:00
  expect(s.smsTo(alice.phone!)).toHaveLength(1);
});

/** A policy that targets a schedule pages whoever is on call on it at that moment: what people see is who gets paged. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FakeClock } from '../../src/lib/clock.js';
import { startSmoke, type Smoke } from '../../src/test-support/smoke.js';

let s: Smoke;
beforeAll(async () => {
  s = await startSmoke();
});
afterAll(async () => s?.close());

it("daily rotation Alice → Bob: Monday's alert pages Alice, Tuesday's pages Bob, and /oncall agrees", async () => {
  (s.w.t.clock as FakeClock).set('2026-02-02T10:00:00Z'); // Monday 10:00 UTC
  const alice = await s.person('Alice', { phone: '+447700900601' });
  const bob = await s.person('Bob', { phone: '+447700900602' });
  const created = await s.api('POST', '/api/v1/schedules', {
    name: 'Primary',
    timeZone: 'UTC',
    layers: [
      {
        name: 'Daily',
        participants: [alice.id, bob.id],
        shift: { length: 1, unit: 'days' },
        handoffTime: '09:00',
        startDate: '2026-02-02',
      },
    ],
  });
  if (created.status !== 201) throw new Error(await created.text());
  const { schedule } = (await created.json()) as { schedule: { id: string } };
  const policy = await s.api('POST', '/api/v1/escalation-policies', {
    name: 'Follow the schedule',
    levels: [{ delayMinutes: 30, targets: [{ type: 'schedule', id: schedule.id }] }],
  });
  if (policy.status !== 201) throw new Error(await policy.text());
  const policyBody = (await policy.json()) as { id: string; levels: Array<{ targets: Array<{ label: string }> }> };
  expect(policyBody.levels[0]!.targets[0]!.label).toBe('Primary');
  const service = await s.service(policyBody.id);

  await s.event(service.routingKey, 'trigger', 'monday');
  await s.settle();
  expect(s.pagesTo(alice.phone!)).toHaveLength(1);
  expect(s.pagesTo(bob.phone!)).toHaveLength(0);

  await s.tick(24 * 60); // Tuesday 10:00: Bob's shift (level 1 of Monday's incident waits 30 min, already past, so it repeats nobody: repeatCount 0)
  const oncall = (await (await s.api('GET', `/api/v1/oncall?service=${service.slug}`)).json()) as unknown;
  expect(JSON.stringify(oncall)).toContain(bob.id);
  await s.event(service.routingKey, 'trigger', 'tuesday');
  await s.settle();
  expect(s.pagesTo(bob.phone!)).toHaveLength(1);
  expect(s.pagesTo(alice.phone!)).toHaveLength(1);
});

it('refuses a policy that targets a schedule that does not exist, naming it', async () => {
  const response = await s.api('POST', '/api/v1/escalation-policies', {
    name: 'Broken',
    levels: [{ delayMinutes: 5, targets: [{ type: 'schedule', id: '00000000-0000-7000-8000-000000000000' }] }],
  });
  expect(response.status).toBe(400);
  expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
    /schedule 00000000-0000-7000-8000-000000000000 does not exist/,
  );
});

it('will not delete a schedule a policy still pages, naming the policy', async () => {
  const created = await s.api('POST', '/api/v1/schedules', {
    name: 'Secondary',
    timeZone: 'UTC',
    layers: [
      {
        name: 'Weekly',
        participants: [s.admin.id],
        shift: { length: 1, unit: 'weeks' },
        handoffTime: '09:00',
        startDate: '2026-03-02',
      },
    ],
  });
  const { schedule } = (await created.json()) as { schedule: { id: string } };
  expect(
    (
      await s.api('POST', '/api/v1/escalation-policies', {
        name: 'Uses secondary',
        levels: [{ delayMinutes: 10, targets: [{ type: 'schedule', id: schedule.id }] }],
      })
    ).status,
  ).toBe(201);
  const refused = await s.api('DELETE', `/api/v1/schedules/${schedule.id}`);
  expect(refused.status).toBe(409);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
    /paged by escalation policies "Uses secondary"/,
  );
});

/** The same dedup key while the alert is open adds to it: one incident, one page. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSmoke, type Smoke } from '../../src/test-support/smoke.js';

let s: Smoke;
beforeAll(async () => {
  s = await startSmoke();
});
afterAll(async () => s?.close());

it('three triggers with one dedup key → one incident with one alert triggered three times, one page', async () => {
  const alice = await s.person('Alice', { phone: '+447700900541' });
  const service = await s.service(await s.policy([{ delayMinutes: 30, people: [alice] }]));
  for (let i = 0; i < 3; i++) {
    expect((await s.event(service.routingKey, 'trigger', 'cpu-high', `CPU at ${90 + i}%`)).status).toBe(202);
    await s.tick(1);
  }
  const incidents = await s.incidents();
  expect(incidents).toHaveLength(1);
  const alerts = (await (await s.api('GET', `/api/v1/incidents/${incidents[0]!.id}/alerts`)).json()) as {
    items: Array<{ triggerCount: number; summary: string }>;
  };
  expect(alerts.items).toHaveLength(1);
  expect(alerts.items[0]).toMatchObject({ triggerCount: 3, summary: 'CPU at 92%' });
  expect(s.smsTo(alice.phone!)).toHaveLength(1);
});

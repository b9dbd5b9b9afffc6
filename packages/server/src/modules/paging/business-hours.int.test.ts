/**
 * Urgency and business hours through the whole server: on a Friday evening,
 * a low-urgency incident waits for Monday's business start before anyone is
 * paged, while a high-urgency one pages at once.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FakeClock } from '../../lib/clock.js';
import { acceptEvents } from '../alerts/index.js';
import { startTestApp, type TestApp } from '../../test-support/app.js';
import { recordedEvents, wiringsRecording } from '../../test-support/event-recorder.js';
import { insertIntegrationKey, insertPolicy, insertService } from '../../test-support/paging-fixtures.js';

let t: TestApp;
let keyId: string;
let userId: string;

beforeAll(async () => {
  t = await startTestApp({
    clock: new FakeClock('2026-01-09T19:00:00Z'),
    tocsin: { wirings: wiringsRecording('IncidentEscalated') },
  }); // Friday 20:00 in Paris
  userId = (await t.createUserWithToken('responder')).id;
  const policyId = await insertPolicy(t.app.db, t.clock, [
    { delayMinutes: 30, targets: [{ type: 'user', id: userId }] },
    { delayMinutes: 30, targets: [{ type: 'user', id: userId }] },
  ]);
  const serviceId = await insertService(t.app.db, t.clock, {
    policyId,
    timeZone: 'Europe/Paris',
    businessHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
  });
  keyId = (await insertIntegrationKey(t.app.db, t.clock, serviceId)).id;
});
afterAll(async () => t?.close());

async function trigger(dedupKey: string, severity: 'critical' | 'warning') {
  await acceptEvents(t.app.db, t.clock, keyId, [
    {
      action: 'trigger',
      dedupKey,
      alert: { summary: dedupKey, source: 's', severity, links: [], images: [] },
      raw: {},
    },
  ]);
  await t.app.engine.runDue();
  const alert = await t.app.db
    .selectFrom('alerts')
    .select('incident_id')
    .where('dedup_key', '=', dedupKey)
    .executeTakeFirstOrThrow();
  return t.app.db
    .selectFrom('incidents as i')
    .leftJoin('incident_escalations as e', 'e.incident_id', 'i.id')
    .selectAll('i')
    .select(['e.escalation_level', 'e.escalation_loop', 'e.next_escalation_at', 'e.assignee_ids', 'e.snoozed_until'])
    .where('i.id', '=', alert.incident_id!)
    .executeTakeFirstOrThrow();
}

async function pagedLevels(incidentId: string): Promise<number[]> {
  return (await recordedEvents<{ incidentId: string; level: number }>(t.app.db, 'IncidentEscalated'))
    .filter((p) => p.incidentId === incidentId)
    .map((p) => p.level);
}

it('low urgency outside business hours waits for the next business start; high urgency pages now', async () => {
  const low = await trigger('disk-warning', 'warning');
  const high = await trigger('db-down', 'critical');
  expect(low).toMatchObject({ urgency: 'low', priority: 'P3', status: 'triggered' });
  expect(low.next_escalation_at!.toISOString()).toBe('2026-01-12T08:00:00.000Z'); // Monday 09:00 in Paris
  expect(await pagedLevels(low.id)).toEqual([]);
  expect(await pagedLevels(high.id)).toEqual([1]);
  const entries = await t.app.db
    .selectFrom('incident_timeline')
    .select('message')
    .where('incident_id', '=', low.id)
    .execute();
  expect(entries[0]!.message).toContain(
    'Low urgency outside business hours: the first page waits until 2026-01-12T08:00:00.000Z (Europe/Paris)',
  );

  t.clock.set('2026-01-12T07:59:00Z');
  await t.app.engine.runDue();
  expect(await pagedLevels(low.id)).toEqual([]);
  t.clock.set('2026-01-12T08:00:00Z');
  await t.app.engine.runDue();
  expect(await pagedLevels(low.id)).toEqual([1]);
});

it("a low-urgency level whose wait runs past the day's end waits for the next business start", async () => {
  t.clock.set('2026-01-12T15:45:00Z'); // Monday 16:45 in Paris
  const low = await trigger('late-warning', 'warning');
  expect(await pagedLevels(low.id)).toEqual([1]);
  const after = await t.app.db
    .selectFrom('incident_escalations')
    .select('next_escalation_at')
    .where('incident_id', '=', low.id)
    .executeTakeFirstOrThrow();
  expect(after.next_escalation_at!.toISOString()).toBe('2026-01-13T08:00:00.000Z'); // Tuesday 09:00, not 17:15
});

/**
 * When the escalation reconciler says its next work falls due (the engine
 * rests until then): the earliest step of a triggered incident or snooze end
 * of an acknowledged one, and never a due time left on an incident in the
 * other state (an acknowledgement whose stop has not been applied yet).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createEscalationReconciler } from './index.js';
import { startTestApp, type TestApp } from '../../test-support/app.js';
import { insertPolicy, insertService } from '../../test-support/paging-fixtures.js';

let t: TestApp;
let token: string;
let serviceId: string;

beforeAll(async () => {
  t = await startTestApp();
  const user = await t.createUserWithToken('responder');
  token = user.token;
  const policyId = await insertPolicy(t.app.db, t.clock, [
    { delayMinutes: 30, targets: [{ type: 'user', id: user.id }] },
    { delayMinutes: 30, targets: [{ type: 'user', id: user.id }] },
  ]);
  serviceId = await insertService(t.app.db, t.clock, { policyId });
});
afterAll(async () => t?.close());

const nextDueAt = () => createEscalationReconciler({ db: t.app.db, clock: t.clock, logger: t.app.logger }).nextDueAt();
const inMinutes = (minutes: number) => new Date(t.clock.now().getTime() + minutes * 60_000);

async function declare(): Promise<string> {
  const response = await t.request('POST', '/api/v1/incidents', { token, body: { serviceId, title: 'Due' } });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** Writes an incident's due times directly, as they can stand between a status change and its paging stop. */
async function setDue(incidentId: string, due: { next_escalation_at?: Date | null; snoozed_until?: Date | null }) {
  await t.app.db.updateTable('incident_escalations').set(due).where('incident_id', '=', incidentId).execute();
}

it('is nothing while no incident has a step or snooze end ahead', async () => {
  expect(await nextDueAt()).toBeNull();
});

it("is a triggered incident's next step, the earliest of them", async () => {
  const [first, second] = [await declare(), await declare()];
  await setDue(first, { next_escalation_at: inMinutes(20) });
  await setDue(second, { next_escalation_at: inMinutes(12) });
  expect(await nextDueAt()).toEqual(inMinutes(12));
});

it('ignores a step left on an acknowledged incident and a snooze end left on a triggered one', async () => {
  const acknowledged = await declare();
  expect((await t.request('POST', `/api/v1/incidents/${acknowledged}/acknowledge`, { token })).status).toBe(200);
  await setDue(acknowledged, { next_escalation_at: inMinutes(1) });
  const triggered = await declare();
  await setDue(triggered, { next_escalation_at: inMinutes(25), snoozed_until: inMinutes(2) });
  expect(await nextDueAt()).toEqual(inMinutes(12));
});

it("is an acknowledged incident's snooze end when it comes first", async () => {
  const snoozed = await declare();
  const response = await t.request('POST', `/api/v1/incidents/${snoozed}/snooze`, { token, body: { minutes: 5 } });
  expect(response.status).toBe(200);
  expect(await nextDueAt()).toEqual(inMinutes(5));
});

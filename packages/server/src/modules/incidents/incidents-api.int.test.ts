/**
 * The incidents API for people: listing with filters and pages, reading by
 * number or id, who may act (responders) and who may only read (viewers,
 * stakeholders), audit entries, and the answers to bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptEvents } from '../alerts/index.js';
import type { EscalationLevel } from '../escalation/index.js';
import { startTestApp, type TestApp } from '../../test-support/app.js';
import { insertIntegrationKey, insertPolicy, insertService } from '../../test-support/paging-fixtures.js';

let t: TestApp;
let actor: { id: string; token: string };
let viewer: { id: string; token: string };
let stakeholder: { id: string; token: string };

beforeAll(async () => {
  t = await startTestApp();
  actor = await t.createUserWithToken('responder');
  viewer = await t.createUserWithToken('viewer');
  stakeholder = await t.createUserWithToken('stakeholder');
});
afterAll(async () => t?.close());

const person = () => t.createUserWithToken('responder');
const level = (delayMinutes: number, userId: string): EscalationLevel => ({
  delayMinutes,
  targets: [{ type: 'user', id: userId }],
});

async function serviceWith(levels: EscalationLevel[]) {
  const policyId = await insertPolicy(t.app.db, t.clock, levels);
  const serviceId = await insertService(t.app.db, t.clock, { policyId });
  return { serviceId, keyId: (await insertIntegrationKey(t.app.db, t.clock, serviceId)).id };
}

let dedup = 0;
async function trigger(keyId: string, severity: 'critical' | 'warning' = 'critical') {
  const dedupKey = `alert-${++dedup}`;
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
  return t.app.db.selectFrom('incidents').selectAll().where('id', '=', alert.incident_id!).executeTakeFirstOrThrow();
}

const post = (path: string, body?: unknown, token = actor.token) =>
  t.request('POST', path, { token, ...(body !== undefined && { body }) });

async function timeline(incidentId: string): Promise<Array<{ kind: string; message: string }>> {
  return (
    (await (await t.request('GET', `/api/v1/incidents/${incidentId}/timeline`, { token: viewer.token })).json()) as {
      items: Array<{ kind: string; message: string }>;
    }
  ).items;
}

describe('reading and permissions', () => {
  it('lists with filters and pages; reads by number or uuid', async () => {
    const alice = await person();
    const a = await serviceWith([level(10, alice.id)]);
    const b = await serviceWith([level(10, alice.id)]);
    const first = await trigger(a.keyId);
    const second = await trigger(a.keyId, 'warning');
    const third = await trigger(b.keyId);
    await post(`/api/v1/incidents/${second.id}/acknowledge`);
    const list = async (query: string) => {
      const response = await t.request('GET', `/api/v1/incidents?${query}`, { token: viewer.token });
      expect(response.status).toBe(200);
      return (await response.json()) as { items: Array<{ id: string }>; nextCursor: string | null };
    };
    expect((await list(`serviceId=${a.serviceId}`)).items.map((i) => i.id)).toEqual([second.id, first.id]);
    expect((await list(`serviceId=${a.serviceId}&status=triggered`)).items.map((i) => i.id)).toEqual([first.id]);
    const owner = await t.createUserWithToken('owner');
    const team = (await (
      await t.request('POST', '/api/v1/teams', {
        token: owner.token,
        body: { slug: `owners-${dedup}`, name: 'Owners' },
      })
    ).json()) as { id: string };
    await t.app.db.updateTable('services').set({ team_id: team.id }).where('id', '=', b.serviceId).execute();
    expect((await list(`teamId=${team.id}`)).items.map((i) => i.id)).toEqual([third.id]);
    expect(
      (await list(`serviceId=${a.serviceId}&status=triggered,acknowledged&urgency=low`)).items.map((i) => i.id),
    ).toEqual([second.id]);
    const page1 = await list(`serviceId=${a.serviceId}&limit=1`);
    expect(page1.items.map((i) => i.id)).toEqual([second.id]);
    expect((await list(`serviceId=${a.serviceId}&limit=1&cursor=${page1.nextCursor}`)).items.map((i) => i.id)).toEqual([
      first.id,
    ]);
    expect(
      await (await t.request('GET', `/api/v1/incidents/${third.number}`, { token: stakeholder.token })).json(),
    ).toMatchObject({ id: third.id });
    expect(
      await (await t.request('GET', `/api/v1/incidents/${third.id}`, { token: viewer.token })).json(),
    ).toMatchObject({ number: Number(third.number) });
    expect((await t.request('GET', '/api/v1/incidents/999999', { token: viewer.token })).status).toBe(404);
    expect((await t.request('GET', '/api/v1/incidents?status=open', { token: viewer.token })).status).toBe(400);
  });

  it('viewers and stakeholders read but cannot act (403); responders act, audited', async () => {
    const alice = await person();
    const { keyId, serviceId } = await serviceWith([level(10, alice.id)]);
    const inc = await trigger(keyId);
    for (const token of [viewer.token, stakeholder.token]) {
      for (const [path, body] of [
        ['acknowledge', undefined],
        ['resolve', undefined],
        ['escalate', undefined],
        ['snooze', { minutes: 5 }],
        ['reassign', { userIds: [alice.id] }],
        ['notes', { text: 'hi' }],
      ] as const) {
        const response = await post(`/api/v1/incidents/${inc.id}/${path}`, body, token);
        expect(response.status, `${path}`).toBe(403);
      }
      expect((await post('/api/v1/incidents', { serviceId, title: 'x' }, token)).status).toBe(403);
      expect((await t.request('GET', `/api/v1/incidents/${inc.id}/timeline`, { token })).status).toBe(200);
    }
    const note = await post(`/api/v1/incidents/${inc.id}/notes`, { text: 'Looking at the disk' });
    expect(note.status).toBe(201);
    expect((await timeline(inc.id)).at(-1)).toMatchObject({ kind: 'note', message: 'Looking at the disk' });
    await post(`/api/v1/incidents/${inc.id}/acknowledge`);
    const audit = await t.app.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('entity_id', '=', inc.id)
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'incident.note_added', actor_id: actor.id },
      { action: 'incident.acknowledged', actor_id: actor.id },
    ]);
  });

  it('refuses unknown fields and bad values with a message that says what to fix', async () => {
    const alice = await person();
    const { keyId } = await serviceWith([level(10, alice.id)]);
    const inc = await trigger(keyId);
    expect((await post(`/api/v1/incidents/${inc.id}/snooze`, { minutes: 0 })).status).toBe(400);
    expect(
      (await post(`/api/v1/incidents/${inc.id}/reassign`, { userIds: [alice.id], policyId: alice.id })).status,
    ).toBe(400);
    const missing = await post(`/api/v1/incidents/${inc.id}/reassign`, {
      userIds: ['0190a0b0-0000-7000-8000-00000000beef'],
    });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toContain(
      '0190a0b0-0000-7000-8000-00000000beef',
    );
    expect((await post('/api/v1/incidents', { serviceId: 'no-such-service', title: 'x' })).status).toBe(404);
  });
});

/**
 * On-call health, computed by hand over the weekend the United States moved
 * to summer time (Sunday 8 March 2026, 02:00 EST -> 03:00 EDT): interruptions
 * in each person's own zone, nights and weekend days on call from a daily
 * rotation, the noisiest alerts; a private incident counts only for those
 * who may see it; bad input is a 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { startTestApp, type TestApp } from '../../test-support/app.js';
import { insertPolicy, insertService } from '../../test-support/paging-fixtures.js';
import { updateUser } from '../users/index.js';
import type { OnCallHealth } from './analytics.oncall.schema.js';
import { onCallTime } from './analytics.oncall.js';

let t: TestApp;
let admin: { id: string; token: string };
let viewer: { id: string; token: string };
let alice: { id: string; token: string };
let bob: { id: string; token: string };
let serviceId: string;
const FROM = '2026-03-06T14:00:00Z'; // Friday 09:00 EST
const TO = '2026-03-10T13:00:00Z'; // Tuesday 09:00 EDT

async function incident(opts: { at: string; private?: boolean }): Promise<string> {
  const id = newId(new Date(opts.at));
  const at = new Date(opts.at);
  await t.ctx.db
    .insertInto('incidents')
    .values({
      id,
      service_id: serviceId,
      title: 'i',
      status: 'triggered',
      urgency: 'high',
      priority: null,
      group_key: null,
      triggered_at: at,
      created_by: 'test',
      created_at: at,
      updated_at: at,
    })
    .execute();
  if (opts.private) {
    await t.ctx.db
      .insertInto('incident_responses')
      .values({
        incident_id: id,
        severity: 'S2',
        stage: 'investigating',
        private: true,
        declared_by: admin.id,
        declared_by_label: 'Admin',
        declared_at: at,
        origin: 'declared',
        stage_changed_at: at,
        updated_at: at,
      })
      .execute();
  }
  return id;
}

async function page(userId: string, incidentId: string, at: string, status: 'sent' | 'skipped' = 'sent') {
  await t.ctx.db
    .insertInto('notifications')
    .values({
      id: newId(new Date(at)),
      idempotency_key: `${incidentId}:${userId}:${at}:${Math.random()}`,
      kind: 'page',
      incident_id: incidentId,
      user_id: userId,
      status,
      send_at: new Date(at),
      created_at: new Date(at),
      updated_at: new Date(at),
    })
    .execute();
}

let alertCounter = 0;
async function alert(opts: {
  dedupKey: string;
  at: string;
  triggers: number;
  incidentId: string | null;
  resolvedBySource?: boolean;
  acknowledged?: boolean;
}) {
  const id = newId(new Date(opts.at));
  const at = new Date(opts.at);
  await t.ctx.db
    .insertInto('alerts')
    .values({
      id,
      service_id: serviceId,
      integration_key_id: null,
      incident_id: opts.incidentId,
      dedup_key: opts.dedupKey,
      status: opts.resolvedBySource ? 'resolved' : 'triggered',
      summary: `${opts.dedupKey} #${++alertCounter}`,
      severity: 'critical',
      raw: '{}',
      trigger_count: opts.triggers,
      first_triggered_at: at,
      last_triggered_at: at,
      acknowledged_at: opts.acknowledged ? at : null,
      resolved_at: opts.resolvedBySource ? new Date(at.getTime() + 60_000) : null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  if (opts.resolvedBySource) {
    await t.ctx.db
      .insertInto('alert_events')
      .values({ alert_id: id, inbound_event_id: '1', action: 'resolve', received_at: at, summary: null, payload: '{}' })
      .execute();
  }
}

const get = async (token: string, query = `from=${FROM}&to=${TO}`) => {
  const response = await t.request('GET', `/api/v1/analytics/oncall?${query}`, { token });
  return { status: response.status, body: (await response.json()) as OnCallHealth & { error?: { message: string } } };
};

beforeAll(async () => {
  t = await startTestApp({ clock: new FakeClock('2026-03-01T12:00:00Z') }); // the schedule exists before the period
  admin = await t.createUserWithToken('admin');
  viewer = await t.createUserWithToken('viewer');
  alice = await t.createUserWithToken('responder', 'alice@example.com');
  bob = await t.createUserWithToken('responder', 'bob@example.com');
  await updateUser(t.ctx, alice.id, { name: 'Alice', timeZone: 'America/New_York' });
  await updateUser(t.ctx, bob.id, { name: 'Bob', timeZone: 'Asia/Tokyo' });
  serviceId = await insertService(t.ctx.db, t.clock, { policyId: await insertPolicy(t.ctx.db, t.clock, []) });

  // A daily rotation in New York, hand-off 09:00: Alice Fri, Bob Sat, Alice Sun, Bob Mon (each to 09:00 the next day).
  const created = await t.request('POST', '/api/v1/schedules', {
    token: admin.token,
    body: {
      name: 'Daily',
      timeZone: 'America/New_York',
      layers: [
        {
          name: 'Primary',
          participants: [alice.id, bob.id],
          shift: { length: 1, unit: 'days' },
          handoffTime: '09:00',
          startDate: '2026-03-06',
        },
      ],
    },
  });
  expect(created.status, await created.clone().text()).toBe(201);
  t.clock.advanceMinutes(60 * 24 * 11); // Thursday 12 March: the period is past

  // Alice's pages (New York): Fri 18:30 EST off; Sat 10:00 EST off (weekend); Sun 01:30 EST sleep (before the
  // change); Mon 09:30 EDT business (it would be 08:30, off, in EST); the same incident again: counted once.
  const fri = await incident({ at: '2026-03-06T23:30:00Z' });
  await page(alice.id, fri, '2026-03-06T23:30:00Z');
  await page(alice.id, fri, '2026-03-06T23:35:00Z');
  await page(alice.id, await incident({ at: '2026-03-07T15:00:00Z' }), '2026-03-07T15:00:00Z');
  await page(alice.id, await incident({ at: '2026-03-08T06:30:00Z' }), '2026-03-08T06:30:00Z');
  await page(alice.id, await incident({ at: '2026-03-09T13:30:00Z' }), '2026-03-09T13:30:00Z');
  // A private incident at Mon 10:00 EDT (business): only those who may see it count it.
  const secret = await incident({ at: '2026-03-09T14:00:00Z', private: true });
  await page(alice.id, secret, '2026-03-09T14:00:00Z');
  // Skipped (never sent) and outside the period: not interruptions.
  await page(alice.id, await incident({ at: '2026-03-09T15:00:00Z' }), '2026-03-09T15:00:00Z', 'skipped');
  await page(alice.id, await incident({ at: '2026-03-05T15:00:00Z' }), '2026-03-05T15:00:00Z');
  // Bob's page (Tokyo): Mon 13:30 UTC is Mon 22:30 JST, sleep.
  await page(bob.id, await incident({ at: '2026-03-09T13:30:00Z' }), '2026-03-09T13:30:00Z');

  // Alerts: "disk" opened three times (2 + 3 + 1 triggers), twice resolved by its source unacknowledged, once
  // acknowledged first; "cpu" once with 4 triggers, still open; "secret" belongs to the private incident.
  await alert({ dedupKey: 'disk', at: '2026-03-07T01:00:00Z', triggers: 2, incidentId: null, resolvedBySource: true });
  await alert({ dedupKey: 'disk', at: '2026-03-07T05:00:00Z', triggers: 3, incidentId: null, resolvedBySource: true });
  await alert({
    dedupKey: 'disk',
    at: '2026-03-08T05:00:00Z',
    triggers: 1,
    incidentId: null,
    resolvedBySource: true,
    acknowledged: true,
  });
  await alert({ dedupKey: 'cpu', at: '2026-03-08T07:00:00Z', triggers: 4, incidentId: null });
  await alert({
    dedupKey: 'secret',
    at: '2026-03-09T14:00:00Z',
    triggers: 9,
    incidentId: secret,
    resolvedBySource: true,
  });
});
afterAll(async () => t?.close());

describe('on-call health', () => {
  it('splits interruptions by the hours of each person, across the DST change; hides a private incident from a viewer', async () => {
    const asViewer = await get(viewer.token);
    expect(asViewer.status).toBe(200);
    const person = (body: OnCallHealth, id: string) => body.people.find((p) => p.userId === id)!;
    expect(person(asViewer.body, alice.id).interruptions).toEqual({ total: 4, business: 1, off: 2, sleep: 1 });
    expect(person(asViewer.body, bob.id).interruptions).toEqual({ total: 1, business: 0, off: 0, sleep: 1 });
    const asAdmin = await get(admin.token);
    expect(person(asAdmin.body, alice.id).interruptions).toEqual({ total: 5, business: 2, off: 2, sleep: 1 });
  });

  it('counts nights and weekend days on call in the person’s zone, and hours on call across the DST change', async () => {
    const { body } = await get(viewer.token);
    const alicesTime = body.people.find((p) => p.userId === alice.id)!;
    // Alice (New York): Fri 09:00-Sat 09:00 EST (24 h), Sun 09:00-Mon 09:00 EDT (24 h). Nights starting Fri 22:00
    // and Sun 22:00; weekend days Saturday (to 09:00) and Sunday (from 09:00).
    expect(alicesTime).toMatchObject({ nightsOnCall: 2, weekendDaysOnCall: 2, hoursOnCall: 48 });
    // Bob (Tokyo): Sat 14:00Z-Sun 13:00Z, 23 hours (New York's clocks skipped one), and Mon 13:00Z-Tue 13:00Z,
    // i.e. Sat 23:00-Sun 22:00 and Mon 22:00-Tue 22:00 JST. Nights: Saturday's (from 22:00 JST = 13:00Z) and
    // Monday's; Sunday's starts as his shift ends (22:00 JST = 13:00Z) and is not his. Weekend days: Saturday
    // (from 23:00 JST) and Sunday (to 22:00 JST).
    const bobsTime = body.people.find((p) => p.userId === bob.id)!;
    expect(bobsTime).toMatchObject({ nightsOnCall: 2, weekendDaysOnCall: 2, hoursOnCall: 47 });
  });

  it('lists the noisiest alerts, most triggered and most auto-resolved, without a private incident’s for a viewer', async () => {
    const { body } = await get(viewer.token);
    expect(body.mostTriggered.map((a) => [a.dedupKey, a.alerts, a.triggers, a.autoResolved])).toEqual([
      ['disk', 3, 6, 2],
      ['cpu', 1, 4, 0],
    ]);
    expect(body.mostAutoResolved.map((a) => [a.dedupKey, a.autoResolved])).toEqual([['disk', 2]]);
    const asAdmin = await get(admin.token);
    expect(asAdmin.body.mostTriggered.map((a) => a.dedupKey)).toEqual(['secret', 'disk', 'cpu']);
    expect(asAdmin.body.mostAutoResolved.map((a) => [a.dedupKey, a.autoResolved])).toEqual([
      ['disk', 2],
      ['secret', 1],
    ]);
  });

  it('answers bad input with a 400 that says what to fix', async () => {
    const reversed = await get(viewer.token, `from=${TO}&to=${FROM}`);
    expect(reversed.status).toBe(400);
    expect(reversed.body.error!.message).toMatch(/must be before/);
    const long = await get(viewer.token, 'from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z');
    expect(long.status).toBe(400);
    expect(long.body.error!.message).toMatch(/longer than 366 days/);
    expect((await get(viewer.token, 'from=yesterday')).status).toBe(400);
    expect((await t.request('GET', '/api/v1/analytics/oncall')).status).toBe(401);
  });
});

describe('onCallTime', () => {
  it('counts a night of 10 hours across the autumn change once, and clips shifts to the period', () => {
    // New York, Sat 31 Oct 2026 22:00 EDT (02:00Z Sun) to Sun 1 Nov 07:00 EST (12:00Z): 10 hours.
    const shift = { start: Date.parse('2026-11-01T02:00:00Z'), end: Date.parse('2026-11-01T12:00:00Z') };
    expect(
      onCallTime([shift], 'America/New_York', Date.parse('2026-10-31T00:00:00Z'), Date.parse('2026-11-03T00:00:00Z')),
    ).toEqual({
      nights: 1,
      weekendDays: 2,
      hours: 10,
    });
    expect(
      onCallTime([shift], 'America/New_York', Date.parse('2026-11-01T06:00:00Z'), Date.parse('2026-11-01T08:00:00Z')),
    ).toEqual({
      nights: 0,
      weekendDays: 0,
      hours: 2,
    });
  });
});

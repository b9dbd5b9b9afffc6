/**
 * Overrides, swaps and hand-off notices through the API: participants act
 * for themselves, managers for anyone, others not at all; overrides change
 * who is on call and never the past; a taken swap becomes an override; the
 * people affected are named in the events notify hears; each shift start is
 * announced once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName } from '../../db/events.js';
import { startTestApp, type TestApp } from '../../test-support/app.js';
import { recordedEvents, wiringsRecording } from '../../test-support/event-recorder.js';
import { createTeam, setMembership } from '../teams/index.js';
import { updateUser } from '../users/index.js';

let t: TestApp;
let admin: { id: string; token: string };
let manager: { id: string; token: string };
let outsider: { id: string; token: string };
let alice: { id: string; token: string };
let bob: { id: string; token: string };
let carol: { id: string; token: string };
let scheduleId: string;

const DAY = 86_400_000;
const HOUR = 3_600_000;

beforeAll(async () => {
  t = await startTestApp({
    tocsin: {
      wirings: wiringsRecording(
        'ScheduleOverrideCreated',
        'ScheduleOverrideRemoved',
        'SwapOffered',
        'SwapTaken',
        'ShiftStarted',
      ),
    },
  }); // Monday 5 January 2026, 09:00 UTC
  admin = await t.createUserWithToken('admin');
  manager = await t.createUserWithToken('responder');
  outsider = await t.createUserWithToken('responder');
  alice = await t.createUserWithToken('responder', 'alice@example.com');
  bob = await t.createUserWithToken('responder', 'bob@example.com');
  carol = await t.createUserWithToken('responder', 'carol@example.com');
  for (const [user, name] of [
    [alice, 'Alice'],
    [bob, 'Bob'],
    [carol, 'Carol'],
  ] as const)
    await updateUser(t.ctx, user.id, { name });
  const team = await createTeam(t.ctx, { slug: 'sre', name: 'SRE' });
  await setMembership(t.ctx, 'sre', manager.id, 'manager');
  const created = await call<{ schedule: { id: string } }>('POST', '/api/v1/schedules', admin.token, {
    name: 'EOC',
    timeZone: 'UTC',
    teamId: team.id,
    layers: [
      {
        name: 'Primary',
        participants: [alice.id, bob.id, carol.id],
        shift: { length: 1, unit: 'days' },
        handoffTime: '09:00',
        startDate: '2026-01-05',
      },
    ],
  });
  scheduleId = created.body.schedule.id;
});
afterAll(async () => t?.close());

async function call<T = unknown>(
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await t.request(method, path, { token, ...(body !== undefined && { body }) });
  return { status: response.status, body: (await response.json()) as T };
}

const at = (offsetMs: number) => new Date(t.clock.now().getTime() + offsetMs).toISOString();
const onCallAt = async (iso: string) =>
  (
    await call<{ items: Array<{ users: Array<{ id: string }> }> }>(
      'GET',
      `/api/v1/oncall?schedule=EOC&at=${encodeURIComponent(iso)}`,
      outsider.token,
    )
  ).body.items[0]!.users.map((u) => u.id);
const events = (kind: EventName) => recordedEvents<Record<string, unknown>>(t.app.db, kind);

describe('overrides', () => {
  it('a participant puts themselves on call; an outsider cannot; a manager can for anyone', async () => {
    // Today (Monday) is Alice's; Carol covers Alice from 12:00 to 15:00.
    const window = { startsAt: at(3 * HOUR), endsAt: at(6 * HOUR) };
    const own = await call<{ id: string; affectedUserIds: string[] }>(
      'POST',
      `/api/v1/schedules/${scheduleId}/overrides`,
      carol.token,
      { kind: 'replace', userId: carol.id, replacesUserId: alice.id, ...window },
    );
    expect(own.status).toBe(201);
    expect(own.body.affectedUserIds.sort()).toEqual([alice.id, carol.id].sort());
    expect(await onCallAt(at(4 * HOUR))).toEqual([carol.id]);
    expect(await onCallAt(at(7 * HOUR))).toEqual([alice.id]);

    const theirs = await call<{ error: { message: string } }>(
      'POST',
      `/api/v1/schedules/${scheduleId}/overrides`,
      outsider.token,
      { kind: 'add', userId: outsider.id, ...window },
    );
    expect(theirs.status).toBe(403);
    expect(theirs.body.error.message).toMatch(/only on a schedule you take part in/);
    const forOthers = await call('POST', `/api/v1/schedules/${scheduleId}/overrides`, bob.token, {
      kind: 'add',
      userId: carol.id,
      ...window,
    });
    expect(forOthers.status).toBe(403);
    const byManager = await call<{ id: string }>('POST', `/api/v1/schedules/${scheduleId}/overrides`, manager.token, {
      kind: 'add',
      userId: bob.id,
      ...window,
    });
    expect(byManager.status).toBe(201);
    expect((await onCallAt(at(4 * HOUR))).sort()).toEqual([bob.id, carol.id].sort());

    const created = await events('ScheduleOverrideCreated');
    expect(created.find((e) => e.overrideId === own.body.id)).toMatchObject({
      scheduleName: 'EOC',
      kind: 'replace',
      userId: carol.id,
      replacesUserId: alice.id,
    });
  });

  it('removing an override ends it now; what it already did stays; the past cannot be changed', async () => {
    const o = await call<{ id: string }>('POST', `/api/v1/schedules/${scheduleId}/overrides`, bob.token, {
      kind: 'replace',
      userId: bob.id,
      replacesUserId: null,
      startsAt: at(-HOUR),
      endsAt: at(2 * HOUR),
    });
    expect(o.status).toBe(201);
    const startedAt = t.clock.now().toISOString(); // a start in the past moved to now
    expect(await onCallAt(startedAt)).toEqual([bob.id]);
    t.clock.advanceMinutes(30);
    expect(
      (await call('DELETE', `/api/v1/schedules/${scheduleId}/overrides/${o.body.id}`, outsider.token)).status,
    ).toBe(403);
    const removed = await call<{ removedAt: string; affectedUserIds: string[] }>(
      'DELETE',
      `/api/v1/schedules/${scheduleId}/overrides/${o.body.id}`,
      bob.token,
    );
    expect(removed.status).toBe(200);
    expect(removed.body.removedAt).toBe(t.clock.now().toISOString());
    expect(await onCallAt(t.clock.now().toISOString())).toEqual([alice.id]);
    expect(await onCallAt(startedAt)).toEqual([bob.id]);
    expect((await call('DELETE', `/api/v1/schedules/${scheduleId}/overrides/${o.body.id}`, bob.token)).status).toBe(
      409,
    );
    expect((await events('ScheduleOverrideRemoved')).at(-1)).toMatchObject({
      overrideId: o.body.id,
      affectedUserIds: [alice.id, bob.id].sort(),
    });
    const audit = await call<{ items: Array<{ action: string }> }>(
      'GET',
      `/api/v1/audit?entityId=${scheduleId}`,
      admin.token,
    );
    expect(audit.body.items.map((e) => e.action)).toEqual(
      expect.arrayContaining(['schedule.override_created', 'schedule.override_removed']),
    );
  });

  it('takes the pager now for the next hours', async () => {
    const taken = await call<{ kind: string; replaces: null; startsAt: string; endsAt: string }>(
      'POST',
      `/api/v1/schedules/${scheduleId}/take-pager`,
      carol.token,
      { hours: 2 },
    );
    expect(taken.status).toBe(201);
    expect(taken.body).toMatchObject({
      kind: 'replace',
      replaces: null,
      startsAt: t.clock.now().toISOString(),
      endsAt: at(2 * HOUR),
    });
    expect(await onCallAt(at(HOUR))).toEqual([carol.id]);
    expect(
      (await call('POST', `/api/v1/schedules/${scheduleId}/take-pager`, outsider.token, { hours: 2 })).status,
    ).toBe(403);
    expect((await call('POST', `/api/v1/schedules/${scheduleId}/take-pager`, carol.token, { hours: 500 })).status).toBe(
      400,
    );
  });
});

describe('swaps', () => {
  it('offer part of a shift, a colleague takes it, it becomes an override and both are told', async () => {
    // Tuesday 6 January 09:00 is Bob's turn for a day; he offers 12:00–18:00.
    const tuesday = Date.parse('2026-01-06T09:00:00Z');
    const window = {
      startsAt: new Date(tuesday + 3 * HOUR).toISOString(),
      endsAt: new Date(tuesday + 9 * HOUR).toISOString(),
    };
    const notHis = await call<{ error: { message: string } }>(
      'POST',
      `/api/v1/schedules/${scheduleId}/swaps`,
      alice.token,
      window,
    );
    expect(notHis.status).toBe(400);
    expect(notHis.body.error.message).toMatch(/Alice is not on call for all of .* in EOC: not at all in that window/);

    const offer = await call<{ id: string; status: string }>(
      'POST',
      `/api/v1/schedules/${scheduleId}/swaps`,
      bob.token,
      { ...window, note: 'dentist' },
    );
    expect(offer.status).toBe(201);
    expect(offer.body.status).toBe('open');
    const byOutsider = await call(
      'POST',
      `/api/v1/schedules/${scheduleId}/swaps/${offer.body.id}/take`,
      outsider.token,
    );
    expect(byOutsider.status, JSON.stringify(byOutsider.body)).toBe(403);
    expect((await call('POST', `/api/v1/schedules/${scheduleId}/swaps/${offer.body.id}/take`, bob.token)).status).toBe(
      400,
    );
    const taken = await call<{ status: string; takenBy: { id: string }; overrideId: string }>(
      'POST',
      `/api/v1/schedules/${scheduleId}/swaps/${offer.body.id}/take`,
      alice.token,
    );
    expect(taken.status).toBe(200);
    expect(taken.body).toMatchObject({ status: 'taken', takenBy: { id: alice.id } });
    expect(await onCallAt(new Date(tuesday + 4 * HOUR).toISOString())).toEqual([alice.id]);
    expect(await onCallAt(new Date(tuesday + 10 * HOUR).toISOString())).toEqual([bob.id]);
    expect(
      (await call('POST', `/api/v1/schedules/${scheduleId}/swaps/${offer.body.id}/take`, carol.token)).status,
    ).toBe(409);
    expect((await events('SwapTaken')).at(-1)).toMatchObject({
      swapId: offer.body.id,
      offeredBy: bob.id,
      takenBy: alice.id,
      overrideId: taken.body.overrideId,
    });
    expect((await events('SwapOffered')).at(-1)).toMatchObject({
      swapId: offer.body.id,
      requestedUserId: null,
      note: 'dentist',
    });
  });

  it("asks one person by name; a manager offers and takes on others' behalf; offers can be withdrawn", async () => {
    const wednesday = Date.parse('2026-01-07T09:00:00Z'); // Carol's day
    const window = {
      startsAt: new Date(wednesday + HOUR).toISOString(),
      endsAt: new Date(wednesday + 2 * HOUR).toISOString(),
    };
    const asked = await call<{ id: string; requestedUser: { id: string } }>(
      'POST',
      `/api/v1/schedules/${scheduleId}/swaps`,
      carol.token,
      { ...window, requestedUserId: bob.id },
    );
    expect(asked.body.requestedUser.id).toBe(bob.id);
    const wrongPerson = await call<{ error: { message: string } }>(
      'POST',
      `/api/v1/schedules/${scheduleId}/swaps/${asked.body.id}/take`,
      alice.token,
    );
    expect(wrongPerson.status).toBe(403);
    expect(wrongPerson.body.error.message).toBe('This swap was offered to Bob only.');
    expect(
      (
        await call('POST', `/api/v1/schedules/${scheduleId}/swaps/${asked.body.id}/take`, manager.token, {
          userId: bob.id,
        })
      ).status,
    ).toBe(200);
    expect(await onCallAt(new Date(wednesday + 90 * 60_000).toISOString())).toEqual([bob.id]);

    const byManager = await call<{ id: string; offeredBy: { id: string } }>(
      'POST',
      `/api/v1/schedules/${scheduleId}/swaps`,
      manager.token,
      {
        startsAt: new Date(wednesday + 3 * HOUR).toISOString(),
        endsAt: new Date(wednesday + 4 * HOUR).toISOString(),
        userId: carol.id,
      },
    );
    expect(byManager.body.offeredBy.id).toBe(carol.id);
    expect(
      (await call('POST', `/api/v1/schedules/${scheduleId}/swaps/${byManager.body.id}/cancel`, alice.token)).status,
    ).toBe(403);
    const cancelled = await call<{ status: string }>(
      'POST',
      `/api/v1/schedules/${scheduleId}/swaps/${byManager.body.id}/cancel`,
      carol.token,
    );
    expect(cancelled.body.status).toBe('cancelled');
    const open = await call<{ items: unknown[] }>(
      'GET',
      `/api/v1/schedules/${scheduleId}/swaps?status=open`,
      outsider.token,
    );
    expect(open.body.items).toEqual([]);
  });
});

describe('hand-off notices', () => {
  it('announces each shift start once, naming who comes on and who goes off', async () => {
    await t.app.engine.runDue();
    const before = (await events('ShiftStarted')).length;
    t.clock.set('2026-01-08T09:00:00Z'); // Thursday: Alice's day again (Wednesday was Carol's)
    await t.app.engine.runDue();
    await t.app.engine.runDue();
    const started = (await events('ShiftStarted')).slice(before);
    const thursday = started.filter((e) => e.startsAt === '2026-01-08T09:00:00.000Z');
    expect(thursday).toEqual([
      expect.objectContaining({
        scheduleName: 'EOC',
        userId: alice.id,
        previousUserId: carol.id,
        endsAt: '2026-01-09T09:00:00.000Z',
      }),
    ]);
    // Stale shifts (Tuesday, Wednesday) that ended while nobody looked are not announced late.
    expect(started.every((e) => (e.startsAt as string) >= '2026-01-07T09:00:00.000Z')).toBe(true);
    t.clock.advanceMinutes(1);
    await t.app.engine.runDue();
    expect((await events('ShiftStarted')).length).toBe(before + started.length);
    const row = await t.app.db
      .selectFrom('schedules')
      .select('next_handoff_at')
      .where('id', '=', scheduleId)
      .executeTakeFirstOrThrow();
    expect(row.next_handoff_at?.toISOString()).toBe('2026-01-09T09:00:00.000Z');
    void DAY;
  });
});

/**
 * Schedule change notices: an override tells the person it puts on call and
 * the person it covers (and its removal tells them again); an offered swap
 * asks the people who could take it; a taken swap tells the offerer and the
 * taker. Real SMTP to the fake vendors' sink, through the job queue, once
 * per person and change even when the event is delivered again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishEvent } from '../../db/outbox.js';
import type { FakeClock } from '../../lib/clock.js';
import { startSmoke, type Smoke, type SmokePerson } from '../../test-support/smoke.js';
import type { ScheduleOverrideEvent } from '../schedules/index.js';

let s: Smoke;
let alice: SmokePerson;
let bob: SmokePerson;
let carol: SmokePerson;
let scheduleId: string;

// Monday 2 March 2026 08:00 UTC; daily shifts at 09:00: Alice Monday, Bob Tuesday, Carol Wednesday.
const TUESDAY_09 = '2026-03-03T09:00:00.000Z';
const TUESDAY_21 = '2026-03-03T21:00:00.000Z';

beforeAll(async () => {
  s = await startSmoke();
  (s.w.t.clock as FakeClock).set('2026-03-02T08:00:00Z');
  alice = await s.person('Alice', { email: 'alice-changes@example.com' });
  bob = await s.person('Bob', { email: 'bob-changes@example.com' });
  carol = await s.person('Carol', { email: 'carol-changes@example.com' });
  const created = await s.api('POST', '/api/v1/schedules', {
    name: 'Primary',
    timeZone: 'UTC',
    layers: [
      {
        name: 'Daily',
        participants: [alice.id, bob.id, carol.id],
        shift: { length: 1, unit: 'days' },
        handoffTime: '09:00',
        startDate: '2026-03-02',
      },
    ],
  });
  expect(created.status).toBe(201);
  scheduleId = ((await created.json()) as { schedule: { id: string } }).schedule.id;
  await s.settle();
});
afterAll(async () => s?.close());

const subjects = (person: SmokePerson) => s.mailsTo(person.address!).map((m) => m.subject);
const textsTo = (person: SmokePerson) => s.mailsTo(person.address!).map((m) => m.text);
const mark = () => ({ alice: subjects(alice).length, bob: subjects(bob).length, carol: subjects(carol).length });
const since = (before: ReturnType<typeof mark>) => ({
  alice: subjects(alice).slice(before.alice),
  bob: subjects(bob).slice(before.bob),
  carol: subjects(carol).slice(before.carol),
});

async function post<T>(path: string, body: unknown): Promise<T> {
  const response = await s.api('POST', path, body);
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

describe('overrides', () => {
  it('tell the person put on call and the person covered, once each; removing the override tells them again', async () => {
    const before = mark();
    const override = await post<{ id: string }>(`/api/v1/schedules/${scheduleId}/overrides`, {
      kind: 'replace',
      userId: carol.id,
      replacesUserId: bob.id,
      startsAt: TUESDAY_09,
      endsAt: TUESDAY_21,
    });
    await s.settle();
    expect(since(before)).toEqual({
      alice: [],
      bob: ['[Tocsin] Carol covers you on Primary'],
      carol: ['[Tocsin] You are on call for Primary (override)'],
    });
    expect(textsTo(bob).at(-1)).toContain(
      'Carol is on call for you on Primary from 2026-03-03 09:00 UTC until 2026-03-03 21:00 UTC (by Admin <',
    );
    expect(textsTo(bob).at(-1)).toContain('you are off call then.');

    // The same event delivered again (a retry, a replay) plans nothing new.
    const event: ScheduleOverrideEvent = {
      scheduleId,
      scheduleName: 'Primary',
      overrideId: override.id,
      kind: 'replace',
      userId: carol.id,
      replacesUserId: bob.id,
      startsAt: TUESDAY_09,
      endsAt: TUESDAY_21,
      affectedUserIds: [bob.id, carol.id],
      actorLabel: 'Admin',
      bySwapId: null,
    };
    await publishEvent(s.w.t.app.db, s.w.t.clock.now(), 'ScheduleOverrideCreated', event, 'replayed');
    await s.settle();
    expect(since(before).bob).toHaveLength(1);
    expect(since(before).carol).toHaveLength(1);

    const removed = await s.api('DELETE', `/api/v1/schedules/${scheduleId}/overrides/${override.id}`);
    expect(removed.status).toBe(200);
    await s.settle();
    expect(since(before)).toEqual({
      alice: [],
      bob: ['[Tocsin] Carol covers you on Primary', '[Tocsin] You are on call again for Primary'],
      carol: [
        '[Tocsin] You are on call for Primary (override)',
        '[Tocsin] Override removed: you are off call for Primary',
      ],
    });
  });
});

describe('swaps', () => {
  it('an open offer asks everyone else in the schedule; an offer to one person asks only them', async () => {
    const before = mark();
    await post(`/api/v1/schedules/${scheduleId}/swaps`, {
      userId: bob.id,
      startsAt: TUESDAY_09,
      endsAt: TUESDAY_21,
      note: 'dentist',
    });
    await s.settle();
    expect(since(before)).toEqual({
      alice: ['[Tocsin] Bob asks for cover on Primary'],
      bob: [],
      carol: ['[Tocsin] Bob asks for cover on Primary'],
    });
    expect(textsTo(alice).at(-1)).toContain(
      'Bob offers their time on call for Primary from 2026-03-03 09:00 UTC until 2026-03-03 21:00 UTC',
    );
    expect(textsTo(alice).at(-1)).toContain('Note: dentist');

    const asked = mark();
    await post(`/api/v1/schedules/${scheduleId}/swaps`, {
      userId: carol.id,
      requestedUserId: alice.id,
      startsAt: '2026-03-04T09:00:00.000Z',
      endsAt: '2026-03-04T12:00:00.000Z',
    });
    await s.settle();
    expect(since(asked)).toEqual({ alice: ['[Tocsin] Carol asks for cover on Primary'], bob: [], carol: [] });
  });

  it('a taken swap tells the offerer who covers them and the taker that they are on call, and nobody twice', async () => {
    const swap = await post<{ id: string }>(`/api/v1/schedules/${scheduleId}/swaps`, {
      userId: bob.id,
      startsAt: '2026-03-06T09:00:00.000Z',
      endsAt: '2026-03-06T15:00:00.000Z',
      requestedUserId: carol.id,
    });
    await s.settle();
    const before = mark();
    await post(`/api/v1/schedules/${scheduleId}/swaps/${swap.id}/take`, { userId: carol.id });
    await s.settle();
    expect(since(before)).toEqual({
      alice: [],
      bob: ['[Tocsin] Carol took your swap on Primary'],
      carol: ['[Tocsin] You cover Bob on Primary'],
    });
    expect(textsTo(carol).at(-1)).toContain(
      "You took Bob's swap: you are on call for Primary from 2026-03-06 09:00 UTC until 2026-03-06 15:00 UTC.",
    );
  });
});

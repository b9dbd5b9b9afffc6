/**
 * Calendar feeds and "who is on call": a private iCal feed per schedule and
 * per person at a secret URL, read back with an independent parser and equal
 * to the calculator's shifts (overrides included); revoked and unknown feeds,
 * and feeds whose creator is disabled, answer 404; read-only tokens neither
 * create nor revoke feeds; who is on call for a schedule, a team, and every
 * level of a service's or a policy's escalation (people named directly as
 * well as schedules), as JSON and in words; a person's own shifts.
 */
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test-support/app.js';
import { insertPolicy, insertService } from '../../test-support/paging-fixtures.js';
import { createTeam } from '../teams/index.js';
import { updateUser } from '../users/index.js';
import { computeShifts } from './index.js';

let t: TestApp;
let admin: { id: string; token: string };
let alice: { id: string; token: string };
let bob: { id: string; token: string };
let primaryId: string;
let secondaryId: string;

beforeAll(async () => {
  t = await startTestApp(); // Monday 5 January 2026, 09:00 UTC
  admin = await t.createUserWithToken('admin');
  alice = await t.createUserWithToken('responder', 'alice@example.com');
  bob = await t.createUserWithToken('viewer', 'bob@example.com');
  await updateUser(t.ctx, alice.id, { name: 'Alice' });
  await updateUser(t.ctx, bob.id, { name: 'Bob, the second; on call' });
  const team = await createTeam(t.ctx, { slug: 'payments', name: 'Payments' });
  const layer = (participants: string[]) => ({
    name: 'Primary',
    participants,
    shift: { length: 1, unit: 'weeks' },
    handoffTime: '09:00',
    startDate: '2026-01-05',
  });
  const create = async (name: string, participants: string[]) =>
    (
      await call<{ schedule: { id: string } }>('POST', '/api/v1/schedules', admin.token, {
        name,
        timeZone: 'Europe/London',
        teamId: team.id,
        layers: [layer(participants)],
      })
    ).body.schedule.id;
  primaryId = await create('Payments primary', [alice.id, bob.id]);
  secondaryId = await create('Payments secondary', [bob.id, alice.id]);
  const override = await call('POST', `/api/v1/schedules/${primaryId}/overrides`, admin.token, {
    kind: 'replace',
    userId: bob.id,
    replacesUserId: alice.id,
    startsAt: '2026-01-06T12:00:00Z',
    endsAt: '2026-01-06T18:00:00Z',
  });
  expect(override.status).toBe(201);
});
afterAll(async () => t?.close());

async function call<T = unknown>(
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await t.request(method, path, { ...(token && { token }), ...(body !== undefined && { body }) });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T,
  };
}

interface CreatedFeed {
  feed: { id: string; subjectName: string };
  token: string;
  url: string;
  webcalUrl: string;
  jsonUrl: string;
}

function parseEvents(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    return {
      uid: e.uid,
      summary: e.summary,
      start: e.startDate.toJSDate().toISOString(),
      end: e.endDate.toJSDate().toISOString(),
    };
  });
}

describe('calendar feeds', () => {
  it("a schedule feed at a secret webcal URL equals the calculator's shifts, overrides included", async () => {
    const created = await call<CreatedFeed>('POST', '/api/v1/calendars', bob.token, {
      kind: 'schedule',
      subject: 'Payments primary',
    });
    expect(created.status).toBe(201);
    const { token, url, webcalUrl, jsonUrl } = created.body;
    expect(url).toBe(`http://127.0.0.1/api/v1/calendars/${token}.ics`);
    expect(webcalUrl).toBe(`webcal://127.0.0.1/api/v1/calendars/${token}.ics`);
    const stored = await t.app.db
      .selectFrom('calendar_feeds')
      .select('token_hash')
      .where('id', '=', created.body.feed.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);

    const feed = await call<string>('GET', `/api/v1/calendars/${token}.ics`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const events = parseEvents(feed.body);
    const now = t.clock.now().getTime();
    const shifts = await computeShifts(
      t.app.db,
      primaryId,
      new Date(now - 30 * 86_400_000),
      new Date(now + 365 * 86_400_000),
    );
    expect(events.map((e) => [e.start, e.end])).toEqual(shifts.map((s) => [s.start, s.end]));
    expect(events.map((e) => e.summary).slice(0, 3)).toEqual([
      'Alice on call (Payments primary)',
      'Bob, the second; on call on call (Payments primary)',
      'Alice on call (Payments primary)',
    ]);
    expect(events[1]).toMatchObject({ start: '2026-01-06T12:00:00.000Z', end: '2026-01-06T18:00:00.000Z' });

    const json = await call<{ shifts: Array<{ uid: string; start: string }> }>('GET', new URL(jsonUrl).pathname);
    expect(json.status).toBe(200);
    expect(json.body.shifts.map((s) => s.uid)).toEqual(events.map((e) => e.uid));
  });

  it("a person's feed holds their shifts across schedules; only admins make feeds of others", async () => {
    const created = await call<CreatedFeed>('POST', '/api/v1/calendars', bob.token, { kind: 'user' });
    expect(created.body.feed.subjectName).toBe('Bob, the second; on call');
    const events = parseEvents((await call<string>('GET', `/api/v1/calendars/${created.body.token}.ics`)).body);
    expect(new Set(events.map((e) => e.summary))).toEqual(
      new Set(['On call: Payments primary', 'On call: Payments secondary']),
    );
    expect(events.find((e) => e.start === '2026-01-06T12:00:00.000Z')).toBeDefined();
    expect((await call('POST', '/api/v1/calendars', bob.token, { kind: 'user', subject: alice.id })).status).toBe(403);
    expect((await call('POST', '/api/v1/calendars', admin.token, { kind: 'user', subject: alice.id })).status).toBe(
      201,
    );
  });

  it('a revoked or unknown feed answers 404; only its creator or an admin revokes it', async () => {
    const created = await call<CreatedFeed>('POST', '/api/v1/calendars', alice.token, {
      kind: 'schedule',
      subject: secondaryId,
    });
    const path = `/api/v1/calendars/${created.body.token}.ics`;
    expect((await call('GET', path)).status).toBe(200);
    expect((await call('DELETE', `/api/v1/calendars/${created.body.feed.id}`, bob.token)).status).toBe(403);
    const revoked = await call<{ revokedAt: string }>(
      'DELETE',
      `/api/v1/calendars/${created.body.feed.id}`,
      alice.token,
    );
    expect(revoked.body.revokedAt).toBe(t.clock.now().toISOString());
    const gone = await call<{ error: { code: string; message: string } }>('GET', path);
    expect(gone.status).toBe(404);
    expect(gone.body.error.message).toMatch(/revoked, or the link is wrong/);
    expect((await call('GET', '/api/v1/calendars/tcal_not-a-real-token-at-all.ics')).status).toBe(404);
    expect((await call('GET', '/api/v1/calendars/whatever.txt')).status).toBe(400);
    const mine = await call<{ items: Array<{ id: string; revokedAt: string | null }> }>(
      'GET',
      '/api/v1/calendars',
      alice.token,
    );
    expect(mine.body.items.find((f) => f.id === created.body.feed.id)?.revokedAt).not.toBeNull();
    const audit = await call<{ items: Array<{ action: string }> }>(
      'GET',
      `/api/v1/audit?entityId=${created.body.feed.id}`,
      admin.token,
    );
    expect(audit.body.items.map((e) => e.action).sort()).toEqual(['calendar_feed.created', 'calendar_feed.revoked']);
  });
});

describe('calendar feeds and their creator', () => {
  it("a disabled creator's feeds answer 404, and work again when they are enabled again", async () => {
    const carol = await t.createUserWithToken('responder');
    const created = await call<CreatedFeed>('POST', '/api/v1/calendars', carol.token, {
      kind: 'schedule',
      subject: primaryId,
    });
    expect(created.status).toBe(201);
    expect((await call('GET', `/api/v1/calendars/${created.body.token}.ics`)).status).toBe(200);

    expect((await call('PATCH', `/api/v1/users/${carol.id}`, admin.token, { isDisabled: true })).status).toBe(200);
    expect((await call('GET', '/api/v1/users', carol.token)).status).toBe(401); // as her tokens stop
    for (const ext of ['ics', 'json']) {
      const gone = await call<{ error: { code: string } }>('GET', `/api/v1/calendars/${created.body.token}.${ext}`);
      expect(gone.status, ext).toBe(404);
      expect(gone.body.error.code).toBe('not_found');
    }

    expect((await call('PATCH', `/api/v1/users/${carol.id}`, admin.token, { isDisabled: false })).status).toBe(200);
    expect((await call('GET', `/api/v1/calendars/${created.body.token}.ics`)).status).toBe(200);
  });

  it('a read-only token neither creates nor revokes feeds', async () => {
    const readOnly = await call<{ token: string }>('POST', '/api/v1/tokens', alice.token, {
      name: 'calendar reader',
      scopes: ['read'],
    });
    expect(readOnly.status).toBe(201);
    const refused = await call<{ error: { message: string } }>('POST', '/api/v1/calendars', readOnly.body.token, {
      kind: 'user',
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/"write"/);
    const feed = await call<CreatedFeed>('POST', '/api/v1/calendars', alice.token, { kind: 'user' });
    expect((await call('DELETE', `/api/v1/calendars/${feed.body.feed.id}`, readOnly.body.token)).status).toBe(403);
    expect((await call('GET', feed.body.url.replace(/^https?:\/\/[^/]+/, ''))).status).toBe(200);
  });
});

describe('who is on call', () => {
  interface Answer {
    scope: { kind: string; id: string | null; name: string };
    items: Array<{
      schedule: { name: string };
      level: number | null;
      users: Array<{ name: string; until: string | null }>;
    }>;
    policy: { id: string; name: string } | null;
    levels: Array<{
      level: number;
      delayMinutes: number;
      targets: Array<{
        type: string;
        label: string;
        users: Array<{ name: string; until: string | null }>;
        note: string | null;
      }>;
    }> | null;
    text: string;
    notes: string[];
  }

  it('for a team, at a time, in JSON and in words', async () => {
    const now = await call<Answer>('GET', '/api/v1/oncall?team=payments', bob.token);
    expect(now.body.items.map((i) => [i.schedule.name, i.users.map((u) => u.name), i.users[0]?.until])).toEqual([
      ['Payments primary', ['Alice'], '2026-01-06T12:00:00.000Z'],
      ['Payments secondary', ['Bob, the second; on call'], '2026-01-12T09:00:00.000Z'],
    ]);
    expect(now.body.text).toBe(
      'On call now for team Payments:\n• Payments primary: Alice (until Tue 6 Jan 12:00 Europe/London)\n• Payments secondary: Bob, the second; on call (until Mon 12 Jan 09:00 Europe/London)',
    );
    const later = await call<Answer>(
      'GET',
      '/api/v1/oncall?schedule=Payments%20primary&at=2026-01-13T00:00:00Z',
      bob.token,
    );
    expect(later.body.items[0]!.users.map((u) => u.name)).toEqual(['Bob, the second; on call']);
    expect(later.body.text).toMatch(/^On call at Tue 13 Jan 00:00 UTC for schedule Payments primary:/);
  });

  it('for a service: every level of its escalation policy, users named directly as well as schedules', async () => {
    const policyId = await insertPolicy(
      t.app.db,
      t.clock,
      [
        {
          delayMinutes: 15,
          targets: [
            { type: 'schedule', id: primaryId },
            { type: 'user', id: alice.id },
          ],
        },
        { delayMinutes: 15, targets: [{ type: 'schedule', id: secondaryId }] },
        { delayMinutes: 30, targets: [{ type: 'user', id: bob.id }] },
      ],
      { name: 'Checkout escalation' },
    );
    await insertService(t.app.db, t.clock, { policyId, slug: 'checkout' });
    const answer = await call<Answer>('GET', '/api/v1/oncall?service=checkout', bob.token);
    expect(answer.status).toBe(200);
    expect(answer.body.scope).toMatchObject({ kind: 'service', name: 'checkout' });
    expect(answer.body.policy).toMatchObject({ id: policyId, name: 'Checkout escalation' });
    expect(answer.body.items.map((i) => [i.level, i.schedule.name, i.users.map((u) => u.name)])).toEqual([
      [1, 'Payments primary', ['Alice']],
      [2, 'Payments secondary', ['Bob, the second; on call']],
    ]);
    expect(
      answer.body.levels!.map((l) => [
        l.level,
        l.delayMinutes,
        l.targets.map((x) => [x.type, x.label, x.users.map((u) => [u.name, u.until])]),
      ]),
    ).toEqual([
      [
        1,
        15,
        [
          ['schedule', 'Payments primary', [['Alice', '2026-01-06T12:00:00.000Z']]],
          ['user', 'Alice', [['Alice', null]]],
        ],
      ],
      [2, 15, [['schedule', 'Payments secondary', [['Bob, the second; on call', '2026-01-12T09:00:00.000Z']]]]],
      [3, 30, [['user', 'Bob, the second; on call', [['Bob, the second; on call', null]]]]],
    ]);
    expect(answer.body.text).toBe(
      [
        'On call now for service checkout:',
        '• Level 1: Payments primary: Alice (until Tue 6 Jan 12:00 Europe/London); Alice',
        '• Level 2: Payments secondary: Bob, the second; on call (until Mon 12 Jan 09:00 Europe/London)',
        '• Level 3: Bob, the second; on call',
      ].join('\n'),
    );
    // By id as well as by slug.
    const byId = await call<Answer>('GET', `/api/v1/oncall?service=${answer.body.scope.id}`, bob.token);
    expect(byId.body.levels).toEqual(answer.body.levels);
    expect((await call('GET', '/api/v1/oncall?service=nope', bob.token)).status).toBe(404);
    expect((await call('GET', '/api/v1/oncall', undefined)).status).toBe(401);
  });

  it('for a policy: a team is its members, a disabled person and an empty team page nobody, and say why', async () => {
    const dave = await t.createUserWithToken('responder', 'dave@example.com');
    await updateUser(t.ctx, dave.id, { name: 'Dave' });
    const empty = await createTeam(t.ctx, { slug: 'empty', name: 'Empty' });
    await insertPolicy(
      t.app.db,
      t.clock,
      [
        {
          delayMinutes: 5,
          targets: [
            { type: 'team', id: empty.id },
            { type: 'user', id: dave.id },
          ],
        },
        { delayMinutes: 5, targets: [{ type: 'schedule', id: primaryId }] },
      ],
      { name: 'Team policy' },
    );
    expect((await call('PATCH', `/api/v1/users/${dave.id}`, admin.token, { isDisabled: true })).status).toBe(200);
    const answer = await call<Answer>('GET', '/api/v1/oncall?policy=Team%20policy&at=2026-01-06T13:00:00Z', bob.token);
    expect(answer.status).toBe(200);
    expect(answer.body.scope).toMatchObject({ kind: 'policy', name: 'Team policy' });
    expect(answer.body.levels!.map((l) => l.targets.map((x) => [x.label, x.users.map((u) => u.name), x.note]))).toEqual(
      [
        [
          ['Empty', [], 'the team has no members who can be paged'],
          ['Dave', [], 'Dave is disabled: not paged'],
        ],
        // The override: Bob covers Alice from 12:00 to 18:00.
        [['Payments primary', ['Bob, the second; on call'], null]],
      ],
    );
    expect(answer.body.levels![1]!.targets[0]!.users[0]!.until).toBe('2026-01-06T18:00:00.000Z');
    expect((await call('GET', '/api/v1/oncall?policy=nope', bob.token)).status).toBe(404);
    expect((await call('GET', '/api/v1/oncall?policy=', bob.token)).status).toBe(400);
  });
});

describe('my on-call shifts', () => {
  interface Mine {
    user: { name: string; timeZone: string };
    current: Array<{ schedule: { name: string }; start: string; end: string; isNow: boolean }>;
    next: { schedule: { name: string }; start: string; end: string } | null;
    shifts: Array<{ schedule: { name: string }; start: string; end: string; isNow: boolean }>;
    policies: Array<{ policy: { name: string }; levels: number[]; via: { type: string; label: string } }>;
  }
  const brief = (s: { schedule: { name: string }; start: string; end: string }) =>
    `${s.schedule.name} ${s.start.slice(0, 16)}–${s.end.slice(0, 16)}`;

  it('lists my shifts across schedules, overrides included, the next one apart, and policies that name me', async () => {
    const mine = await call<Mine>('GET', '/api/v1/oncall/mine', alice.token);
    expect(mine.status).toBe(200);
    expect(mine.body.user.name).toBe('Alice');
    expect(mine.body.current.map(brief)).toEqual(['Payments primary 2026-01-05T09:00–2026-01-06T12:00']);
    // Bob's override takes 12:00–18:00 on the 6th; Alice's week resumes after it.
    expect(mine.body.next && brief(mine.body.next)).toBe('Payments primary 2026-01-06T18:00–2026-01-12T09:00');
    expect(mine.body.shifts.map(brief)).toEqual([
      'Payments primary 2026-01-05T09:00–2026-01-06T12:00',
      'Payments primary 2026-01-06T18:00–2026-01-12T09:00',
      'Payments secondary 2026-01-12T09:00–2026-01-19T09:00',
      'Payments primary 2026-01-19T09:00–2026-01-26T09:00',
      'Payments secondary 2026-01-26T09:00–2026-02-02T09:00',
    ]);
    expect(mine.body.shifts.map((s) => s.isNow)).toEqual([true, false, false, false, false]);
    // The policies above name Alice directly at level 1 of one of them.
    expect(mine.body.policies.map((p) => [p.policy.name, p.levels, p.via.type])).toEqual([
      ['Checkout escalation', [1], 'user'],
    ]);

    const bobs = await call<Mine>('GET', '/api/v1/oncall/mine?weeks=1', bob.token);
    expect(bobs.body.current.map(brief)).toEqual(['Payments secondary 2026-01-05T09:00–2026-01-12T09:00']);
    expect(bobs.body.next && brief(bobs.body.next)).toBe('Payments primary 2026-01-06T12:00–2026-01-06T18:00');
    expect(bobs.body.policies.map((p) => [p.policy.name, p.levels])).toEqual([['Checkout escalation', [3]]]);
  });

  it('through a team: a policy that pages my team names me; bad input is a 400', async () => {
    const erin = await t.createUserWithToken('responder', 'erin@example.com');
    const team = await createTeam(t.ctx, { slug: 'db', name: 'Databases' });
    expect(
      (await call('PUT', `/api/v1/teams/${team.id}/members/${erin.id}`, admin.token, { role: 'member' })).status,
    ).toBeLessThan(300);
    await insertPolicy(t.app.db, t.clock, [{ delayMinutes: 5, targets: [{ type: 'team', id: team.id }] }], {
      name: 'DB policy',
    });
    const mine = await call<Mine>('GET', '/api/v1/oncall/mine', erin.token);
    expect(mine.body.shifts).toEqual([]);
    expect(mine.body.next).toBeNull();
    expect(mine.body.policies.map((p) => [p.policy.name, p.levels, p.via])).toEqual([
      ['DB policy', [1], { type: 'team', id: team.id, label: 'Databases' }],
    ]);
    const bad = await call<{ error: { message: string } }>('GET', '/api/v1/oncall/mine?weeks=99', erin.token);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/weeks/);
    expect((await call('GET', '/api/v1/oncall/mine', undefined)).status).toBe(401);
  });
});

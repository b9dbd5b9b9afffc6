/**
 * The schedules API: who may create and change schedules (admins, team
 * managers) and who may only read; versions with readable diffs; the past
 * never changes after an edit; restore in one action; preview without
 * saving; checks on save; audit entries; answers to bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test-support/app.js';
import { setMembership, createTeam } from '../teams/index.js';
import { updateUser } from '../users/index.js';

let t: TestApp;
let admin: { id: string; token: string };
let manager: { id: string; token: string };
let responder: { id: string; token: string };
let viewer: { id: string; token: string };
let alice: { id: string; token: string };
let bob: { id: string; token: string };
let carol: { id: string; token: string };
let teamId: string;

interface SaveResult {
  schedule: {
    id: string;
    name: string;
    currentVersion: number;
    onCallNow: Array<{ id: string; name: string }>;
    upcomingVersions: Array<{ number: number }>;
  };
  version: { number: number; summary: string; restoredFromVersion: number | null; author: { label: string } } | null;
  checks: { gaps: unknown[]; warnings: string[]; load: Array<{ userId: string; hours: number }> };
}

beforeAll(async () => {
  t = await startTestApp(); // the clock starts on Monday 5 January 2026, 09:00 UTC
  admin = await t.createUserWithToken('admin');
  manager = await t.createUserWithToken('responder');
  responder = await t.createUserWithToken('responder');
  viewer = await t.createUserWithToken('viewer');
  alice = await t.createUserWithToken('responder', 'alice@example.com');
  bob = await t.createUserWithToken('responder', 'bob@example.com');
  carol = await t.createUserWithToken('responder', 'carol@example.com');
  for (const [user, name] of [
    [alice, 'Alice'],
    [bob, 'Bob'],
    [carol, 'Carol'],
  ] as const)
    await updateUser(t.ctx, user.id, { name });
  teamId = (await createTeam(t.ctx, { slug: 'payments', name: 'Payments' })).id;
  await setMembership(t.ctx, 'payments', manager.id, 'manager');
  await setMembership(t.ctx, 'payments', responder.id, 'member');
});
afterAll(async () => t?.close());

const call = async <T = unknown>(
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; body: T }> => {
  const response = await t.request(method, path, { token, ...(body !== undefined && { body }) });
  return { status: response.status, body: (response.status === 204 ? null : await response.json()) as T };
};

const weekly = (participants: string[], extra: Record<string, unknown> = {}) => ({
  name: 'Primary',
  participants,
  shift: { length: 1, unit: 'weeks' },
  handoffTime: '09:00',
  startDate: '2026-01-05',
  ...extra,
});

let counter = 0;
async function createSchedule(token = admin.token, extra: Record<string, unknown> = {}): Promise<SaveResult> {
  const { status, body } = await call<SaveResult>('POST', '/api/v1/schedules', token, {
    name: `Schedule ${++counter}`,
    timeZone: 'Europe/London',
    layers: [weekly([alice.id, bob.id, carol.id])],
    ...extra,
  });
  expect(status, JSON.stringify(body)).toBe(201);
  return body;
}

describe('permissions', () => {
  it("admins create any schedule, team managers only their team's, others none; viewers read", async () => {
    const created = await createSchedule();
    expect(created.version).toMatchObject({
      number: 1,
      summary: 'Created with 1 layer: Primary (Alice, Bob, Carol; weekly, hand-off 09:00 from 2026-01-05)',
    });
    expect(created.schedule.onCallNow.map((u) => u.id)).toEqual([alice.id]);

    const forTeam = { name: 'Team schedule', timeZone: 'UTC', teamId, layers: [weekly([responder.id])] };
    expect((await call('POST', '/api/v1/schedules', manager.token, forTeam)).status).toBe(201);
    const noTeam = await call<{ error: { message: string } }>('POST', '/api/v1/schedules', manager.token, {
      ...forTeam,
      name: 'No team',
      teamId: null,
    });
    expect(noTeam.status).toBe(403);
    expect(noTeam.body.error.message).toMatch(/Only an admin can create schedules without a team/);
    expect((await call('POST', '/api/v1/schedules', responder.token, { ...forTeam, name: 'Member' })).status).toBe(403);
    expect((await call('POST', '/api/v1/schedules', viewer.token, { ...forTeam, name: 'Viewer' })).status).toBe(403);

    expect(
      (
        await call('PATCH', `/api/v1/schedules/${encodeURIComponent('Team schedule')}`, manager.token, {
          description: 'ours',
        })
      ).status,
    ).toBe(200);
    expect(
      (await call('PATCH', `/api/v1/schedules/${created.schedule.id}`, manager.token, { description: 'not ours' }))
        .status,
    ).toBe(403);
    expect((await call('DELETE', `/api/v1/schedules/${created.schedule.id}`, responder.token)).status).toBe(403);

    const read = await call<{ items: Array<{ name: string }> }>('GET', '/api/v1/schedules?team=payments', viewer.token);
    expect(read.body.items.map((s) => s.name)).toEqual(['Team schedule']);
    expect((await call('GET', `/api/v1/schedules/${created.schedule.id}`, viewer.token)).status).toBe(200);
  });

  it('refuses bad input with a message that says what to fix', async () => {
    const cases: Array<[unknown, number, RegExp]> = [
      [{ name: 'X', timeZone: 'Mars/Base', layers: [] }, 400, /IANA time zone/],
      [
        { name: 'X', timeZone: 'UTC', layers: [weekly([alice.id]), weekly([bob.id])] },
        400,
        /layer name "Primary" is used twice/,
      ],
      [
        { name: 'X', timeZone: 'UTC', layers: [weekly(['00000000-0000-7000-8000-000000000001'])] },
        400,
        /no user has the id 00000000-0000-7000-8000-000000000001/,
      ],
      [
        { name: 'X', timeZone: 'UTC', layers: [weekly([alice.id], { handoffTime: '25:00' })] },
        400,
        /time of day "HH:MM"/,
      ],
      [
        { name: 'X', timeZone: 'UTC', layers: [weekly([alice.id], { shift: { length: 5, unit: 'minutes' } })] },
        400,
        /at least 15 minutes/,
      ],
      [{ name: 'X', timeZone: 'UTC', layers: [], colour: 'red' }, 400, /colour/],
      [{ name: 'Schedule 1', timeZone: 'UTC', layers: [] }, 409, /already exists/],
    ];
    for (const [body, status, message] of cases) {
      const response = await call<{ error: { message: string } }>('POST', '/api/v1/schedules', admin.token, body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(response.body.error.message).toMatch(message);
    }
    expect((await call('GET', '/api/v1/schedules/no-such-schedule', viewer.token)).status).toBe(404);
  });
});

describe('versions', () => {
  it('each change is a version with a readable diff; the past never changes; restore brings an old version back', async () => {
    const created = await createSchedule();
    const id = created.schedule.id;
    t.clock.advanceMinutes(60 * 24 * 3); // Thursday 8 January
    const pastRange = `from=2026-01-05T09:00:00Z&to=${encodeURIComponent(t.clock.now().toISOString())}`;
    const past = (await call<{ items: unknown[] }>('GET', `/api/v1/schedules/${id}/shifts?${pastRange}`, viewer.token))
      .body.items;
    const futureOf = async () =>
      (
        await call<{ items: Array<{ userId: string; start: string; end: string }> }>(
          'GET',
          `/api/v1/schedules/${id}/shifts?from=2026-01-20T00:00:00Z&to=2026-03-01T00:00:00Z`,
          viewer.token,
        )
      ).body.items;
    const futureV1 = await futureOf();

    const edit = await call<SaveResult>('PATCH', `/api/v1/schedules/${id}`, admin.token, {
      layers: [weekly([alice.id, carol.id])],
    });
    expect(edit.status).toBe(200);
    expect(edit.body.version!.number).toBe(2);
    // Bob leaves; Alice, on call now, stays on; Carol takes Bob's weeks.
    expect(edit.body.version!.summary).toBe(
      "Primary: Bob leaves; Bob's shift Mon 12 Jan 09:00 – Mon 19 Jan 09:00 moves to Carol; Carol's shift Mon 19 Jan 09:00 – Mon 26 Jan 09:00 moves to Alice; " +
        "Alice's shift Mon 26 Jan 09:00 – Mon 2 Feb 09:00 moves to Carol; and 1 more change",
    );
    expect(edit.body.schedule.onCallNow.map((u) => u.id)).toEqual([alice.id]);
    expect(
      (await call<{ items: unknown[] }>('GET', `/api/v1/schedules/${id}/shifts?${pastRange}`, viewer.token)).body.items,
    ).toEqual(past);
    expect(await futureOf()).not.toEqual(futureV1);

    const versions = await call<{ items: Array<{ number: number; summary: string; author: { label: string } }> }>(
      'GET',
      `/api/v1/schedules/${id}/versions`,
      viewer.token,
    );
    expect(versions.body.items.map((v) => v.number)).toEqual([2, 1]);
    expect(versions.body.items[0]!.author.label).toMatch(/admin/);
    const v1 = await call<{ definition: { layers: Array<{ participants: string[] }> } }>(
      'GET',
      `/api/v1/schedules/${id}/versions/1`,
      viewer.token,
    );
    expect(v1.body.definition.layers[0]!.participants).toEqual([alice.id, bob.id, carol.id]);

    t.clock.advanceMinutes(60);
    const restored = await call<SaveResult>('POST', `/api/v1/schedules/${id}/versions/1/restore`, admin.token);
    expect(restored.status).toBe(200);
    expect(restored.body.version).toMatchObject({
      number: 3,
      restoredFromVersion: 1,
      summary: expect.stringMatching(/^Restored version 1: primary: /),
    });
    expect(await futureOf()).toEqual(futureV1);
    expect((await call('POST', `/api/v1/schedules/${id}/versions/9/restore`, admin.token)).status).toBe(404);

    const audit = await call<{ items: Array<{ action: string; entityId: string }> }>(
      'GET',
      `/api/v1/audit?entityId=${id}`,
      admin.token,
    );
    expect(audit.body.items.filter((e) => e.entityId === id).map((e) => e.action)).toEqual(
      expect.arrayContaining(['schedule.created', 'schedule.updated', 'schedule.version_restored']),
    );
  });

  it('plans a change for later, refuses one in the past, and saves nothing when nothing changes', async () => {
    const { schedule } = await createSchedule();
    const later = new Date(t.clock.now().getTime() + 14 * 86_400_000).toISOString();
    const planned = await call<SaveResult>('PATCH', `/api/v1/schedules/${schedule.id}`, admin.token, {
      layers: [weekly([bob.id])],
      effectiveFrom: later,
    });
    expect(planned.body.schedule.upcomingVersions.map((v) => v.number)).toEqual([2]);
    expect(planned.body.schedule.onCallNow.map((u) => u.id)).toEqual([alice.id]);
    const past = await call<{ error: { message: string } }>('PATCH', `/api/v1/schedules/${schedule.id}`, admin.token, {
      layers: [weekly([bob.id])],
      effectiveFrom: '2020-01-01T00:00:00Z',
    });
    expect(past.status).toBe(400);
    expect(past.body.error.message).toMatch(/cannot take effect in the past/);
    const same = await call<SaveResult>('PATCH', `/api/v1/schedules/${schedule.id}`, admin.token, {
      description: 'only words',
    });
    expect(same.body.version).toBeNull();
    const replaced = await call<SaveResult>('PATCH', `/api/v1/schedules/${schedule.id}`, admin.token, {
      layers: [weekly([alice.id, carol.id])],
    });
    expect(replaced.body.checks.warnings.join()).toMatch(/replaces the change planned for .* \(version 2\)/);
  });
});

describe('preview and checks', () => {
  it('answers who would be on call for a proposed definition, saving nothing', async () => {
    const { schedule } = await createSchedule();
    const at = new Date(t.clock.now().getTime() + 8 * 86_400_000).toISOString();
    const preview = await call<{
      onCallAt: Array<{ id: string }>;
      summary: string;
      shifts: unknown[];
      checks: { warnings: string[] };
    }>('POST', '/api/v1/schedules/preview', viewer.token, {
      scheduleId: schedule.id,
      timeZone: 'Europe/London',
      layers: [weekly([carol.id, bob.id])],
      at,
    });
    expect(preview.status).toBe(200);
    expect(preview.body.summary).toMatch(/join|leave/);
    expect(preview.body.onCallAt.length).toBe(1);
    expect(
      (await call<{ items: unknown[] }>('GET', `/api/v1/schedules/${schedule.id}/versions`, viewer.token)).body.items,
    ).toHaveLength(1);

    const fresh = await call<{ onCallAt: Array<{ id: string }> }>('POST', '/api/v1/schedules/preview', viewer.token, {
      timeZone: 'UTC',
      layers: [weekly([bob.id])],
      at: '2026-02-01T00:00:00Z',
    });
    expect(fresh.body.onCallAt.map((u) => u.id)).toEqual([bob.id]);
  });

  it('flags gaps, double bookings and uneven load on save, with numbers', async () => {
    const saved = await createSchedule(admin.token, {
      layers: [
        weekly([alice.id], { restrictions: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }] }),
        {
          ...weekly([alice.id, bob.id]),
          name: 'Evenings',
          shift: { length: 1, unit: 'days' },
          restrictions: [{ start: '16:00', end: '18:00' }],
        },
      ],
    });
    const warnings = saved.checks.warnings.join('\n');
    expect(warnings).toMatch(/Nobody is on call for [\d.]+ h over the next 4 weeks/);
    expect(warnings).toMatch(/is on call twice at once \(layer "Primary" and layer "Evenings"\)/);
    expect(warnings).toMatch(/Uneven hours on call over the next 4 weeks: Alice \d+, Bob \d+/);
    expect(saved.checks.load.find((l) => l.userId === alice.id)!.hours).toBeGreaterThan(
      saved.checks.load.find((l) => l.userId === bob.id)!.hours,
    );
    const again = await call<{ warnings: string[] }>(
      'GET',
      `/api/v1/schedules/${saved.schedule.id}/checks?weeks=2`,
      viewer.token,
    );
    expect(again.body.warnings.join('\n')).toMatch(/over the next 2 weeks/);
  });

  it('creates a follow-the-sun schedule in one step', async () => {
    const response = await call<SaveResult & { schedule: { definition: { layers: Array<{ name: string }> } } }>(
      'POST',
      '/api/v1/schedules/follow-the-sun',
      admin.token,
      {
        name: 'CMOC follow the sun',
        startDate: '2026-01-05',
        regions: [
          { name: 'EMEA', timeZone: 'Europe/London', participants: [alice.id] },
          { name: 'APAC', timeZone: 'Australia/Sydney', participants: [bob.id] },
          { name: 'AMER', timeZone: 'America/New_York', participants: [carol.id] },
        ],
      },
    );
    expect(response.status).toBe(201);
    expect(response.body.schedule.definition.layers.map((l) => l.name)).toEqual(['EMEA', 'AMER', 'APAC']);
    expect(response.body.checks.gaps).toEqual([]);
  });
});

describe('references for other modules', () => {
  it('says which schedule ids exist and their names', async () => {
    const { findMissingScheduleIds, scheduleNames } = await import('./index.js');
    const { schedule } = await createSchedule();
    const unknown = '00000000-0000-7000-8000-0000000000aa';
    expect(await findMissingScheduleIds(t.app.db, [schedule.id, unknown, 'not-a-uuid'])).toEqual([
      unknown,
      'not-a-uuid',
    ]);
    expect([...(await scheduleNames(t.app.db, [schedule.id, unknown]))]).toEqual([[schedule.id, schedule.name]]);
  });
});

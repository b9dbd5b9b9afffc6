/**
 * The escalation engine through the whole server with a fake clock: who is
 * paged when (observed as the IncidentEscalated events it published, recorded
 * in the publishing transaction, and on the timeline), acknowledging, repeating, running out, snooze, reassign,
 * "escalate now", declaring, and the resolveTargets plug-in point.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptEvents } from '../alerts/index.js';
import type { EscalationLevel } from '../escalation/index.js';
import { createEscalationReconciler } from './index.js';
import { startTestApp, type TestApp } from '../../test-support/app.js';
import { recordedEvents, wiringsRecording } from '../../test-support/event-recorder.js';
import { insertIntegrationKey, insertPolicy, insertService } from '../../test-support/paging-fixtures.js';

let t: TestApp;
let actor: { id: string; token: string };

beforeAll(async () => {
  t = await startTestApp({
    tocsin: { wirings: wiringsRecording('IncidentEscalated', 'IncidentTriggered', 'IncidentAcknowledged') },
  });
  actor = await t.createUserWithToken('responder');
});
afterAll(async () => t?.close());

interface Person {
  id: string;
  name: string;
  token: string;
}
async function person(role: 'responder' | 'admin' = 'responder'): Promise<Person> {
  const u = await t.createUserWithToken(role);
  const row = await t.app.db.selectFrom('users').select('name').where('id', '=', u.id).executeTakeFirstOrThrow();
  return { id: u.id, name: row.name, token: u.token };
}

const level = (delayMinutes: number, ...userIds: string[]): EscalationLevel => ({
  delayMinutes,
  targets: userIds.map((id) => ({ type: 'user' as const, id })),
});

async function serviceWith(levels: EscalationLevel[], repeatCount = 0) {
  const policyId = await insertPolicy(t.app.db, t.clock, levels, { repeatCount });
  const serviceId = await insertService(t.app.db, t.clock, { policyId });
  const key = await insertIntegrationKey(t.app.db, t.clock, serviceId);
  return { policyId, serviceId, keyId: key.id };
}

let dedup = 0;
/** Stores a trigger like the ingest edge does, lets the engine run, returns the incident it opened. */
async function trigger(keyId: string, severity: 'critical' | 'warning' = 'critical') {
  const dedupKey = `alert-${++dedup}`;
  await acceptEvents(t.app.db, t.clock, keyId, [
    {
      action: 'trigger',
      dedupKey,
      alert: { summary: `Disk full ${dedup}`, source: 'db-1', severity, links: [], images: [] },
      raw: { dedupKey },
    },
  ]);
  await t.app.engine.runDue();
  const alert = await t.app.db
    .selectFrom('alerts')
    .select('incident_id')
    .where('dedup_key', '=', dedupKey)
    .executeTakeFirstOrThrow();
  return incident(alert.incident_id!);
}

async function incident(id: string) {
  return t.app.db
    .selectFrom('incidents as i')
    .leftJoin('incident_escalations as e', 'e.incident_id', 'i.id')
    .selectAll('i')
    .select(['e.escalation_level', 'e.escalation_loop', 'e.next_escalation_at', 'e.assignee_ids', 'e.snoozed_until'])
    .where('i.id', '=', id)
    .executeTakeFirstOrThrow();
}

interface Escalated {
  incidentId: string;
  level: number;
  loop: number;
  userIds: string[];
  channelIds: string[];
  urgency: string;
  stepKey: string;
}
/** Every page the engine asked notify for, for one incident, in order. */
async function pages(incidentId: string): Promise<Escalated[]> {
  return (await recordedEvents<Escalated>(t.app.db, 'IncidentEscalated')).filter((p) => p.incidentId === incidentId);
}

async function timeline(incidentId: string): Promise<Array<{ kind: string; message: string }>> {
  const response = await t.request('GET', `/api/v1/incidents/${incidentId}/timeline`, { token: actor.token });
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: Array<{ kind: string; message: string }> }).items;
}

const post = (path: string, body?: unknown, token = actor.token) =>
  t.request('POST', path, { token, ...(body !== undefined && { body }) });

async function advance(minutes: number) {
  t.clock.advanceMinutes(minutes);
  await t.app.engine.runDue();
}

describe('escalation', () => {
  it('a trigger opens an incident and notifies level 1 at once', async () => {
    const [alice, bob] = [await person(), await person()];
    const { keyId, serviceId, policyId } = await serviceWith([level(10, alice.id), level(10, bob.id)]);
    const inc = await trigger(keyId);
    expect(inc).toMatchObject({
      status: 'triggered',
      service_id: serviceId,
      urgency: 'high',
      priority: 'P1',
      assignee_ids: [alice.id],
    });
    expect(await pages(inc.id)).toEqual([
      {
        incidentId: inc.id,
        level: 1,
        loop: 0,
        userIds: [alice.id],
        channelIds: [],
        urgency: 'high',
        stepKey: `${inc.id}:0:1`,
      },
    ]);
    const triggered = (await recordedEvents<{ incidentId: string }>(t.app.db, 'IncidentTriggered')).filter(
      (e) => e.incidentId === inc.id,
    );
    // It carries the policy paging snapshots, when it opened, its priority (analytics' snapshot reads
    // nothing back), and when the first page may go out (now: high urgency).
    expect(triggered).toEqual([
      {
        incidentId: inc.id,
        serviceId,
        triggeredAt: inc.triggered_at.toISOString(),
        urgency: 'high',
        priority: inc.priority,
        noticeChannelIds: [],
        policy: expect.objectContaining({ id: policyId, repeatCount: 0 }),
        firstPageAt: inc.triggered_at.toISOString(),
      },
    ]);
    expect((triggered[0] as unknown as { policy: { levels: unknown[] } }).policy.levels).toHaveLength(2);
    expect((await timeline(inc.id)).map((e) => e.message)).toContain(`Notified level 1: ${alice.name}`);
  });

  it('without an acknowledgement, level 2 is notified after level 1 waited its minutes', async () => {
    const [alice, bob] = [await person(), await person()];
    const { keyId } = await serviceWith([level(10, alice.id), level(10, bob.id)]);
    const inc = await trigger(keyId);
    await advance(9);
    expect(await pages(inc.id)).toHaveLength(1);
    await advance(1);
    const all = await pages(inc.id);
    expect(all).toHaveLength(2);
    expect(all[1]).toMatchObject({ level: 2, loop: 0, userIds: [bob.id], stepKey: `${inc.id}:0:2` });
    expect((await incident(inc.id)).assignee_ids).toEqual([bob.id]);
    expect((await timeline(inc.id)).map((e) => e.message)).toContain(`Escalated to level 2: ${bob.name}`);
  });

  it('a running incident keeps the policy it triggered with: editing the policy changes only later incidents', async () => {
    const [alice, bob, carol] = [await person(), await person(), await person('admin')];
    const { keyId, policyId } = await serviceWith([level(10, alice.id), level(10, bob.id)]);
    const running = await trigger(keyId);
    // Someone edits the policy while the incident waits on level 1: carol instead of bob at level 2, after 30 minutes.
    const edited = await t.request('PATCH', `/api/v1/escalation-policies/${policyId}`, {
      token: carol.token,
      body: {
        levels: [
          { delayMinutes: 30, targets: [{ type: 'user', id: alice.id }] },
          { delayMinutes: 10, targets: [{ type: 'user', id: carol.id }] },
        ],
      },
    });
    expect(edited.status, await edited.clone().text()).toBe(200);
    await advance(10);
    expect((await pages(running.id)).map((p) => [p.level, p.userIds])).toEqual([
      [1, [alice.id]],
      [2, [bob.id]],
    ]);
    // A new incident walks the edited policy.
    const later = await trigger(keyId);
    await advance(10);
    expect(await pages(later.id)).toHaveLength(1);
    await advance(20);
    expect((await pages(later.id)).map((p) => [p.level, p.userIds])).toEqual([
      [1, [alice.id]],
      [2, [carol.id]],
    ]);
  });

  it('acknowledging stops the escalation and records who and when for MTTA', async () => {
    const [alice, bob] = [await person(), await person()];
    const { keyId } = await serviceWith([level(10, alice.id), level(10, bob.id)]);
    const inc = await trigger(keyId);
    await advance(3);
    const acked = await post(`/api/v1/incidents/${inc.number}/acknowledge`, undefined, alice.token);
    expect(acked.status).toBe(200);
    expect(await acked.json()).toMatchObject({
      status: 'acknowledged',
      acknowledgedBy: { id: alice.id, name: alice.name },
      escalation: { nextEscalationAt: null },
    });
    await advance(60);
    expect(await pages(inc.id)).toHaveLength(1);
    const row = await incident(inc.id);
    expect(row.acknowledged_at!.getTime() - row.triggered_at.getTime()).toBe(3 * 60_000);
    // Idempotent: a second acknowledgement changes nothing and adds no entry.
    expect((await post(`/api/v1/incidents/${inc.id}/acknowledge`)).status).toBe(200);
    expect((await timeline(inc.id)).filter((e) => e.kind === 'acknowledged')).toHaveLength(1);
    const published = await recordedEvents<{ incidentId: string }>(t.app.db, 'IncidentAcknowledged');
    expect(published.filter((e) => e.incidentId === inc.id)).toHaveLength(1);
  });

  it('repeats the policy K times, then stops and says nobody acknowledged', async () => {
    const alice = await person();
    const { keyId } = await serviceWith([level(5, alice.id)], 2);
    const inc = await trigger(keyId);
    for (let i = 0; i < 5; i++) await advance(5);
    expect((await pages(inc.id)).map((p) => p.stepKey)).toEqual([`${inc.id}:0:1`, `${inc.id}:1:1`, `${inc.id}:2:1`]);
    expect(await incident(inc.id)).toMatchObject({ status: 'triggered', next_escalation_at: null });
    expect((await timeline(inc.id)).at(-1)).toMatchObject({
      kind: 'escalation_exhausted',
      message: 'Escalation policy exhausted after 3 loops; nobody acknowledged',
    });
  });

  it('teams reach their members; a level that reaches nobody still advances and says so', async () => {
    const [alice, bob] = [await person(), await person()];
    const owner = await t.createUserWithToken('owner');
    const team = (await (
      await t.request('POST', '/api/v1/teams', { token: owner.token, body: { slug: `sre-${dedup}`, name: 'SRE' } })
    ).json()) as { id: string };
    for (const who of [alice, bob]) {
      expect(
        (await t.request('PUT', `/api/v1/teams/${team.id}/members/${who.id}`, { token: owner.token, body: {} })).status,
      ).toBe(200);
    }
    const empty = (await (
      await t.request('POST', '/api/v1/teams', { token: owner.token, body: { slug: `empty-${dedup}`, name: 'Empty' } })
    ).json()) as { id: string };
    const { keyId } = await serviceWith([
      {
        delayMinutes: 5,
        targets: [
          { type: 'team', id: empty.id },
          { type: 'schedule', id: '0190a0b0-0000-7000-8000-00000000abcd' },
        ],
      },
      {
        delayMinutes: 5,
        targets: [
          { type: 'team', id: team.id },
          { type: 'user', id: alice.id },
        ],
      },
    ]);
    const inc = await trigger(keyId);
    expect(await pages(inc.id)).toEqual([]);
    const first = (await timeline(inc.id)).find((e) => e.kind === 'escalated')!;
    expect(first.message).toBe(
      'Notified level 1: nobody was reachable (team Empty has no members; schedule 0190a0b0-0000-7000-8000-00000000abcd no longer exists)',
    );
    await advance(5);
    const [second] = await pages(inc.id);
    expect(second).toMatchObject({ level: 2 });
    expect([...second!.userIds].sort()).toEqual([alice.id, bob.id].sort());
  });

  it('a level skips a disabled or deleted person and says so, and pages the rest', async () => {
    const [alice, bob] = [await person(), await person()];
    await t.app.db.updateTable('users').set({ is_disabled: true }).where('id', '=', bob.id).execute();
    const gone = '0190a0b0-0000-7000-8000-00000000dead';
    const { keyId } = await serviceWith([level(10, alice.id, bob.id, gone)]);
    const inc = await trigger(keyId);
    expect((await pages(inc.id)).map((p) => p.userIds)).toEqual([[alice.id]]);
    const step = (await timeline(inc.id)).find((e) => e.kind === 'escalated')!;
    expect(step.message).toBe(
      `Notified level 1: ${alice.name} (${bob.name} is disabled; user ${gone} no longer exists)`,
    );
  });

  it('channel targets are handed to notify with the level, even when no person is on it', async () => {
    const admin = await person('admin');
    const created = await post(
      '/api/v1/channels',
      { type: 'webhook', name: 'ops-hook', target: 'https://hooks.example.com/ops' },
      admin.token,
    );
    expect(created.status).toBe(201);
    const channelId = ((await created.json()) as { id: string }).id;
    const { keyId } = await serviceWith([{ delayMinutes: 5, targets: [{ type: 'channel', id: channelId }] }]);
    const inc = await trigger(keyId);
    expect(await pages(inc.id)).toMatchObject([{ level: 1, userIds: [], channelIds: [channelId] }]);
    expect((await timeline(inc.id)).find((e) => e.kind === 'escalated')!.message).toMatch(
      /^Notified level 1: .*ops-hook/,
    );
  });

  it('a snoozed incident triggers again when the snooze ends and escalation starts over from level 1', async () => {
    const [alice, bob] = [await person(), await person()];
    const { keyId } = await serviceWith([level(10, alice.id), level(10, bob.id)]);
    const inc = await trigger(keyId);
    await advance(10); // level 2 notified
    const snoozed = await post(`/api/v1/incidents/${inc.id}/snooze`, { minutes: 30 });
    expect(snoozed.status).toBe(200);
    expect(await snoozed.json()).toMatchObject({
      status: 'acknowledged',
      snoozedUntil: new Date(t.clock.now().getTime() + 30 * 60_000).toISOString(),
    });
    await advance(29);
    expect(await pages(inc.id)).toHaveLength(2);
    await advance(1);
    expect((await incident(inc.id)).status).toBe('triggered');
    const all = await pages(inc.id);
    expect(all).toHaveLength(3);
    expect(all[2]).toMatchObject({ level: 1, loop: 1, userIds: [alice.id], stepKey: `${inc.id}:1:1` });
    expect((await timeline(inc.id)).map((e) => e.kind)).toContain('snooze_ended');
  });

  it('reassigning to people pages them now and keeps escalating', async () => {
    const [alice, bob, carol] = [await person(), await person(), await person()];
    const { keyId } = await serviceWith([level(10, alice.id), level(10, bob.id)]);
    const inc = await trigger(keyId);
    await post(`/api/v1/incidents/${inc.id}/acknowledge`);
    const response = await post(`/api/v1/incidents/${inc.id}/reassign`, { userIds: [carol.id] });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'triggered',
      assignees: [{ id: carol.id, name: carol.name }],
    });
    const reassigned = (await pages(inc.id))[1]!;
    expect(reassigned).toMatchObject({ userIds: [carol.id], urgency: 'high' });
    expect(reassigned.stepKey).toMatch(new RegExp(`^${inc.id}:reassign:`));
    expect((await timeline(inc.id)).map((e) => e.message)).toContain(
      `Reassigned to ${carol.name} by ${await nameOf(actor.id)}`,
    );
    await advance(10);
    expect((await pages(inc.id))[2]).toMatchObject({ level: 2, userIds: [bob.id] });
  });

  it('reassigning to a policy walks the new policy from its first level', async () => {
    const [alice, dave] = [await person(), await person()];
    const { keyId } = await serviceWith([level(10, alice.id)]);
    const other = await insertPolicy(t.app.db, t.clock, [level(10, dave.id)], { name: `Other ${dedup}` });
    const inc = await trigger(keyId);
    const response = await post(`/api/v1/incidents/${inc.id}/reassign`, { policyId: other });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ escalation: { policy: { id: other } } });
    await t.app.engine.runDue();
    expect((await pages(inc.id)).map((p) => p.userIds)).toEqual([[alice.id], [dave.id]]);
  });

  it('"escalate now" notifies the next level without waiting', async () => {
    const [alice, bob] = [await person(), await person()];
    const { keyId } = await serviceWith([level(30, alice.id), level(30, bob.id)]);
    const inc = await trigger(keyId);
    expect((await post(`/api/v1/incidents/${inc.id}/escalate`)).status).toBe(200);
    await t.app.engine.runDue();
    expect((await pages(inc.id)).map((p) => [p.level, p.userIds])).toEqual([
      [1, [alice.id]],
      [2, [bob.id]],
    ]);
  });

  it('a person declares an incident on a service by slug; it pages like any other', async () => {
    const alice = await person();
    const { serviceId } = await serviceWith([level(10, alice.id)]);
    const slug = (
      await t.app.db.selectFrom('services').select('slug').where('id', '=', serviceId).executeTakeFirstOrThrow()
    ).slug;
    const response = await post('/api/v1/incidents', {
      serviceId: slug,
      title: 'Checkout is slow',
      priority: 'P2',
      details: 'Seen by support',
    });
    expect(response.status).toBe(201);
    const declared = (await response.json()) as {
      id: string;
      number: number;
      status: string;
      urgency: string;
      priority: string;
    };
    expect(declared).toMatchObject({
      status: 'triggered',
      urgency: 'high',
      priority: 'P2',
      service: { id: serviceId, slug },
    });
    await t.app.engine.runDue();
    expect((await pages(declared.id)).map((p) => p.userIds)).toEqual([[alice.id]]);
    const audit = await t.app.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', declared.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['incident.declared']);
  });

  it('resolving stops everything; a resolved incident cannot be acknowledged (409)', async () => {
    const [alice, bob] = [await person(), await person()];
    const { keyId } = await serviceWith([level(10, alice.id), level(10, bob.id)]);
    const inc = await trigger(keyId);
    const resolved = await post(`/api/v1/incidents/${inc.id}/resolve`);
    expect(await resolved.json()).toMatchObject({
      status: 'resolved',
      resolvedBy: { id: actor.id },
      escalation: { nextEscalationAt: null },
    });
    await advance(30);
    expect(await pages(inc.id)).toHaveLength(1);
    const ack = await post(`/api/v1/incidents/${inc.id}/acknowledge`);
    expect(ack.status).toBe(409);
    expect(((await ack.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('is resolved'),
    });
  });
});

async function nameOf(userId: string): Promise<string> {
  return (await t.app.db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirstOrThrow()).name;
}

describe('many incidents at once', () => {
  it('steps each incident exactly once with the engine running four workers', async () => {
    const alice = await person();
    const { keyId } = await serviceWith([level(1, alice.id), level(1, alice.id)]);
    const dedupKeys = Array.from({ length: 20 }, (_, i) => `burst-${i}`);
    await acceptEvents(
      t.app.db,
      t.clock,
      keyId,
      dedupKeys.map((dedupKey) => ({
        action: 'trigger' as const,
        dedupKey,
        alert: { summary: dedupKey, source: 'x', severity: 'critical' as const, links: [], images: [] },
        raw: {},
      })),
    );
    await Promise.all([t.app.engine.runDue(), t.app.engine.runDue()]);
    await advance(1);
    const alerts = await t.app.db
      .selectFrom('alerts')
      .select('incident_id')
      .where('integration_key_id', '=', keyId)
      .execute();
    expect(alerts).toHaveLength(20);
    for (const { incident_id } of alerts) {
      const steps = (await timeline(incident_id!)).filter((e) => e.kind === 'escalated');
      expect(steps.map((s) => s.message)).toEqual([
        expect.stringMatching(/^Notified level 1/),
        expect.stringMatching(/^Escalated to level 2/),
      ]);
    }
  });
});

describe('steps the escalation reconciler takes', () => {
  async function declare(levels: EscalationLevel[]) {
    const { serviceId } = await serviceWith(levels);
    const response = await post('/api/v1/incidents', { serviceId, title: 'Plug-in' });
    return ((await response.json()) as { id: string }).id;
  }

  it('a resolver passed to the reconciler decides who a later level reaches', async () => {
    const [alice, bob] = [await person(), await person()];
    const scheduleId = '0190a0b0-0000-7000-8000-00000000cafe';
    const id = await declare([
      level(5, alice.id),
      { delayMinutes: 5, targets: [{ type: 'schedule', id: scheduleId }] },
    ]);
    const reconciler = createEscalationReconciler({
      db: t.app.db,
      clock: t.clock,
      logger: t.app.logger,
      resolveTargets: async (_db, targets) => ({
        users: targets.some((target) => target.type === 'schedule' && target.id === scheduleId)
          ? [{ id: bob.id, name: bob.name }]
          : [],
        channelIds: [],
        notes: [],
      }),
    });
    t.clock.advanceMinutes(5);
    while (await reconciler.runOnce(t.clock.now()));
    expect((await pages(id)).map((p) => p.userIds)).toEqual([[alice.id], [bob.id]]);
  });

  it('a step that fails is retried a minute later and said on the timeline; other incidents go on', async () => {
    const [alice, bob] = [await person(), await person()];
    const broken = await declare([level(5, alice.id), level(5, bob.id)]);
    const reconciler = createEscalationReconciler({
      db: t.app.db,
      clock: t.clock,
      logger: t.app.logger,
      resolveTargets: async () => {
        throw new Error('directory unavailable');
      },
    });
    t.clock.advanceMinutes(5);
    let runs = 0;
    while (await reconciler.runOnce(t.clock.now())) runs++; // earlier tests' incidents may be due as well
    expect(runs).toBeGreaterThan(0);
    const row = await incident(broken);
    expect(row.next_escalation_at!.getTime()).toBe(t.clock.now().getTime() + 60_000);
    expect((await timeline(broken)).at(-1)).toMatchObject({
      kind: 'escalation_failed',
      message: expect.stringContaining('directory unavailable'),
    });
    await advance(1); // the app's own reconciler, with the default resolver
    expect((await pages(broken)).map((p) => p.userIds)).toEqual([[alice.id], [bob.id]]);
  });

  it('a first step that fails at trigger time does not lose the alert: the incident opens and the reconciler retries the step', async () => {
    // A target the database cannot even look up (written around the API's validation).
    const { keyId } = await serviceWith([{ delayMinutes: 5, targets: [{ type: 'schedule', id: 'not-a-uuid' }] }]);
    const inc = await trigger(keyId);
    expect(inc.status).toBe('triggered');
    const kinds = (await timeline(inc.id)).map((e) => e.kind);
    expect(kinds[0]).toBe('triggered');
    expect(kinds).toContain('escalation_failed');
    expect(kinds).not.toContain('escalated');
    expect((await incident(inc.id)).next_escalation_at!.getTime()).toBe(t.clock.now().getTime() + 60_000);
  });
});

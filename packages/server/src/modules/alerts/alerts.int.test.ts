/**
 * Processing stored events into alerts and incidents through the whole
 * server with a fake clock: PagerDuty's dedup rules, grouping by window,
 * maintenance windows, and incidents following their alerts.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Grouping } from '../services/index.js';
import { startTestApp, type TestApp } from '../../test-support/app.js';
import { spyOnStatements } from '../../test-support/statements.js';
import { recordedEvents, wiringsRecording } from '../../test-support/event-recorder.js';
import {
  insertIntegrationKey,
  insertMaintenance,
  insertPolicy,
  insertService,
} from '../../test-support/paging-fixtures.js';
import {
  acceptEvents,
  createAlertsReconciler,
  QUIET_LINGER_MS,
  STREAM_LINGER_MS,
  type InboundAction,
  type NormalizedAlert,
} from './index.js';
import { claimEvents, CLAIM_WINDOW } from './alerts.repo.js';

let t: TestApp;
let token: string;
let userId: string;

beforeAll(async () => {
  t = await startTestApp({ tocsin: { wirings: wiringsRecording('IncidentEscalated') } });
  ({ id: userId, token } = await t.createUserWithToken('responder'));
});
afterAll(async () => t?.close());

async function service(options: { grouping?: Grouping } = {}) {
  const policyId = await insertPolicy(t.app.db, t.clock, [
    { delayMinutes: 10, targets: [{ type: 'user', id: userId }] },
  ]);
  const serviceId = await insertService(t.app.db, t.clock, { policyId, ...options });
  const key = await insertIntegrationKey(t.app.db, t.clock, serviceId);
  return { serviceId, keyId: key.id };
}

type Send = [InboundAction, string, Partial<NormalizedAlert>?];
/** Stores events like the ingest edge, in one batch, and lets the engine process them. */
async function send(keyId: string, ...events: Send[]) {
  await acceptEvents(
    t.app.db,
    t.clock,
    keyId,
    events.map(([action, dedupKey, alert]) => ({
      action,
      dedupKey,
      alert: {
        summary: `${dedupKey} ${action}`,
        source: 'db-1',
        severity: 'critical',
        links: [],
        images: [],
        ...alert,
      },
      raw: { event_action: action, dedup_key: dedupKey, payload: { summary: alert?.summary ?? dedupKey } },
    })),
  );
  await t.app.engine.runDue();
}

/** Resolved ones first (at most one is open per dedup key), then by creation. */
const alertsOf = (keyId: string) =>
  t.app.db
    .selectFrom('alerts')
    .selectAll()
    .where('integration_key_id', '=', keyId)
    .orderBy(sql`status = 'resolved'`, 'desc')
    .orderBy('created_at')
    .execute();
const incidentsOf = (serviceId: string) =>
  t.app.db
    .selectFrom('incidents as i')
    .leftJoin('incident_escalations as e', 'e.incident_id', 'i.id')
    .selectAll('i')
    .select(['e.escalation_level', 'e.escalation_loop', 'e.next_escalation_at', 'e.assignee_ids', 'e.snoozed_until'])
    .where('i.service_id', '=', serviceId)
    .orderBy('i.number')
    .execute();
/** A key's stored events, oldest first. */
const inboundOf = (keyId: string) =>
  t.app.db
    .selectFrom('inbound_events')
    .select(['id', 'result'])
    .where('integration_key_id', '=', keyId)
    .orderBy('id')
    .execute();
const results = async (keyId: string) => (await inboundOf(keyId)).map((r) => r.result);
async function pageCount(incidentId: string): Promise<number> {
  return (await recordedEvents<{ incidentId: string }>(t.app.db, 'IncidentEscalated')).filter(
    (e) => e.incidentId === incidentId,
  ).length;
}

describe('dedup', () => {
  it('a trigger on an open alert adds to it: one alert, trigger count 2, one incident, paged once', async () => {
    const { keyId, serviceId } = await service();
    await send(keyId, ['trigger', 'disk', { summary: 'Disk 91% full' }]);
    t.clock.advanceMinutes(2);
    await send(keyId, ['trigger', 'disk', { summary: 'Disk 97% full', customDetails: { used: 97 } }]);
    const [alert, ...others] = await alertsOf(keyId);
    expect(others).toEqual([]);
    expect(alert).toMatchObject({
      status: 'triggered',
      trigger_count: 2,
      summary: 'Disk 97% full',
      custom_details: { used: 97 },
    });
    expect(alert!.last_triggered_at.getTime() - alert!.first_triggered_at.getTime()).toBe(2 * 60_000);
    const incidents = await incidentsOf(serviceId);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ title: 'Disk 91% full', alert_count: 1 });
    expect(await pageCount(incidents[0]!.id)).toBe(1);
    expect((await results(keyId))[1]).toBe(`added to open alert ${alert!.id} (trigger 2); nobody paged again`);
  });

  it('after resolve, a trigger opens a new alert and a new incident', async () => {
    const { keyId, serviceId } = await service();
    await send(keyId, ['trigger', 'api'], ['resolve', 'api']);
    await send(keyId, ['trigger', 'api']);
    const alerts = await alertsOf(keyId);
    expect(alerts.map((a) => a.status)).toEqual(['resolved', 'triggered']);
    const incidents = await incidentsOf(serviceId);
    expect(incidents.map((i) => i.status)).toEqual(['resolved', 'triggered']);
    expect(alerts[1]!.incident_id).toBe(incidents[1]!.id);
    expect(await pageCount(incidents[1]!.id)).toBe(1);
  });

  it('a late acknowledge or resolve for a resolved or unknown dedup key is dropped', async () => {
    const { keyId, serviceId } = await service();
    await send(keyId, ['trigger', 'cpu'], ['resolve', 'cpu']);
    await send(keyId, ['acknowledge', 'cpu'], ['resolve', 'cpu'], ['resolve', 'never-seen']);
    const dropped = 'dropped: no open alert has this dedup key (never triggered, or already resolved)';
    expect((await results(keyId)).slice(2)).toEqual([dropped, dropped, dropped]);
    const [incident] = await incidentsOf(serviceId);
    expect(incident).toMatchObject({ status: 'resolved', acknowledged_at: null });
    expect(await alertsOf(keyId)).toHaveLength(1);
  });

  it('is scoped to the integration key: the same dedup key on two keys is two alerts', async () => {
    const { keyId, serviceId } = await service();
    const other = await insertIntegrationKey(t.app.db, t.clock, serviceId);
    await send(keyId, ['trigger', 'shared']);
    await send(other.id, ['trigger', 'shared']);
    expect(await incidentsOf(serviceId)).toHaveLength(2);
  });

  it('processes the events of one dedup key in the order they arrived', async () => {
    const { keyId } = await service();
    await send(keyId, ['trigger', 'flap'], ['resolve', 'flap'], ['trigger', 'flap'], ['trigger', 'flap']);
    expect((await alertsOf(keyId)).map((a) => [a.status, a.trigger_count])).toEqual([
      ['resolved', 1],
      ['triggered', 2],
    ]);
  });
});

describe('acknowledge and resolve events', () => {
  it('an acknowledge event acknowledges the alert and its incident, as the integration', async () => {
    const { keyId, serviceId } = await service();
    await send(keyId, ['trigger', 'mem'], ['acknowledge', 'mem']);
    const [alert] = await alertsOf(keyId);
    const [incident] = await incidentsOf(serviceId);
    expect(alert!.status).toBe('acknowledged');
    expect(incident).toMatchObject({ status: 'acknowledged', acknowledged_by: null, next_escalation_at: null });
    const entry = await t.app.db
      .selectFrom('incident_timeline')
      .selectAll()
      .where('incident_id', '=', incident!.id)
      .where('kind', '=', 'acknowledged')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_type: 'system', actor_label: expect.stringMatching(/^Integration /) });
  });

  it('resolving a user-resolved incident resolves its open alerts; the next trigger pages again', async () => {
    const { keyId, serviceId } = await service();
    await send(keyId, ['trigger', 'queue']);
    const [incident] = await incidentsOf(serviceId);
    expect((await t.request('POST', `/api/v1/incidents/${incident!.id}/resolve`, { token })).status).toBe(200);
    await t.app.engine.runDue(); // delivers IncidentResolved
    expect((await alertsOf(keyId)).map((a) => a.status)).toEqual(['resolved']);
    await send(keyId, ['trigger', 'queue']);
    expect((await incidentsOf(serviceId)).map((i) => i.status)).toEqual(['resolved', 'triggered']);
  });

  it('a trigger processed before IncidentResolved is delivered still opens a new alert and incident', async () => {
    const { keyId, serviceId } = await service();
    await send(keyId, ['trigger', 'race']);
    const [incident] = await incidentsOf(serviceId);
    expect((await t.request('POST', `/api/v1/incidents/${incident!.id}/resolve`, { token })).status).toBe(200);
    await acceptEvents(t.app.db, t.clock, keyId, [
      {
        action: 'trigger',
        dedupKey: 'race',
        alert: { summary: 'again', source: 's', severity: 'critical', links: [], images: [] },
        raw: {},
      },
    ]);
    // Only the alerts reconciler runs, as if IncidentResolved had not reached the alerts yet (its subscriber failed and was queued).
    expect(
      await createAlertsReconciler({ db: t.app.db, clock: t.clock, logger: t.app.logger }).runOnce(t.clock.now()),
    ).toBe(true);
    expect((await alertsOf(keyId)).map((a) => a.status)).toEqual(['resolved', 'triggered']);
    expect((await incidentsOf(serviceId)).map((i) => i.status)).toEqual(['resolved', 'triggered']);
    await t.app.engine.runDue();
    expect((await alertsOf(keyId)).map((a) => a.status)).toEqual(['resolved', 'triggered']);
  });
});

describe('timing', () => {
  it('an event processed late keeps the time it arrived, for the alert and its incident (MTTA counts from there)', async () => {
    const { keyId, serviceId } = await service();
    const arrived = t.clock.now();
    await acceptEvents(t.app.db, t.clock, keyId, [
      {
        action: 'trigger',
        dedupKey: 'late',
        alert: { summary: 'late', source: 's', severity: 'critical', links: [], images: [] },
        raw: {},
      },
    ]);
    t.clock.advanceMinutes(2); // a backlog: processed two minutes after it arrived
    await t.app.engine.runDue();
    const [alert] = await alertsOf(keyId);
    const [incident] = await incidentsOf(serviceId);
    expect(alert!.first_triggered_at).toEqual(arrived);
    expect(incident!.triggered_at).toEqual(arrived);
    expect(alert!.created_at).toEqual(t.clock.now());
  });
});

/** Stores `count` triggers with new dedup keys `${prefix}-i`, as the ingest edge does; the engine has not run. */
const storeTriggers = (keyId: string, prefix: string, count: number) =>
  acceptEvents(
    t.app.db,
    t.clock,
    keyId,
    Array.from({ length: count }, (_, i) => ({
      action: 'trigger' as const,
      dedupKey: `${prefix}-${i}`,
      alert: { summary: `${prefix} ${i}`, source: 's', severity: 'critical' as const, links: [], images: [] },
      raw: {},
    })),
  );

/** An alerts reconciler whose lingers are noted, not waited; its clock stands still, so whether a claim waits does not depend on the machine's speed. */
function lingerWatched() {
  const waits: number[] = [];
  const reconciler = createAlertsReconciler({
    db: t.app.db,
    clock: t.clock,
    logger: t.app.logger,
    wait: async (ms) => void waits.push(ms),
    nowMs: () => 0,
  });
  return { reconciler, waits };
}

describe('a backlog', () => {
  it('claims grow while they come back full and shrink again; a batch reads its page rules and writes its new alerts once; each incident opened in a batch keeps its snapshot with the people its first step paged', async () => {
    await t.app.engine.runDue();
    const { keyId } = await service();
    const store = (prefix: string, count: number) => storeTriggers(keyId, prefix, count);
    const processed = async () =>
      Number(
        (
          await t.app.db
            .selectFrom('inbound_events')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('integration_key_id', '=', keyId)
            .where('processed_at', 'is not', null)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const { reconciler, waits } = lingerWatched();
    const claims: number[] = [];
    const backlogged: boolean[] = [];
    const claim = async () => {
      const before = await processed();
      await reconciler.runOnce(t.clock.now());
      claims.push((await processed()) - before);
      backlogged.push(reconciler.backlogged());
    };
    // Every statement reading page rules, while the batches run.
    let rulesReads = 0;
    let alertInserts = 0;
    let incidentInserts = 0;
    let writtenTogether = 0;
    let numbersRead = 0;
    let usersReads = 0;
    let logWithResults = 0;
    let resultsApart = 0;
    const stopSpying = spyOnStatements((_client, text, result) => {
      if (/update inbound_events/i.test(text)) {
        if (/insert into alert_events/i.test(text)) logWithResults++;
        else resultsApart++;
      }
      if (text.includes('"notification_rules"')) rulesReads++;
      const alerts = /insert into "alerts"/i.test(text);
      const incidents = /insert into "incidents"/i.test(text);
      if (alerts) alertInserts++;
      if (incidents) incidentInserts++;
      if (alerts && incidents && /insert into "incident_timeline"/i.test(text)) writtenTogether++;
      if (/select "id", "number" from "incidents"/i.test(text)) numbersRead++;
      if (/^select "id", "name"(, "is_disabled")? from "users"/i.test(text.trim())) usersReads++;
      return result;
    });
    try {
      await store('storm', 40);
      for (let i = 0; i < 4; i++) await claim();
      await store('after', 20);
      await claim();
    } finally {
      stopSpying();
    }
    // The page rules of a batch's people are read once per batch at most, not once per incident (ADR 34),
    // and not at all when this node remembers them (ADR 38: the test below).
    expect(rulesReads).toBeLessThanOrEqual(4);
    // So are its people's names: for the policies' labels and the first steps together (users' userNamesOnce).
    expect(usersReads).toBeLessThanOrEqual(4);
    // A batch's new alerts are written together, in one INSERT (ADR 35), and so are its new incidents; both with
    // the batch's other writes at its commit, in one statement (ADR 36).
    expect(alertInserts).toBe(4);
    expect(incidentInserts).toBe(4);
    expect(writtenTogether).toBe(4);
    // Each batch's alert log and its events' results: one statement (ADR 38).
    expect(logWithResults).toBe(4);
    expect(resultsApart).toBe(0);
    // The numbers the results name come back from that statement: none read apart.
    expect(numbersRead).toBe(0);
    // 8, then doubled while full (16, 16 = the rest), nothing left, then back to 8.
    expect(claims).toEqual([8, 16, 16, 0, 8]);
    // Other workers are let in while claims come back full (the engine asks; ADR 34).
    expect(backlogged).toEqual([true, true, false, false, true]); // the third asked for 32
    // Only the claim after one that found events but was not full waited for more to arrive: the fourth.
    expect(waits).toEqual([STREAM_LINGER_MS]);
    await t.app.engine.runDue();
    const snapshots = await t.app.db
      .selectFrom('incident_sla as s')
      .innerJoin('alerts as a', 'a.incident_id', 's.incident_id')
      .select(['s.paged_user_ids', 's.escalation_count'])
      .where('a.integration_key_id', '=', keyId)
      .execute();
    expect(snapshots).toHaveLength(60);
    for (const snapshot of snapshots) expect(snapshot).toEqual({ paged_user_ids: [userId], escalation_count: 0 });
    // Numbered when written, 60 in a row, each event's result naming its own incident's number.
    const opened = await t.app.db
      .selectFrom('inbound_events as e')
      .innerJoin('alert_events as ae', 'ae.inbound_event_id', 'e.id')
      .innerJoin('alerts as a', 'a.id', 'ae.alert_id')
      .innerJoin('incidents as i', 'i.id', 'a.incident_id')
      .select(['e.result', 'i.number'])
      .where('e.integration_key_id', '=', keyId)
      .orderBy('i.number')
      .execute();
    expect(opened).toHaveLength(60);
    const numbers = opened.map((row) => Number(row.number));
    expect(numbers).toEqual(numbers.map((_, i) => numbers[0]! + i));
    for (const row of opened) expect(row.result).toMatch(new RegExp(`triggered incident #${row.number} \\(`));
  });

  it('a quiet stream lingers longer after a batch of one or two events, so the next batch takes more; a busier one keeps the short linger', async () => {
    await t.app.engine.runDue();
    const { keyId } = await service();
    const store = (prefix: string, count: number) => storeTriggers(keyId, prefix, count);
    const { reconciler, waits } = lingerWatched();
    await store('one', 1);
    expect(await reconciler.runOnce(t.clock.now())).toBe(true); // a first claim after a rest: no wait
    await store('two', 2);
    expect(await reconciler.runOnce(t.clock.now())).toBe(true); // after a batch of one
    await store('five', 5);
    expect(await reconciler.runOnce(t.clock.now())).toBe(true); // after a batch of two
    expect(await reconciler.runOnce(t.clock.now())).toBe(false); // after a batch of five
    expect(waits).toEqual([QUIET_LINGER_MS, QUIET_LINGER_MS, STREAM_LINGER_MS]);
  });
});

describe('claiming', () => {
  const trigger = (dedupKey: string) => ({
    action: 'trigger' as const,
    dedupKey,
    alert: { summary: dedupKey, source: 's', severity: 'critical' as const, links: [], images: [] },
    raw: {},
  });
  const claim = () => t.app.db.transaction().execute((tx) => claimEvents(tx, 8));

  it('skips events another node holds, and keeps a later event of the same dedup key back until the earlier one is processed', async () => {
    await t.app.engine.runDue();
    const { keyId } = await service();
    await acceptEvents(t.app.db, t.clock, keyId, [trigger('a'), trigger('b'), trigger('a'), trigger('c')]);
    const ids = (await inboundOf(keyId)).map((r) => r.id);
    // Another node holds the first event of "a" (its transaction is open).
    await t.app.db.transaction().execute(async (other) => {
      await sql`SELECT id FROM inbound_events WHERE id = ${ids[0]} FOR UPDATE`.execute(other);
      expect((await claim()).map((e) => e.id)).toEqual([ids[1], ids[3]]);
    });
    // Released but still unprocessed: the first "a" is claimed, never the second before it.
    expect((await claim()).map((e) => e.id)).toEqual([ids[0], ids[1], ids[3]]);
    await t.app.engine.runDue();
    expect(await results(keyId)).toEqual([
      expect.stringMatching(/triggered incident/),
      expect.stringMatching(/triggered incident/),
      expect.stringMatching(/^added to open alert .* \(trigger 2\)/),
      expect.stringMatching(/triggered incident/),
    ]);
  });

  it(`looks at the oldest ${CLAIM_WINDOW} waiting events: a claim while more wait than that still takes the oldest first`, async () => {
    await t.app.engine.runDue();
    const { keyId } = await service();
    await acceptEvents(
      t.app.db,
      t.clock,
      keyId,
      Array.from({ length: CLAIM_WINDOW + 200 }, (_, i) => trigger(`k${i % 600}`)),
    );
    const claimed = await claim();
    const oldest = (await inboundOf(keyId)).slice(0, 8);
    expect(claimed.map((e) => e.id)).toEqual(oldest.map((r) => r.id));
    await t.app.engine.runDue();
    const waiting = await t.app.db
      .selectFrom('inbound_events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('processed_at', 'is', null)
      .executeTakeFirstOrThrow();
    expect(Number(waiting.n)).toBe(0);
    const alerts = await alertsOf(keyId);
    expect(alerts).toHaveLength(600);
    expect(alerts.filter((a) => a.trigger_count === 3)).toHaveLength(CLAIM_WINDOW + 200 - 2 * 600);
  });
});

describe('a broken event', () => {
  it('fails alone: the events around it in the same batch are processed, and it keeps why it failed', async () => {
    const { keyId, serviceId } = await service();
    // A service whose urgency rules are not a list (written around the API's validation).
    const policyId = await insertPolicy(t.app.db, t.clock, [
      { delayMinutes: 10, targets: [{ type: 'user', id: userId }] },
    ]);
    const brokenService = await insertService(t.app.db, t.clock, { policyId, urgencyRules: 'oops' as unknown as [] });
    const brokenKeyId = (await insertIntegrationKey(t.app.db, t.clock, brokenService)).id;
    const alert = (summary: string) => ({ summary, source: 's', severity: 'critical' as const, links: [], images: [] });
    await acceptEvents(t.app.db, t.clock, keyId, [
      { action: 'trigger', dedupKey: 'before', alert: alert('before'), raw: {} },
    ]);
    await acceptEvents(t.app.db, t.clock, brokenKeyId, [
      { action: 'trigger', dedupKey: 'broken', alert: alert('broken'), raw: {} },
    ]);
    await acceptEvents(t.app.db, t.clock, keyId, [
      { action: 'trigger', dedupKey: 'after', alert: alert('after'), raw: {} },
    ]);
    expect(
      await createAlertsReconciler({ db: t.app.db, clock: t.clock, logger: t.app.logger }).runOnce(t.clock.now()),
    ).toBe(true);
    expect(await results(keyId)).toEqual([
      expect.stringMatching(/triggered incident/),
      expect.stringMatching(/triggered incident/),
    ]);
    expect(await results(brokenKeyId)).toEqual([expect.stringMatching(/^failed: /)]);
    expect((await incidentsOf(serviceId)).map((i) => i.title)).toEqual(['before', 'after']);
  });

  it('a first page that fails in a batch redoes the batch with care: every event keeps its incident, the others are paged, its step stays due for the escalation reconciler', async () => {
    const { keyId, serviceId } = await service();
    // A target the database cannot even look up (written around the API's validation): the first step throws.
    const policyId = await insertPolicy(t.app.db, t.clock, [
      { delayMinutes: 10, targets: [{ type: 'schedule', id: 'not-a-uuid' }] },
    ]);
    const unpageable = await insertService(t.app.db, t.clock, { policyId });
    const unpageableKeyId = (await insertIntegrationKey(t.app.db, t.clock, unpageable)).id;
    const alert = (summary: string) => ({ summary, source: 's', severity: 'critical' as const, links: [], images: [] });
    await acceptEvents(t.app.db, t.clock, keyId, [
      { action: 'trigger', dedupKey: 'first', alert: alert('first'), raw: {} },
    ]);
    await acceptEvents(t.app.db, t.clock, unpageableKeyId, [
      { action: 'trigger', dedupKey: 'unpageable', alert: alert('unpageable'), raw: {} },
    ]);
    await acceptEvents(t.app.db, t.clock, keyId, [
      { action: 'trigger', dedupKey: 'last', alert: alert('last'), raw: {} },
    ]);
    expect(
      await createAlertsReconciler({ db: t.app.db, clock: t.clock, logger: t.app.logger }).runOnce(t.clock.now()),
    ).toBe(true);
    expect(await results(keyId)).toEqual([
      expect.stringMatching(/triggered incident/),
      expect.stringMatching(/triggered incident/),
    ]);
    expect(await results(unpageableKeyId)).toEqual([expect.stringMatching(/triggered incident/)]);
    const paged = await incidentsOf(serviceId);
    expect(paged.map((i) => i.title)).toEqual(['first', 'last']);
    for (const incident of paged) expect(await pageCount(incident.id)).toBe(1);
    const [stuck] = await incidentsOf(unpageable);
    const kinds = (
      await t.app.db
        .selectFrom('incident_timeline')
        .select('kind')
        .where('incident_id', '=', stuck!.id)
        .orderBy('id')
        .execute()
    ).map((e) => e.kind);
    expect(kinds).toEqual(['triggered']);
    expect(stuck!.next_escalation_at!.getTime()).toBeLessThanOrEqual(t.clock.now().getTime());
  });
});

describe('grouping by window', () => {
  const grouping: Grouping = { mode: 'window', windowMinutes: 10, field: 'group' };

  it('alerts sharing the field join the open incident within the window; the incident resolves when all of them do', async () => {
    const { keyId, serviceId } = await service({ grouping });
    await send(keyId, ['trigger', 'db-1-disk', { group: 'database' }]);
    t.clock.advanceMinutes(5);
    await send(keyId, ['trigger', 'db-2-disk', { group: 'database' }], ['trigger', 'web-1', { group: 'web' }]);
    const incidents = await incidentsOf(serviceId);
    expect(incidents.map((i) => [i.group_key, i.alert_count])).toEqual([
      ['group:database', 2],
      ['group:web', 1],
    ]);
    expect(await pageCount(incidents[0]!.id)).toBe(1);
    const timeline = await t.app.db
      .selectFrom('incident_timeline')
      .select('kind')
      .where('incident_id', '=', incidents[0]!.id)
      .execute();
    expect(timeline.map((e) => e.kind)).toContain('alert_added');

    await send(keyId, ['resolve', 'db-1-disk']);
    expect((await incidentsOf(serviceId))[0]!.status).toBe('triggered');
    await send(keyId, ['resolve', 'db-2-disk']);
    expect((await incidentsOf(serviceId))[0]!.status).toBe('resolved');
  });

  it('in one batch: alerts sharing the field open one incident; after a resolve in the batch, a trigger opens a new one', async () => {
    const { keyId, serviceId } = await service({ grouping });
    await send(
      keyId,
      ['trigger', 'q-1', { group: 'queue' }],
      ['trigger', 'q-2', { group: 'queue' }],
      ['trigger', 'q-3', { group: 'queue' }],
    );
    const [first] = await incidentsOf(serviceId);
    expect((await incidentsOf(serviceId)).map((i) => [i.group_key, i.alert_count])).toEqual([['group:queue', 3]]);
    expect(await pageCount(first!.id)).toBe(1);

    await send(
      keyId,
      ['resolve', 'q-1'],
      ['resolve', 'q-2'],
      ['resolve', 'q-3'],
      ['trigger', 'q-4', { group: 'queue' }],
    );
    const incidents = await incidentsOf(serviceId);
    expect(incidents.map((i) => [i.status, i.alert_count])).toEqual([
      ['resolved', 3],
      ['triggered', 1],
    ]);
    expect(await pageCount(incidents[1]!.id)).toBe(1);
  });

  it('after the window, an alert with the same field opens a new incident', async () => {
    const { keyId, serviceId } = await service({ grouping });
    await send(keyId, ['trigger', 'a', { group: 'cache' }]);
    t.clock.advanceMinutes(11);
    await send(keyId, ['trigger', 'b', { group: 'cache' }]);
    const incidents = await incidentsOf(serviceId);
    expect(incidents.map((i) => [i.alert_count, i.group_key])).toEqual([
      [1, null],
      [1, 'group:cache'],
    ]);
  });
});

describe('maintenance', () => {
  it('pages by what this node remembers of services, policies, people and rules, and reads them again once one changes (ADR 38)', async () => {
    const { keyId, serviceId } = await service();
    const reads: string[] = [];
    // The four reads a batch pages by (the services with their maintenance windows, the policies, the
    // people's names, their page rules), not other reads of those tables (a delivery's, say).
    const shapes = {
      services: /^select \*, \(select coalesce\(json_agg/,
      escalation_policies: /^select \* from "escalation_policies" where "id" in/,
      users: /^select "id", "name", "is_disabled" from "users"/,
      notification_rules: /^select "r"\.\* from "notification_rules"/,
    };
    const stopSpying = spyOnStatements((_client, text, result) => {
      for (const [table, shape] of Object.entries(shapes)) if (shape.test(text.trim())) reads.push(table);
      return result;
    });
    let n = 0;
    const trigger = async () => {
      reads.length = 0;
      await send(keyId, ['trigger', `remembered-${n++}`]);
      return [...reads].sort();
    };
    try {
      // The first batch reads them (unless an earlier test's did); once this node's listener is
      // confirmed, later batches page by memory: none of the four read, yet everyone paged.
      await vi.waitFor(async () => expect(await trigger()).toEqual([]), { timeout: 10_000 });
      // Each trigger opened its incident and paged its policy's person all the same.
      const opened = await incidentsOf(serviceId);
      expect(opened).toHaveLength(n);
      const snapshots = await t.app.db
        .selectFrom('incident_sla')
        .select('paged_user_ids')
        .where(
          'incident_id',
          'in',
          opened.map((i) => i.id),
        )
        .execute();
      expect(snapshots.map((s) => s.paged_user_ids)).toEqual(opened.map(() => [userId]));
      // A maintenance window written on this node (as the API writes it): the very next batch knows.
      const now = t.clock.now();
      await insertMaintenance(t.app.db, t.clock, serviceId, now, new Date(now.getTime() + 30 * 60_000));
      expect(await trigger()).toContain('services');
      expect((await results(keyId)).at(-1)).toMatch(/is in maintenance; nobody paged$/);
      // Changed by hand on another connection: heard through the trigger's NOTIFY, then read again.
      await sql`DELETE FROM maintenance_windows WHERE service_id = ${serviceId}`.execute(t.app.db);
      await vi.waitFor(
        async () => {
          await trigger();
          expect((await results(keyId)).at(-1)).not.toMatch(/maintenance/);
        },
        { timeout: 10_000 },
      );
    } finally {
      stopSpying();
    }
  });

  it('suppresses: the alert is stored as suppressed, no incident, nobody paged; after it a trigger pages', async () => {
    const { keyId, serviceId } = await service();
    const now = t.clock.now();
    await insertMaintenance(t.app.db, t.clock, serviceId, now, new Date(now.getTime() + 30 * 60_000));
    await send(keyId, ['trigger', 'deploy-noise'], ['trigger', 'deploy-noise']);
    expect(await alertsOf(keyId)).toMatchObject([{ status: 'suppressed', incident_id: null, trigger_count: 2 }]);
    expect(await incidentsOf(serviceId)).toEqual([]);
    expect((await results(keyId))[0]).toMatch(
      /^suppressed new alert .*: service service-\d+ is in maintenance; nobody paged$/,
    );

    t.clock.advanceMinutes(31);
    await send(keyId, ['trigger', 'deploy-noise']);
    const [incident] = await incidentsOf(serviceId);
    expect(incident).toMatchObject({ status: 'triggered' });
    expect(await alertsOf(keyId)).toMatchObject([{ status: 'triggered', incident_id: incident!.id, trigger_count: 3 }]);
    expect(await pageCount(incident!.id)).toBe(1);
  });
});

describe('reading', () => {
  it('an incident keeps links back to the source; an alert shows the raw payload', async () => {
    const { keyId, serviceId } = await service();
    const links = [{ href: 'https://grafana.example.com/d/abc', text: 'View in Grafana' }];
    await send(keyId, ['trigger', 'latency', { links, summary: 'p99 latency high' }]);
    const [incident] = await incidentsOf(serviceId);
    const detail = await (await t.request('GET', `/api/v1/incidents/${incident!.number}`, { token })).json();
    expect(detail).toMatchObject({ alertCount: 1, alerts: [{ summary: 'p99 latency high', links, triggerCount: 1 }] });
    const alertId = (detail as { alerts: Array<{ id: string }> }).alerts[0]!.id;
    const alert = await (await t.request('GET', `/api/v1/alerts/${alertId}`, { token })).json();
    expect(alert).toMatchObject({ id: alertId, raw: { event_action: 'trigger', dedup_key: 'latency' } });
    const list = await (await t.request('GET', `/api/v1/incidents/${incident!.id}/alerts`, { token })).json();
    expect(list).toMatchObject({ items: [{ id: alertId }] });
    expect((await t.request('GET', '/api/v1/alerts/not-a-uuid', { token })).status).toBe(400);
    expect((await t.request('GET', '/api/v1/alerts/0190a0b0-0000-7000-8000-00000000beef', { token })).status).toBe(404);
  });

  it('a later trigger updates the alert without losing what it leaves out: links accumulate, fields it lacks keep their value', async () => {
    const { keyId } = await service();
    const grafana = { href: 'https://grafana.example.com/d/abc', text: 'View in Grafana' };
    const runbook = { href: 'https://wiki.example.com/runbooks/latency', text: 'Runbook' };
    await send(keyId, [
      'trigger',
      'p99',
      {
        summary: 'p99 1.2 s',
        component: 'lb',
        client: 'Grafana',
        clientUrl: 'https://grafana.example.com',
        customDetails: { p99: 1.2 },
        links: [grafana],
      },
    ]);
    await send(keyId, ['trigger', 'p99', { summary: 'p99 2.5 s', links: [] }]);
    let [alert] = await alertsOf(keyId);
    expect(alert).toMatchObject({
      summary: 'p99 2.5 s',
      trigger_count: 2,
      component: 'lb',
      client: 'Grafana',
      client_url: 'https://grafana.example.com',
      custom_details: { p99: 1.2 },
      links: [grafana],
    });
    // New links come first; one the alert has already is not repeated; new details replace the old.
    await send(keyId, ['trigger', 'p99', { summary: 'p99 3 s', customDetails: { p99: 3 }, links: [runbook, grafana] }]);
    [alert] = await alertsOf(keyId);
    expect(alert).toMatchObject({
      summary: 'p99 3 s',
      trigger_count: 3,
      custom_details: { p99: 3 },
      links: [runbook, grafana],
    });
  });

  it("shows the raw payload without the sender's integration key, which anyone could page with", async () => {
    const { keyId } = await service();
    const routingKey = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
    await acceptEvents(t.app.db, t.clock, keyId, [
      {
        action: 'trigger',
        dedupKey: 'keyed',
        alert: { summary: 'keyed', source: 's', severity: 'critical', links: [], images: [] },
        raw: { routing_key: routingKey, event_action: 'trigger' },
      },
    ]);
    await t.app.engine.runDue();
    const [row] = await t.app.db.selectFrom('alerts').select('id').where('dedup_key', '=', 'keyed').execute();
    const viewer = await t.createUserWithToken('stakeholder');
    const response = await t.request('GET', `/api/v1/alerts/${row!.id}`, { token: viewer.token });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain(routingKey);
    expect(JSON.parse(text)).toMatchObject({ raw: { routing_key: '…c5d6', event_action: 'trigger' } });
  });
});

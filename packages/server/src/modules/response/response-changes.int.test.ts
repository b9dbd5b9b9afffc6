/**
 * Changing a declared incident (ADR 17): every severity change kept with
 * who, when and why, and raising to S2 engaging the IMOC once; promotion
 * keeping paging going; merging moving alerts and the timeline; links both
 * ways; the start checklist; list filters; and an audit entry for each change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptEvents } from '../alerts/index.js';
import {
  startResponseWorld,
  type IncidentView,
  type Person,
  type ResponseWorld,
} from '../../test-support/response-fixtures.js';

let w: ResponseWorld;
let alice: Person; // EOC: level 1
let bob: Person; // level 2, 15 minutes later
let mia: Person; // IMOC
let service: { id: string; slug: string; routingKey: string };

beforeAll(async () => {
  w = await startResponseWorld();
  [alice, bob, mia] = [await w.person(), await w.person(), await w.person()];
  service = await w.service(alice, bob);
  await w.staffRole('imoc', mia);
});
afterAll(async () => w?.close());

const declare = (who: Person, body: Record<string, unknown>) =>
  w.ok(who, 'POST', '/api/v1/incidents', { serviceId: service.slug, title: 'Checkout errors', ...body }, 201);

const auditOf = async (incidentId: string) =>
  w.t.app.db
    .selectFrom('audit_log')
    .select(['action', 'actor_id'])
    .where('entity_id', '=', incidentId)
    .orderBy('id')
    .execute();

let dedup = 0;
/** An alert through the service's integration key; answers its incident once the engine has run. */
async function alert(): Promise<IncidentView> {
  const dedupKey = `response-${++dedup}`;
  const key = await w.t.app.db
    .selectFrom('integration_keys')
    .select('id')
    .where('routing_key', '=', service.routingKey)
    .executeTakeFirstOrThrow();
  await acceptEvents(w.t.app.db, w.t.clock, key.id, [
    {
      action: 'trigger',
      dedupKey,
      alert: { summary: dedupKey, source: 's', severity: 'critical', links: [], images: [] },
      raw: {},
    },
  ]);
  await w.t.app.engine.runDue();
  const row = await w.t.app.db
    .selectFrom('alerts')
    .select('incident_id')
    .where('dedup_key', '=', dedupKey)
    .executeTakeFirstOrThrow();
  return w.ok(w.owner, 'GET', `/api/v1/incidents/${row.incident_id}`);
}

const imocHolders = async (n: number) => (await w.response(n)).roles.filter((r) => r.role.slug === 'imoc');

describe('severity', () => {
  it('keeps each change with who, when and why; raising S3 to S2 engages the IMOC once', async () => {
    const incident = await declare(alice, { severity: 'S3', page: 'none' });
    const n = incident.number;
    expect(await imocHolders(n)).toEqual([]);
    w.t.clock.advanceMinutes(3);
    await w.ok(alice, 'POST', `/api/v1/incidents/${n}/severity`, { severity: 'S2', reason: 'checkout for everyone' });
    const raisedAt = w.t.clock.now().toISOString();
    expect(await imocHolders(n)).toMatchObject([{ user: { id: mia.id }, paged: true, endedAt: null }]);
    w.t.clock.advanceMinutes(3);
    for (const [who, severity, reason] of [
      [bob, 'S3', 'only EU'],
      [bob, 'S3', 'no change'],
      [alice, 'S2', 'back'],
      [alice, 'S1', 'all regions'],
    ] as const) {
      w.t.clock.advanceMinutes(1);
      await w.ok(who, 'POST', `/api/v1/incidents/${n}/severity`, { severity, reason });
    }
    // Mia stays the one IMOC, engaged once.
    expect(await imocHolders(n)).toHaveLength(1);

    const changes = (await w.response(n)).severityChanges;
    expect(changes.map((c) => [c.from, c.to, c.reason])).toEqual([
      [null, 'S3', 'declared'],
      ['S3', 'S2', 'checkout for everyone'],
      ['S2', 'S3', 'only EU'],
      ['S3', 'S2', 'back'],
      ['S2', 'S1', 'all regions'],
    ]);
    expect(changes[1]!.at).toBe(raisedAt);
    const rows = await w.t.app.db
      .selectFrom('incident_severity_changes')
      .select(['changed_by', 'to_severity'])
      .where('incident_id', '=', incident.id)
      .orderBy('changed_at')
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.changed_by)).toEqual([alice.id, alice.id, bob.id, alice.id, alice.id]);
    const audit = (await auditOf(incident.id)).filter((a) => a.action === 'incident.severity_changed');
    expect(audit.map((a) => a.actor_id)).toEqual([alice.id, bob.id, bob.id, alice.id, alice.id]);
    const kinds = (await w.timeline(n)).filter((e) => e.kind === 'severity_changed');
    expect(kinds).toHaveLength(4);
  });

  it('a near miss raised to S2 engages nobody', async () => {
    const incident = await declare(alice, { severity: 'S3', nearMiss: true });
    await w.ok(alice, 'POST', `/api/v1/incidents/${incident.number}/severity`, { severity: 'S2' });
    expect(await imocHolders(incident.number)).toEqual([]);
  });

  it.each(['resolved', 'closed'] as const)(
    'a %s incident reclassified to S2 (the review) engages nobody',
    async (stage) => {
      const incident = await declare(alice, { severity: 'S3', page: 'none' });
      await w.ok(alice, 'POST', `/api/v1/incidents/${incident.number}/stage`, { stage });
      w.t.clock.advanceMinutes(1); // the history is ordered by time
      await w.ok(alice, 'POST', `/api/v1/incidents/${incident.number}/severity`, { severity: 'S2', reason: 'review' });
      expect((await w.response(incident.number)).severityChanges.at(-1)).toMatchObject({ to: 'S2', reason: 'review' });
      expect(await imocHolders(incident.number)).toEqual([]);
    },
  );
});

describe('promotion', () => {
  it('declares a paged incident; whoever it paged holds EOC; the escalation policy goes on', async () => {
    const paged = await alert();
    expect(paged.response).toBeNull();
    const promoted = await w.ok(bob, 'POST', `/api/v1/incidents/${paged.number}/declare`, {
      severity: 'S3',
      category: 'degradation',
    });
    expect(promoted).toMatchObject({ status: 'triggered', response: { severity: 'S3', owner: { id: alice.id } } });
    expect(promoted.declaredAt).not.toBeNull();
    const response = await w.response(paged.number);
    expect(response).toMatchObject({ category: 'degradation', severityChanges: [{ from: null, to: 'S3' }] });
    // Level 1 is not acknowledged within 15 minutes: level 2 (Bob) is paged as before.
    w.t.clock.advanceMinutes(16);
    await w.t.app.engine.runDue();
    const escalated = (await w.timeline(paged.number)).filter((e) => e.kind === 'escalated');
    expect(escalated.length).toBeGreaterThanOrEqual(2);
    expect((await auditOf(paged.id)).map((a) => a.action)).toContain('incident.promoted');
  });
});

describe('links and merges', () => {
  it('links both ways, and unlinks both ways', async () => {
    const a = await declare(alice, { severity: 'S4', page: 'none' });
    const b = await declare(alice, { severity: 'S4', page: 'none' });
    await w.ok(alice, 'POST', `/api/v1/incidents/${a.number}/links`, { otherId: String(b.number) });
    expect((await w.response(a.number)).links).toEqual([
      { incident: expect.objectContaining({ id: b.id }), kind: 'related' },
    ]);
    expect((await w.response(b.number)).links).toEqual([
      { incident: expect.objectContaining({ id: a.id }), kind: 'related' },
    ]);
    expect((await w.timeline(b.number)).at(-1)).toMatchObject({ kind: 'linked' });
    await w.ok(alice, 'DELETE', `/api/v1/incidents/${b.number}/links/${a.number}`);
    expect((await w.response(a.number)).links).toEqual([]);
    expect((await w.response(b.number)).links).toEqual([]);
    expect((await auditOf(a.id)).map((x) => x.action)).toContain('incident.linked');
    expect((await auditOf(b.id)).map((x) => x.action)).toContain('incident.unlinked');
  });

  it('moves the alerts and copies the timeline into the other, and resolves the merged one', async () => {
    const from = await alert();
    const into = await alert();
    expect(from.id).not.toBe(into.id);
    await w.ok(alice, 'POST', `/api/v1/incidents/${from.number}/declare`, { severity: 'S3' });
    const due = async () =>
      (await w.ok<{ nextUpdateDueAt: string | null }>(alice, 'GET', `/api/v1/incidents/${from.number}/response`))
        .nextUpdateDueAt;
    expect(await due()).not.toBeNull(); // S3: an update every 240 minutes
    const fromEntries = (await w.timeline(from.number)).length;
    const intoEntries = (await w.timeline(into.number)).length;
    const merged = await w.ok(alice, 'POST', `/api/v1/incidents/${from.number}/merge`, { intoId: String(into.number) });
    expect(merged).toMatchObject({ id: into.id, status: 'triggered', alertCount: 2 });
    await w.t.app.engine.runDue();
    const alerts = await w.t.app.db
      .selectFrom('alerts')
      .select(['incident_id', 'status'])
      .where('dedup_key', 'in', [`response-${dedup - 1}`, `response-${dedup}`])
      .execute();
    expect(alerts).toEqual([
      { incident_id: into.id, status: 'triggered' },
      { incident_id: into.id, status: 'triggered' },
    ]);
    const gone = await w.ok(w.owner, 'GET', `/api/v1/incidents/${from.number}`);
    expect(gone).toMatchObject({ status: 'resolved', response: { stage: 'resolved' } });
    const copied = (await w.timeline(into.number)).filter((e) => e.message.startsWith(`#${from.number}: `));
    expect(copied.length).toBe(fromEntries);
    expect((await w.timeline(into.number)).length).toBeGreaterThanOrEqual(intoEntries + fromEntries + 1);
    expect((await w.response(from.number)).links).toMatchObject([{ incident: { id: into.id }, kind: 'merged_into' }]);
    expect((await w.response(from.number)).nextRuleAt).toBeNull();
    expect(await due()).toBeNull(); // updates go on in the incident it joined
    expect((await auditOf(from.id)).map((x) => x.action)).toContain('incident.merged');
    // The merged incident is resolved: nothing merges into it any more.
    const other = await alert();
    expect((await w.fails(alice, 'POST', `/api/v1/incidents/${other.number}/merge`, { intoId: from.id })).status).toBe(
      409,
    );
    // A merge is not turned into a mere relation, nor unlinked.
    expect(await w.fails(alice, 'POST', `/api/v1/incidents/${into.number}/links`, { otherId: from.id })).toEqual({
      status: 409,
      message: expect.stringContaining('merged'),
    });
    expect((await w.fails(alice, 'DELETE', `/api/v1/incidents/${into.number}/links/${from.number}`)).status).toBe(404);
    expect((await w.response(from.number)).links).toMatchObject([{ incident: { id: into.id }, kind: 'merged_into' }]);
    // (The other is only paged: no response to read its links from.)
    const back = await w.t.app.db
      .selectFrom('incident_links')
      .select(['other_id', 'kind'])
      .where('incident_id', '=', into.id)
      .execute();
    expect(back).toEqual([{ other_id: from.id, kind: 'merged_from' }]);
  });
});

describe('the start checklist (S1 and S2)', () => {
  it('ticks what Tocsin knows by itself and what people tick by hand; audited', async () => {
    const incident = await declare(alice, { severity: 'S2', page: 'eoc', steps: { pageImoc: false } });
    const n = incident.number;
    const items = async () => Object.fromEntries((await w.response(n)).checklist.map((i) => [i.key, [i.done, i.auto]]));
    expect(await items()).toEqual({
      declared: [true, true],
      acknowledged: [false, true],
      channel: [false, false],
      customers_informed: [false, false],
    });
    await w.ok(alice, 'POST', `/api/v1/incidents/${n}/acknowledge`);
    await w.ok(bob, 'POST', `/api/v1/incidents/${n}/checklist`, { key: 'customers_informed', done: true });
    await w.ok(bob, 'POST', `/api/v1/incidents/${n}/checklist`, { key: 'channel', done: true });
    expect(await items()).toMatchObject({
      acknowledged: [true, true],
      channel: [true, false],
      customers_informed: [true, false],
    });
    await w.ok(bob, 'POST', `/api/v1/incidents/${n}/checklist`, { key: 'channel', done: false });
    expect((await items()).channel).toEqual([false, false]);
    const ticks = (await auditOf(incident.id)).filter((a) => a.action === 'incident.checklist_ticked');
    expect(ticks).toEqual(Array(3).fill({ action: 'incident.checklist_ticked', actor_id: bob.id }));
    // S3 and near misses have none.
    expect((await w.response((await declare(alice, { severity: 'S3', page: 'none' })).number)).checklist).toEqual([]);
    expect((await w.response((await declare(alice, { severity: 'S1', nearMiss: true })).number)).checklist).toEqual([]);
  });
});

describe('the incidents list', () => {
  it('filters by severity, stage, declared, near miss, role and mine (owned, held or assigned)', async () => {
    const carol = await w.person();
    const own = await w.service(carol);
    const at = (who: Person, body: Record<string, unknown>) =>
      w.ok(who, 'POST', '/api/v1/incidents', { serviceId: own.slug, title: 't', ...body }, 201);
    const s1 = await at(carol, { severity: 'S1', page: 'none', steps: { pageImoc: false, pageCmoc: false } });
    const s4 = await at(carol, { severity: 'S4', page: 'none' });
    const miss = await at(carol, { severity: 'S3', nearMiss: true });
    const paged = await at(carol, {});
    const engaged = await at(bob, { severity: 'S3', page: 'none' });
    await w.ok(bob, 'POST', `/api/v1/incidents/${engaged.number}/roles/engage`, { role: 'imoc', userId: carol.id });
    await w.ok(carol, 'POST', `/api/v1/incidents/${s4.number}/stage`, { stage: 'monitoring' });
    const list = async (query: string, who: Person = carol) =>
      (
        await w.ok<{ items: Array<{ id: string }> }>(who, 'GET', `/api/v1/incidents?serviceId=${own.id}&${query}`)
      ).items.map((i) => i.id);
    expect(await list('severity=S1,S4')).toEqual([s4.id, s1.id]);
    expect(await list('stage=monitoring')).toEqual([s4.id]);
    expect(await list('declared=false')).toEqual([paged.id]);
    expect(await list('declared=true')).toEqual([engaged.id, miss.id, s4.id, s1.id]);
    expect(await list('nearMiss=true')).toEqual([miss.id]);
    expect(await list('nearMiss=false')).toEqual([engaged.id, s4.id, s1.id]);
    expect(await list('role=imoc')).toEqual([engaged.id]);
    expect(await list('role=imoc&mine=true')).toEqual([engaged.id]);
    expect(await list('role=imoc&mine=true', bob)).toEqual([]);
    // Mine also holds what is assigned to the viewer: carol's service paged her for the incident only paged.
    expect(await list('mine=true')).toEqual([engaged.id, paged.id, miss.id, s4.id, s1.id]);
    expect(await list('mine=true', bob)).toEqual([engaged.id]);
    expect((await w.fails(carol, 'GET', `/api/v1/incidents?severity=S5`)).status).toBe(400);
    expect((await w.fails(carol, 'GET', `/api/v1/incidents?stage=open`)).status).toBe(400);
  });
});

describe('audit', () => {
  it('writes an entry for each change, by whoever made it', async () => {
    const carol = await w.person();
    const incident = await declare(alice, { severity: 'S3', page: 'none' });
    const n = incident.number;
    await w.ok(alice, 'POST', `/api/v1/incidents/${n}/stage`, { stage: 'identified' });
    await w.ok(alice, 'POST', `/api/v1/incidents/${n}/category`, { category: 'outage' });
    await w.ok(alice, 'PUT', `/api/v1/incidents/${n}/impacted-services`, { serviceIds: [service.slug] });
    await w.ok(alice, 'POST', `/api/v1/incidents/${n}/roles/engage`, { role: 'scribe', userId: carol.id, page: false });
    await w.ok(carol, 'POST', `/api/v1/incidents/${n}/roles/take`, { role: 'engineer' });
    await w.ok(alice, 'POST', `/api/v1/incidents/${n}/handoffs`, { toUserId: carol.id }, 201);
    const handoff = (await w.response(n)).handoffs[0]!;
    await w.ok(carol, 'POST', `/api/v1/incidents/${n}/handoffs/${handoff.id}/decline`);
    expect(await auditOf(incident.id)).toEqual([
      // Paging nobody, the declarer acknowledges it in the same transaction.
      { action: 'incident.acknowledged', actor_id: alice.id },
      { action: 'incident.declared', actor_id: alice.id },
      { action: 'incident.stage_changed', actor_id: alice.id },
      { action: 'incident.category_changed', actor_id: alice.id },
      { action: 'incident.impacted_services_changed', actor_id: alice.id },
      { action: 'incident.role_engaged', actor_id: alice.id },
      { action: 'incident.role_taken', actor_id: carol.id },
      { action: 'incident.handoff_requested', actor_id: alice.id },
      { action: 'incident.handoff_declined', actor_id: carol.id },
    ]);
    const reported = await w.ok(
      w.stakeholder,
      'POST',
      '/api/v1/incidents/report',
      { serviceId: service.slug, title: 'Blank page' },
      201,
    );
    expect(await auditOf(reported.id)).toEqual([{ action: 'incident.reported', actor_id: w.stakeholder.id }]);
    expect((await w.response(reported.number)).stakeholders).toEqual([
      { user: expect.objectContaining({ id: w.stakeholder.id }), reason: 'reporter' },
    ]);
  });
});

/**
 * The response rules reconciler against PostgreSQL (ADR 17): two of them (as
 * on two nodes) racing over the same due incidents fire each rule once, a rule
 * whose condition no longer holds settles without firing, and nothing fires
 * again later.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../lib/logger.js';
import {
  startResponseWorld,
  type IncidentView,
  type Person,
  type ResponseWorld,
} from '../../test-support/response-fixtures.js';
import { createResponseReconciler } from './index.js';

let w: ResponseWorld;
let alice: Person; // EOC
let mia: Person; // IMOC
let service: { id: string; slug: string };

beforeAll(async () => {
  w = await startResponseWorld();
  [alice, mia] = [await w.person(), await w.person()];
  service = await w.service(alice);
  await w.staffRole('imoc', mia);
});
afterAll(async () => w?.close());

const ruleFired = async (incident: IncidentView) =>
  (await w.timeline(incident.number)).filter((e) => e.kind === 'rule_fired' || e.kind === 'owner_reminded');

describe('the response rules reconciler', () => {
  it('fires each due rule once across two instances racing', async () => {
    // S3 defaults: unacknowledged 15 minutes, Investigating 30, troubleshooting 60.
    const incidents: IncidentView[] = [];
    for (let i = 0; i < 6; i++)
      incidents.push(
        await w.ok(
          alice,
          'POST',
          '/api/v1/incidents',
          { serviceId: service.slug, title: `r${i}`, severity: 'S3' },
          201,
        ),
      );
    // One is acknowledged: its unacknowledged rule will settle without firing, and so its Investigating one fires.
    await w.ok(alice, 'POST', `/api/v1/incidents/${incidents[0]!.number}/acknowledge`);
    w.t.clock.advanceMinutes(61);
    const nodes = [1, 2].map(() =>
      createResponseReconciler({ db: w.t.app.db, clock: w.t.clock, logger: silentLogger }),
    );
    const runs = [0, 0];
    await Promise.all(
      nodes.map(async (node, i) => {
        while (await node.runOnce(w.t.clock.now())) runs[i]!++;
      }),
    );
    expect(runs[0]! + runs[1]!).toBeGreaterThanOrEqual(incidents.length);

    const [acknowledged, ...paged] = incidents;
    expect((await ruleFired(acknowledged!)).map((e) => e.kind)).toEqual(['rule_fired', 'rule_fired', 'owner_reminded']);
    expect((await ruleFired(acknowledged!))[0]!.message).toMatch(/^Investigating for 30 minutes/);
    for (const incident of paged) {
      const fired = await ruleFired(incident);
      expect(fired.map((e) => e.message.replace(/ for \d+ minutes.*/, ''))).toEqual([
        'Paging unacknowledged',
        'The owner has troubleshot',
        'Reminded the owner to call for backup: engage the Incident manager on call',
      ]);
    }
    for (const incident of incidents) {
      const response = await w.response(incident.number);
      expect(response.roles.filter((r) => r.role.slug === 'imoc')).toMatchObject([
        { user: { id: mia.id }, paged: true },
      ]);
      expect(response.nextRuleAt).toBeNull();
    }
    const settled = await w.t.app.db
      .selectFrom('incident_responses')
      .select('rules_settled')
      .where(
        'incident_id',
        'in',
        incidents.map((i) => i.id),
      )
      .execute();
    for (const row of settled)
      expect([...row.rules_settled].sort()).toEqual([
        'imoc_investigating',
        'imoc_unacknowledged',
        'troubleshoot_reminder',
      ]);

    // Days later, nothing fires again, on any node.
    w.t.clock.advanceMinutes(3 * 24 * 60);
    expect(await nodes[0]!.runOnce(w.t.clock.now())).toBe(false);
    await w.t.app.engine.runDue();
    for (const incident of incidents) expect(await ruleFired(incident)).toHaveLength(3);
  });

  it('a rule falls due again after a change moves it: the reminder counts from the new owner', async () => {
    const bob = await w.person();
    const incident = await w.ok(
      alice,
      'POST',
      '/api/v1/incidents',
      { serviceId: service.slug, title: 'owner', severity: 'S3', page: 'none' },
      201,
    );
    const first = (await w.response(incident.number)).nextRuleAt;
    expect(first).toBe(new Date(w.t.clock.now().getTime() + 30 * 60_000).toISOString()); // Investigating, 30
    await w.ok(alice, 'POST', `/api/v1/incidents/${incident.number}/stage`, { stage: 'identified' });
    expect((await w.response(incident.number)).nextRuleAt).toBe(
      new Date(w.t.clock.now().getTime() + 60 * 60_000).toISOString(),
    ); // only the reminder is left
    w.t.clock.advanceMinutes(40);
    await w.ok(alice, 'POST', `/api/v1/incidents/${incident.number}/handoffs`, { toUserId: bob.id }, 201);
    const handoff = (await w.response(incident.number)).handoffs[0]!;
    await w.ok(bob, 'POST', `/api/v1/incidents/${incident.number}/handoffs/${handoff.id}/accept`);
    expect((await w.response(incident.number)).nextRuleAt).toBe(
      new Date(w.t.clock.now().getTime() + 60 * 60_000).toISOString(),
    );
    w.t.clock.advanceMinutes(59);
    await w.t.app.engine.runDue();
    expect(await ruleFired(incident)).toEqual([]);
    w.t.clock.advanceMinutes(1);
    await w.t.app.engine.runDue();
    expect((await ruleFired(incident)).map((e) => e.kind)).toEqual(['rule_fired', 'owner_reminded']);
  });
});

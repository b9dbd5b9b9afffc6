/**
 * The figures of docs/analytics.md on a small history with known times,
 * worked out by hand: a service in New York with business hours, incidents
 * on both sides of the October/November boundary and of the DST change of
 * 2026-11-01, acknowledged by a person, by an integration, late and never;
 * a near miss, a private incident, and the service moving to another team
 * afterwards (last month's report must not change).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../lib/actor.js';
import { acknowledgeIncident } from '../incidents/index.js';
import { startResponseWorld, type Person, type ResponseWorld } from '../../test-support/response-fixtures.js';
import type { IncidentFigures, Report, Summary } from './analytics.schema.js';

let w: ResponseWorld;
let alice: Person; // the service's EOC
let carol: Person; // declares the private incident
let outsider: Person;
let service: { id: string; slug: string };
let identity: { id: string };
let other: { id: string };
const n: Record<string, number> = {};

const at = (iso: string) => w.t.clock.set(iso);
const page = async (name: string, when: string, urgency: 'high' | 'low') => {
  await at(when);
  n[name] = (
    await w.ok(alice, 'POST', '/api/v1/incidents', { serviceId: service.slug, title: name, urgency }, 201)
  ).number;
};
const declare = async (name: string, when: string, who: Person, extra: Record<string, unknown> = {}) => {
  await at(when);
  const body = { serviceId: service.slug, title: name, severity: 'S3', page: 'none', ...extra };
  n[name] = (await w.ok(who, 'POST', '/api/v1/incidents', body, 201)).number;
};
const ack = async (name: string, when: string) => {
  await at(when);
  await w.ok(alice, 'POST', `/api/v1/incidents/${n[name]}/acknowledge`);
};
const resolve = async (name: string, when: string) => {
  await at(when);
  await w.ok(alice, 'POST', `/api/v1/incidents/${n[name]}/resolve`);
};
const stage = async (name: string, when: string, to: string, who: Person = alice) => {
  await at(when);
  await w.ok(who, 'POST', `/api/v1/incidents/${n[name]}/stage`, { stage: to });
};

beforeAll(async () => {
  w = await startResponseWorld();
  alice = await w.person();
  carol = await w.person();
  outsider = await w.person();
  service = await w.service(alice);
  identity = await w.ok(w.owner, 'POST', '/api/v1/teams', { slug: 'identity', name: 'OCTO Identity' }, 201);
  other = await w.ok(w.owner, 'POST', '/api/v1/teams', { slug: 'other', name: 'Other' }, 201);
  await w.ok(w.owner, 'PATCH', `/api/v1/services/${service.id}`, {
    teamId: identity.id,
    timeZone: 'America/New_York',
    businessHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
  });
  // S3 resolves within 8 wall-clock hours here (the default counts 24 business hours).
  await w.ok(w.owner, 'PATCH', '/api/v1/analytics/sla-targets/severity/S3', {
    resolveMinutes: 480,
    resolveBusinessHours: false,
  });

  // 2: low urgency, Friday 16:00 EDT. 8 business hours: 1 h on Friday, 7 h from Monday 09:00 EST → due Mon 16:00 EST (21:00Z).
  await page('2 low urgency over the weekend', '2026-10-30T20:00:00Z', 'low');
  // 1: high urgency, 22:30 EDT on Oct 31 (October in New York, November in UTC).
  await page('1 high urgency at the boundary', '2026-11-01T02:30:00Z', 'high');
  await ack('1 high urgency at the boundary', '2026-11-01T02:40:00Z'); // 600 s
  await resolve('1 high urgency at the boundary', '2026-11-01T05:30:00Z'); // 10 800 s
  await ack('2 low urgency over the weekend', '2026-11-02T21:30:00Z'); // 30 min late
  await resolve('2 low urgency over the weekend', '2026-11-03T15:00:00Z');
  // 3: declared S3 with nobody paged (the declarer owns and acknowledges it at once), mitigated, resolved late.
  await declare('3 declared and resolved late', '2026-11-10T12:00:00Z', alice);
  await stage('3 declared and resolved late', '2026-11-10T12:45:00Z', 'monitoring'); // 2 700 s
  await stage('3 declared and resolved late', '2026-11-10T21:00:00Z', 'resolved'); // 32 400 s, 1 h late
  // 4: acknowledged by an integration, 5 minutes late.
  await page('4 acked by an integration', '2026-11-12T08:00:00Z', 'high');
  await at('2026-11-12T08:20:00Z');
  await acknowledgeIncident(
    { ...w.t.ctx, actor: systemActor('Integration Datadog') },
    String(n['4 acked by an integration']),
  );
  await resolve('4 acked by an integration', '2026-11-12T09:00:00Z'); // 3 600 s
  // 5: nobody acknowledged it; resolved after the acknowledge target fell due.
  await page('5 never acknowledged', '2026-11-20T10:00:00Z', 'high');
  await resolve('5 never acknowledged', '2026-11-20T10:30:00Z'); // 1 800 s, 900 s past the ack due time
  // 6: a near miss: counted apart.
  await declare('6 near miss', '2026-11-21T10:00:00Z', alice, { nearMiss: true });
  // 7: private, declared by carol: within every target.
  await declare('7 private', '2026-11-25T00:00:00Z', carol, { private: true });
  await stage('7 private', '2026-11-25T01:00:00Z', 'resolved', carol); // 3 600 s
  await at('2026-12-01T12:00:00Z');
}, 120_000);
afterAll(async () => {
  await w?.close();
});

const reportOf = (who: Person, query: string) => w.ok<Report>(who, 'GET', `/api/v1/analytics/report?${query}`);

describe('the monthly report, worked out by hand', () => {
  it('November in UTC for the team: MTTA, MTTR, time to mitigate, compliance and every breach', async () => {
    const report = await reportOf(w.owner, 'team=identity&month=2026-11');
    expect(report.from).toBe('2026-11-01T00:00:00.000Z');
    expect(report.to).toBe('2026-12-01T00:00:00.000Z');
    const o = report.overall;
    expect(o.count).toBe(5); // 1, 3, 4, 5, 7
    expect(o.nearMisses).toBe(1);
    // TTA: 600, 0, 1 200, 0 (5 has none). Sorted 0, 0, 600, 1 200: median 300; p90 at 2.7 → 600 + 0.7 × 600.
    expect(o.tta).toEqual({ count: 4, mean: 450, median: 300, p90: 1020 });
    // TTR: 10 800, 32 400, 3 600, 1 800, 3 600. Sorted 1 800, 3 600, 3 600, 10 800, 32 400; p90 at 3.6.
    expect(o.ttr).toEqual({ count: 5, mean: 10440, median: 3600, p90: 23760 });
    expect(o.ttm).toEqual({ count: 1, mean: 2700, median: 2700, p90: 2700 });
    expect(o.ackedByIntegrationShare).toBe(0.25);
    expect(o.escalationRate).toBe(0);
    expect({ within: o.within, breached: o.breached, pending: o.pending, compliance: o.compliance }).toEqual({
      within: 2,
      breached: 3,
      pending: 0,
      compliance: 0.4,
    });
    const breaches = Object.fromEntries(report.breaches.map((b) => [b.title, b.breaches]));
    expect(breaches).toEqual({
      '3 declared and resolved late': [{ reason: 'resolved_late', bySeconds: 3600 }],
      '4 acked by an integration': [{ reason: 'acknowledged_late', bySeconds: 300 }],
      '5 never acknowledged': [{ reason: 'never_acknowledged', bySeconds: 900 }],
    });
    expect(report.bySeverity.map((g) => [g.key, g.count, g.nearMisses])).toEqual([
      ['S3', 2, 1],
      ['none', 3, 0],
    ]);
  });

  it('October in New York holds the incident opened at 22:30 EDT on the 31st, and the low-urgency one', async () => {
    const report = await reportOf(w.owner, 'team=identity&month=2026-10&tz=America/New_York');
    expect(report.from).toBe('2026-10-01T04:00:00.000Z');
    expect(report.to).toBe('2026-11-01T04:00:00.000Z'); // 00:00 EDT: the clocks fall back later that night
    expect(report.overall.count).toBe(2);
    // 2: due Monday 16:00 EST after 8 business hours across the weekend and the DST change; acked 30 min late.
    expect(report.breaches.map((b) => [b.title, b.ackDueAt, b.breaches])).toEqual([
      [
        '2 low urgency over the weekend',
        '2026-11-02T21:00:00.000Z',
        [{ reason: 'acknowledged_late', bySeconds: 1800 }],
      ],
    ]);
    expect(report.overall.tta).toEqual({
      count: 2,
      mean: (600 + 264600) / 2,
      median: (600 + 264600) / 2,
      p90: 600 + 0.9 * 264000,
    });
  });

  it('a private incident counts only for those who may see it', async () => {
    const mine = await reportOf(carol, 'team=identity&month=2026-11');
    const theirs = await reportOf(outsider, 'team=identity&month=2026-11');
    expect(mine.overall.count).toBe(5);
    expect(theirs.overall.count).toBe(4);
    expect(theirs.overall.within).toBe(1);
    const list = await w.ok<{ items: IncidentFigures[] }>(
      outsider,
      'GET',
      '/api/v1/analytics/incidents?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z',
    );
    expect(list.items.map((i) => i.title)).not.toContain('7 private');
    expect(list.items).toHaveLength(5); // 1, 3, 4, 5 and the near miss
  });

  it('moving the service to another team leaves last month with the team it had', async () => {
    await w.ok(w.owner, 'PATCH', `/api/v1/services/${service.id}`, { teamId: other.id });
    expect((await reportOf(w.owner, 'team=identity&month=2026-11')).overall.count).toBe(5);
    expect((await reportOf(w.owner, 'team=other&month=2026-11')).overall.count).toBe(0);
  });

  it('groups by period, urgency and team with any filters', async () => {
    const base = '/api/v1/analytics/summary?from=2026-10-01T00:00:00Z&to=2026-12-01T00:00:00Z';
    const byWeek = await w.ok<Summary>(w.owner, 'GET', `${base}&groupBy=period&period=week`);
    expect(byWeek.groups.map((g) => [g.key, g.count])).toEqual([
      ['2026-10-26', 2], // Oct 30 and Nov 1 02:30Z (Sunday) are in the week of Monday Oct 26
      ['2026-11-09', 2],
      ['2026-11-16', 1],
      ['2026-11-23', 1],
    ]);
    const lowOnly = await w.ok<Summary>(w.owner, 'GET', `${base}&groupBy=urgency&urgency=low`);
    expect(lowOnly.groups.map((g) => [g.key, g.count, g.breached])).toEqual([['low', 1, 1]]);
    const byTeam = await w.ok<Summary>(w.owner, 'GET', `${base}&groupBy=team&severity=none&priority=P1`);
    expect(byTeam.groups).toEqual([]);
    const team = await w.ok<Summary>(w.owner, 'GET', `${base}&groupBy=team&serviceId=${service.id}`);
    expect(team.groups.map((g) => [g.label, g.count])).toEqual([['OCTO Identity', 6]]);
  });

  it('refuses bad filters with a message saying what to fix', async () => {
    const reversed = await w.fails(
      w.owner,
      'GET',
      '/api/v1/analytics/summary?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z',
    );
    expect(reversed.status).toBe(400);
    expect(reversed.message).toContain('must be before');
    const month = await w.fails(w.owner, 'GET', '/api/v1/analytics/report?month=2026-13');
    expect(month.status).toBe(400);
    expect(month.message).toContain('YYYY-MM');
    const change = await w.fails(alice, 'PATCH', '/api/v1/analytics/sla-targets/urgency/high', { ackMinutes: 5 });
    expect(change.status).toBe(403);
  });

  it('exports the report as CSV', async () => {
    const response = await w.call(w.owner, 'GET', '/api/v1/analytics/report.csv?team=identity&month=2026-11');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const lines = (await response.text()).split('\r\n');
    expect(lines[1]).toBe('overall,All incidents,5,1,450,300,1020,2700,10440,3600,23760,0,0.25,2,3,0,0.4');
    expect(lines).toContain('5,5 never acknowledged,2026-11-20T10:00:00.000Z,,high,never_acknowledged,900');
  });
});

describe('a read-only link to the report', () => {
  const create = (body: Record<string, unknown>) =>
    w.ok<{ id: string; token: string; url: string; jsonUrl: string }>(
      w.owner,
      'POST',
      '/api/v1/analytics/share-links',
      { name: 'Customer', teamIds: [identity.id], month: '2026-11', expiresAt: '2026-12-31T00:00:00Z', ...body },
      201,
    );
  const open = (token: string) => w.t.request('GET', `/api/v1/shared/analytics/${token}`);

  it('shows the team month to anyone holding it, without private incidents or titles unless chosen', async () => {
    const link = await create({});
    expect(link.jsonUrl).toMatch(new RegExp(`/api/v1/shared/analytics/${link.token}$`));
    const response = await open(link.token);
    expect(response.status).toBe(200);
    const report = (await response.json()) as { overall: { count: number }; breaches: Array<{ title: string | null }> };
    expect(report.overall.count).toBe(4); // the private incident is left out, even for a link an owner made
    expect(report.breaches.map((b) => b.title)).toEqual([null, null, null]);
    const titled = (await (await open((await create({ showIncidentTitles: true })).token)).json()) as {
      breaches: Array<{ title: string }>;
    };
    expect(titled.breaches.map((b) => b.title).sort()).toEqual([
      '3 declared and resolved late',
      '4 acked by an integration',
      '5 never acknowledged',
    ]);
  });

  it('stops working when revoked or expired, and only admins make them', async () => {
    const revoked = await create({});
    await w.ok(w.owner, 'DELETE', `/api/v1/analytics/share-links/${revoked.id}`);
    expect((await open(revoked.token)).status).toBe(404);
    const expiring = await create({ expiresAt: new Date(w.t.clock.now().getTime() + 60_000).toISOString() });
    expect((await open(expiring.token)).status).toBe(200);
    w.t.clock.advanceMinutes(2);
    expect((await open(expiring.token)).status).toBe(404);
    expect((await open('tsl_wrong')).status).toBe(404);
    const refused = await w.fails(alice, 'POST', '/api/v1/analytics/share-links', {
      name: 'x',
      expiresAt: '2026-12-31T00:00:00Z',
    });
    expect(refused.status).toBe(403);
    const tooLong = await w.fails(w.owner, 'POST', '/api/v1/analytics/share-links', {
      name: 'x',
      expiresAt: '2030-01-01T00:00:00Z',
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.message).toContain('at most a year');
  });
});

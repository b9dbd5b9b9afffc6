/**
 * Each incident's analytics snapshot follows what happens to it
 * (docs/analytics.md): escalations and the people paged, a reopened
 * incident's resolution undone and its first Monitoring kept, a promoted
 * incident measured against its severity from when it opened, a merged one
 * left out; and the Prometheus gauges count open incidents without the
 * private ones.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResponseWorld, type Person, type ResponseWorld } from '../../test-support/response-fixtures.js';
import type { IncidentFigures } from './analytics.schema.js';

let w: ResponseWorld;
let alice: Person;
let bob: Person;
let service: { id: string; slug: string };

beforeAll(async () => {
  w = await startResponseWorld();
  alice = await w.person();
  bob = await w.person();
  service = await w.service(alice, bob);
});
afterAll(async () => {
  await w?.close();
});

const open = async (title: string, extra: Record<string, unknown> = {}) =>
  (await w.ok(alice, 'POST', '/api/v1/incidents', { serviceId: service.slug, title, ...extra }, 201)).number;

async function figuresOf(number: number): Promise<IncidentFigures> {
  const { items } = await w.ok<{ items: IncidentFigures[] }>(
    w.owner,
    'GET',
    '/api/v1/analytics/incidents?from=2020-01-01T00:00:00Z&limit=1000',
  );
  const found = items.find((i) => i.number === number);
  if (!found) throw new Error(`incident #${number} is not in the analytics list`);
  return found;
}

describe('the snapshot follows the incident', () => {
  it('counts an escalation past level 1 and everyone paged', async () => {
    const number = await open('Nobody answers level 1');
    await w.t.app.engine.runDue();
    w.t.clock.advanceMinutes(16);
    await w.t.app.engine.runDue();
    await w.ok(bob, 'POST', `/api/v1/incidents/${number}/acknowledge`);
    const figures = await figuresOf(number);
    expect(figures.escalations).toBe(1);
    expect(figures.peoplePaged).toBe(2);
    expect(figures.acknowledgedBy).toBe('person');
    expect(figures.ttaSeconds).toBe(16 * 60);
    expect(figures.breaches).toEqual([{ reason: 'acknowledged_late', bySeconds: 60 }]);
  });

  it('a reopened incident runs on until it is resolved again; its first Monitoring stands', async () => {
    const opened = w.t.clock.now().getTime();
    const number = await open('Comes back', { severity: 'S3', page: 'none' });
    const stage = async (minutes: number, to: string) => {
      w.t.clock.set(new Date(opened + minutes * 60_000));
      await w.ok(alice, 'POST', `/api/v1/incidents/${number}/stage`, { stage: to });
    };
    await stage(30, 'monitoring');
    await stage(60, 'resolved');
    expect((await figuresOf(number)).ttrSeconds).toBe(3600);
    await stage(120, 'investigating');
    const reopened = await figuresOf(number);
    expect(reopened.resolvedAt).toBeNull();
    expect(reopened.reopenCount).toBe(1);
    await stage(180, 'monitoring');
    await stage(240, 'resolved');
    const done = await figuresOf(number);
    expect(done.ttmSeconds).toBe(1800);
    expect(done.ttrSeconds).toBe(4 * 3600);
  });

  it('a promoted incident is measured against its severity from when it opened', async () => {
    const number = await open('Paged, then declared');
    const openedAt = w.t.clock.now().getTime();
    w.t.clock.advanceMinutes(10);
    await w.ok(alice, 'POST', `/api/v1/incidents/${number}/declare`, { severity: 'S1' });
    const figures = await figuresOf(number);
    expect(figures.severity).toBe('S1');
    expect(figures.ackDueAt).toBe(new Date(openedAt + 15 * 60_000).toISOString());
    expect(figures.resolveDueAt).toBe(new Date(openedAt + 240 * 60_000).toISOString());
  });

  it('an incident merged into another is left out of the aggregates', async () => {
    const from = w.t.clock.now().toISOString();
    const kept = await open('Kept');
    const merged = await open('Merged away');
    await w.ok(alice, 'POST', `/api/v1/incidents/${merged}/merge`, { intoId: String(kept) });
    const figures = await figuresOf(merged);
    expect(figures.mergedInto).not.toBeNull();
    expect(figures.status).toBe('excluded');
    w.t.clock.advanceMinutes(1);
    const summary = await w.ok<{ groups: Array<{ count: number }> }>(
      w.owner,
      'GET',
      `/api/v1/analytics/summary?from=${from}`,
    );
    expect(summary.groups.map((g) => g.count)).toEqual([1]);
  });
});

describe('Prometheus gauges', () => {
  const gauge = async (name: string) => {
    const text = await (await w.t.request('GET', '/metrics')).text();
    return text
      .split('\n')
      .find((line) => line.startsWith(name))
      ?.split(' ')[1];
  };

  it('count open incidents by severity, leaving private ones out, and show compliance over 30 days', async () => {
    const before = Number(await gauge('tocsin_open_incidents{severity="S2"}'));
    await open('Public S2', { severity: 'S2', page: 'none' });
    await open('Private S2', { severity: 'S2', page: 'none', private: true });
    expect(Number(await gauge('tocsin_open_incidents{severity="S2"}'))).toBe(before + 1);
    const compliance = Number(await gauge('tocsin_sla_compliance_ratio'));
    expect(compliance).toBeGreaterThanOrEqual(0);
    expect(compliance).toBeLessThanOrEqual(1);
  });
});

/**
 * GET /api/v1/alerts through the whole server: newest first, filtered by
 * status and service, paged by cursor without repeats or gaps, readable by
 * every signed-in role, and 401 without credentials.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test-support/app.js';
import {
  insertIntegrationKey,
  insertMaintenance,
  insertPolicy,
  insertService,
} from '../../test-support/paging-fixtures.js';
import { acceptEvents, type InboundAction } from './index.js';

let t: TestApp;
let viewer: { token: string };
let stakeholder: { token: string };
let userId: string;

beforeAll(async () => {
  t = await startTestApp();
  userId = (await t.createUserWithToken('responder')).id;
  viewer = await t.createUserWithToken('viewer');
  stakeholder = await t.createUserWithToken('stakeholder');
});
afterAll(async () => t?.close());

interface Page {
  items: Array<{
    id: string;
    dedupKey: string;
    status: string;
    serviceId: string;
    incidentId: string | null;
    incidentNumber: number | null;
  }>;
  nextCursor: string | null;
}

async function service() {
  const policyId = await insertPolicy(t.app.db, t.clock, [
    { delayMinutes: 10, targets: [{ type: 'user', id: userId }] },
  ]);
  const serviceId = await insertService(t.app.db, t.clock, { policyId });
  return { serviceId, keyId: (await insertIntegrationKey(t.app.db, t.clock, serviceId)).id };
}

/** One event, processed; a minute passes after it so the next alert is newer. */
async function send(keyId: string, action: InboundAction, dedupKey: string) {
  const alert = { summary: dedupKey, source: 'db-1', severity: 'critical' as const, links: [], images: [] };
  await acceptEvents(t.app.db, t.clock, keyId, [{ action, dedupKey, alert, raw: { dedup_key: dedupKey } }]);
  await t.app.engine.runDue();
  t.clock.advanceMinutes(1);
}

async function list(query: string, token = viewer.token): Promise<Page> {
  const response = await t.request('GET', `/api/v1/alerts?${query}`, { token });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as Page;
}

const keysOf = (page: Page) => page.items.map((item) => item.dedupKey);

describe('GET /api/v1/alerts', () => {
  it('lists newest first, filtered by status and by service, with each alert linked to its incident', async () => {
    const a = await service();
    const b = await service();
    await send(a.keyId, 'trigger', 'a-disk');
    await send(a.keyId, 'trigger', 'a-cpu');
    await send(a.keyId, 'acknowledge', 'a-cpu');
    await send(a.keyId, 'trigger', 'a-mem');
    await send(a.keyId, 'resolve', 'a-mem');
    await send(b.keyId, 'trigger', 'b-disk');
    const now = t.clock.now();
    await insertMaintenance(t.app.db, t.clock, a.serviceId, now, new Date(now.getTime() + 60 * 60_000));
    await send(a.keyId, 'trigger', 'a-deploy-noise');

    const all = await list(`serviceId=${a.serviceId}`);
    expect(keysOf(all)).toEqual(['a-deploy-noise', 'a-mem', 'a-cpu', 'a-disk']);
    expect(all.items.map((item) => item.status)).toEqual(['suppressed', 'resolved', 'acknowledged', 'triggered']);
    expect(all.items.every((item) => item.serviceId === a.serviceId)).toBe(true);
    expect(all.items[0]).toMatchObject({ incidentId: null, incidentNumber: null });
    expect(all.items[3]!.incidentId).toEqual(expect.any(String));
    // The incident's number comes along, for a "#12" link without another request.
    const incident = (await (
      await t.request('GET', `/api/v1/incidents/${all.items[3]!.incidentId}`, { token: viewer.token })
    ).json()) as { number: number };
    expect(all.items[3]!.incidentNumber).toBe(incident.number);
    expect(new Set(all.items.slice(1).map((item) => item.incidentNumber)).size).toBe(3);
    expect(all.nextCursor).toBeNull();

    expect(keysOf(await list(`serviceId=${a.serviceId}&status=triggered,acknowledged`))).toEqual(['a-cpu', 'a-disk']);
    expect(keysOf(await list(`serviceId=${a.serviceId}&status=suppressed`))).toEqual(['a-deploy-noise']);
    expect(keysOf(await list(`serviceId=${b.serviceId}`))).toEqual(['b-disk']);
    // No filter: both services, newest first.
    expect(keysOf(await list('limit=200')).slice(0, 2)).toEqual(['a-deploy-noise', 'b-disk']);
    // Stakeholders read alerts as they read incidents.
    expect(keysOf(await list(`serviceId=${b.serviceId}`, stakeholder.token))).toEqual(['b-disk']);
  });

  it('pages with nextCursor: every alert once, in order, even when alerts share an instant or arrive between pages', async () => {
    const { serviceId, keyId } = await service();
    // Five alerts at the same instant (the fake clock stands still), then two later ones.
    const alert = { summary: 'same instant', source: 's', severity: 'warning' as const, links: [], images: [] };
    await acceptEvents(
      t.app.db,
      t.clock,
      keyId,
      ['s1', 's2', 's3', 's4', 's5'].map((dedupKey) => ({ action: 'trigger' as const, dedupKey, alert, raw: {} })),
    );
    await t.app.engine.runDue();
    t.clock.advanceMinutes(1);
    await send(keyId, 'trigger', 'later-1');
    await send(keyId, 'trigger', 'later-2');

    const seen: string[] = [];
    let page = await list(`serviceId=${serviceId}&limit=3`);
    expect(keysOf(page).slice(0, 2)).toEqual(['later-2', 'later-1']);
    seen.push(...keysOf(page));
    // A new alert arriving now belongs before the first page: it does not shift the next ones.
    await send(keyId, 'trigger', 'while-paging');
    while (page.nextCursor) {
      page = await list(`serviceId=${serviceId}&limit=3&cursor=${encodeURIComponent(page.nextCursor)}`);
      seen.push(...keysOf(page));
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen)).toEqual(new Set(['later-2', 'later-1', 's1', 's2', 's3', 's4', 's5']));
  });

  it('answers 400 for an unknown status, a made-up cursor or a limit out of range', async () => {
    for (const query of [
      'status=open',
      'status=triggered,',
      'cursor=42',
      'cursor=abc_def',
      'limit=0',
      'limit=201',
      'serviceId=checkout',
      'colour=red',
    ]) {
      const response = await t.request('GET', `/api/v1/alerts?${query}`, { token: viewer.token });
      expect(response.status, query).toBe(400);
    }
  });

  it('answers 401 without credentials', async () => {
    const response = await t.request('GET', '/api/v1/alerts');
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
  });
});

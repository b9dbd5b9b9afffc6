/**
 * An alert's log (alert_events) through the whole server with a fake clock:
 * every event it receives is kept, readable newest first a page at a time
 * with the alert's authorisation and its payload redacted, and bounded to
 * the newest KEPT_EVENTS_PER_ALERT per alert.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test-support/app.js';
import { insertIntegrationKey, insertPolicy, insertService } from '../../test-support/paging-fixtures.js';
import { acceptEvents, KEPT_EVENTS_PER_ALERT, type AlertEventPage, type InboundAction } from './index.js';

let t: TestApp;
let token: string;
let keyId: string;
const routingKey = 'R0ut1ngKeyR0ut1ngKeyR0ut1ngKeyab';

beforeAll(async () => {
  t = await startTestApp();
  const user = await t.createUserWithToken('stakeholder');
  token = user.token;
  const policyId = await insertPolicy(t.app.db, t.clock, [
    { delayMinutes: 10, targets: [{ type: 'user', id: user.id }] },
  ]);
  keyId = (await insertIntegrationKey(t.app.db, t.clock, await insertService(t.app.db, t.clock, { policyId }))).id;
});
afterAll(async () => t?.close());

/** Stores events like the ingest edge, in one batch, and lets the engine process them. */
async function send(dedupKey: string, events: Array<[InboundAction, string]>) {
  await acceptEvents(
    t.app.db,
    t.clock,
    keyId,
    events.map(([action, summary]) => ({
      action,
      dedupKey,
      alert: { summary, source: `host-${action}`, severity: 'critical', links: [], images: [] },
      raw: { routing_key: routingKey, event_action: action, dedup_key: dedupKey, payload: { summary } },
    })),
  );
  await t.app.engine.runDue();
}

const alertOf = async (dedupKey: string) =>
  (
    await t.app.db
      .selectFrom('alerts')
      .select('id')
      .where('integration_key_id', '=', keyId)
      .where('dedup_key', '=', dedupKey)
      .executeTakeFirstOrThrow()
  ).id;

async function eventsPage(alertId: string, query = ''): Promise<AlertEventPage> {
  const response = await t.request('GET', `/api/v1/alerts/${alertId}/events${query}`, { token });
  expect(response.status).toBe(200);
  return (await response.json()) as AlertEventPage;
}

describe("an alert's log of events", () => {
  it('keeps every trigger, acknowledge and resolve it received, newest first, with its time, source, summary and redacted payload', async () => {
    await send('disk', [['trigger', 'Disk 91% full']]);
    t.clock.advanceMinutes(1);
    await send('disk', [['trigger', 'Disk 95% full']]);
    t.clock.advanceMinutes(1);
    await send('disk', [
      ['trigger', 'Disk 97% full'],
      ['acknowledge', 'Acknowledged by the sender'],
    ]);
    t.clock.advanceMinutes(1);
    await send('disk', [['resolve', 'Disk back to 60%']]);
    await send('disk', [['resolve', 'dropped: the alert is resolved']]); // reaches no alert: not in its log

    const alertId = await alertOf('disk');
    const { items, nextCursor } = await eventsPage(alertId);
    expect(nextCursor).toBeNull();
    expect(items.map((e) => [e.action, e.summary, e.source])).toEqual([
      ['resolve', 'Disk back to 60%', 'host-resolve'],
      ['acknowledge', 'Acknowledged by the sender', 'host-acknowledge'],
      ['trigger', 'Disk 97% full', 'host-trigger'],
      ['trigger', 'Disk 95% full', 'host-trigger'],
      ['trigger', 'Disk 91% full', 'host-trigger'],
    ]);
    const start = Date.parse(items.at(-1)!.receivedAt);
    expect(items.map((e) => (Date.parse(e.receivedAt) - start) / 60_000)).toEqual([3, 2, 2, 1, 0]);
    // The integration key in the payload is masked as on the alert itself.
    expect(items[4]!.payload).toEqual({
      routing_key: `…${routingKey.slice(-4)}`,
      event_action: 'trigger',
      dedup_key: 'disk',
      payload: { summary: 'Disk 91% full' },
    });
    expect(JSON.stringify(items)).not.toContain(routingKey);

    // A page at a time.
    const first = await eventsPage(alertId, '?limit=2');
    expect(first.items.map((e) => e.summary)).toEqual(['Disk back to 60%', 'Acknowledged by the sender']);
    const second = await eventsPage(alertId, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((e) => e.summary)).toEqual(['Disk 97% full', 'Disk 95% full']);
    const last = await eventsPage(alertId, `?limit=2&cursor=${second.nextCursor}`);
    expect(last).toEqual({ items: [expect.objectContaining({ summary: 'Disk 91% full' })], nextCursor: null });
  });

  it(`keeps only the newest ${KEPT_EVENTS_PER_ALERT} events of an alert that keeps triggering`, async () => {
    const total = KEPT_EVENTS_PER_ALERT + 7;
    // As a flapping monitor sends them; the reconciler takes them a batch at a time, pruning as it goes.
    await send(
      'flap',
      Array.from({ length: total }, (_, i): [InboundAction, string] => ['trigger', `flap ${i + 1}`]),
    );
    const alertId = await alertOf('flap');
    const summaries: Array<string | null> = [];
    let cursor: string | null = null;
    do {
      const page: AlertEventPage = await eventsPage(alertId, `?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      summaries.push(...page.items.map((e) => e.summary));
      cursor = page.nextCursor;
    } while (cursor);
    expect(summaries).toEqual(Array.from({ length: KEPT_EVENTS_PER_ALERT }, (_, i) => `flap ${total - i}`));
    const { trigger_count } = await t.app.db
      .selectFrom('alerts')
      .select('trigger_count')
      .where('id', '=', alertId)
      .executeTakeFirstOrThrow();
    expect(trigger_count).toBe(total);
  }, 120_000);

  it('is read with the alert’s authorisation: 401 without a token, 404 for an unknown alert, 400 for a bad cursor', async () => {
    const alertId = await alertOf('disk');
    expect((await t.request('GET', `/api/v1/alerts/${alertId}/events`)).status).toBe(401);
    expect(
      (await t.request('GET', '/api/v1/alerts/00000000-0000-7000-8000-000000000000/events', { token })).status,
    ).toBe(404);
    expect((await t.request('GET', `/api/v1/alerts/${alertId}/events?cursor=abc`, { token })).status).toBe(400);
  });
});

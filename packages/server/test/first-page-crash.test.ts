/**
 * A first page decided in its alerts batch (ADR 39) is leased to the node
 * that planned it. When that node dies mid-send, the page is not lost: once
 * the lease runs out another node claims it, as its second attempt, and
 * sends it with the reply code and slot the batch gave it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FakeClock } from '../src/lib/clock.js';
import { createTestDatabase, type TestDatabase } from '../src/test-support/db.js';
import { startFakeTwilio, type FakeTwilio } from '../src/test-support/fake-vendors/fake-twilio.js';
import {
  insertIntegrationKey,
  insertPolicy,
  insertService,
  insertSmsPerson,
} from '../src/test-support/paging-fixtures.js';
import { killPagingNode, startPagingNode, waitFor, type PagingNode } from '../src/test-support/paging-nodes.js';

const START = '2026-05-04T10:00:00.000Z';
const PHONE = '+15553000001';

let database: TestDatabase;
let twilio: FakeTwilio;
let routingKey: string;
const nodes: PagingNode[] = [];

beforeAll(async () => {
  database = await createTestDatabase({ maxConnections: 3 });
  twilio = await startFakeTwilio();
  const clock = new FakeClock(START);
  const { db } = database;
  const { userId: user } = await insertSmsPerson(db, clock, { phone: PHONE, name: 'Dana', email: 'dana@example.com' });
  const policyId = await insertPolicy(db, clock, [{ delayMinutes: 15, targets: [{ type: 'user', id: user }] }]);
  const serviceId = await insertService(db, clock, { policyId, slug: 'crash' });
  ({ routingKey } = await insertIntegrationKey(db, clock, serviceId));
}, 60_000);

afterAll(async () => {
  for (const node of nodes) await killPagingNode(node);
  await twilio?.close();
  await database?.drop();
});

const start = async (id: string) => {
  const node = await startPagingNode(id, { databaseUrl: database.url, twilio, clockStart: START });
  nodes.push(node);
  return node;
};

const state = async () => {
  const page = await database.db
    .selectFrom('notifications')
    .select(['idempotency_key', 'status', 'attempts', 'reply_code', 'sent_at'])
    .where('kind', '=', 'page')
    .executeTakeFirst();
  const job = page
    ? await database.db
        .selectFrom('engine_jobs')
        .select(['status', 'attempts', 'locked_by'])
        .where('key', '=', `notify.deliver:${page.idempotency_key}`)
        .executeTakeFirst()
    : undefined;
  return { page, job };
};

it(
  'goes out from another node, with the reply code its batch gave it, when the node that planned it dies mid-send',
  { timeout: 120_000 },
  async () => {
    const victim = await start('victim');
    // The victim's request to Twilio never answers: it dies holding the page.
    twilio.hangNext(1);
    const posted = await fetch(`${victim.url}/v2/enqueue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        routing_key: routingKey,
        event_action: 'trigger',
        dedup_key: 'crash-1',
        payload: { summary: 'Checkout is down', source: 'test', severity: 'critical' },
      }),
    });
    expect(posted.status).toBe(202);
    await waitFor('the victim to call Twilio', () => twilio.requestCount() >= 1);
    const before = await state();
    // Decided in the batch: the slot, the reply code and the first attempt written; the job leased to the victim.
    expect(before.page).toMatchObject({ status: 'queued', attempts: 1 });
    expect(before.page!.reply_code).toMatch(/^\d+$/);
    expect(before.page!.sent_at).not.toBeNull();
    expect(before.job).toEqual({ status: 'pending', attempts: 1, locked_by: 'victim' });
    await killPagingNode(victim);
    expect(twilio.messages).toEqual([]);

    // The lease runs out (its length is not what is tested here), and another node is up.
    await database.db
      .updateTable('engine_jobs')
      .set({ locked_until: new Date(Date.now() - 60_000) })
      .where('locked_by', '=', 'victim')
      .where('status', '=', 'pending')
      .execute();
    await start('survivor');
    await waitFor('the page to go out again', async () => (await state()).job?.status === 'done');

    const after = await state();
    expect(twilio.messages.map((m) => m.to)).toEqual([PHONE]);
    expect(twilio.messages[0]!.body).toContain(`Reply 4${before.page!.reply_code} to acknowledge`);
    expect(after.page).toMatchObject({ status: 'sent', attempts: 2, reply_code: before.page!.reply_code });
    // The slot its first attempt took is kept: the retry does not count again in the throttle window.
    expect(after.page!.sent_at).toEqual(before.page!.sent_at);
    expect(after.job).toEqual({ status: 'done', attempts: 2, locked_by: 'survivor' });
  },
);

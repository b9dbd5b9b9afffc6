/**
 * Three Tocsin server processes against one real PostgreSQL escalate many
 * incidents: every level of every incident is notified, exactly once, none
 * missed, also when one process is killed in the middle of the run.
 */
import { sql } from 'kysely';
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

const INCIDENTS = 60;
const START = '2026-05-04T10:00:00.000Z';

let database: TestDatabase;
let twilio: FakeTwilio;
const nodes: PagingNode[] = [];
const keys: string[] = [];
const phoneA = (i: number) => `+1555100${String(i).padStart(4, '0')}`;
const phoneB = (i: number) => `+1555200${String(i).padStart(4, '0')}`;

const startNode = (id: string) => startPagingNode(id, { databaseUrl: database.url, twilio, clockStart: START });

const alive = () => nodes.filter((n) => n.child.exitCode === null && n.child.signalCode === null);
const smsTo = (phone: string) => twilio.messages.filter((m) => m.to === phone && /^Tocsin #\d+ /.test(m.body));

beforeAll(async () => {
  database = await createTestDatabase({ maxConnections: 3 });
  twilio = await startFakeTwilio();
  const clock = new FakeClock(START);
  const { db } = database;
  for (let i = 0; i < INCIDENTS; i++) {
    const people = [];
    for (const phone of [phoneA(i), phoneB(i)])
      people.push(
        await insertSmsPerson(db, clock, { phone, name: `Person ${phone}`, email: `${phone.slice(1)}@example.com` }),
      );
    const policyId = await insertPolicy(db, clock, [
      { delayMinutes: 15, targets: [{ type: 'user', id: people[0]!.userId }] },
      { delayMinutes: 15, targets: [{ type: 'user', id: people[1]!.userId }] },
    ]);
    const serviceId = await insertService(db, clock, { policyId, slug: `svc-${i}` });
    keys.push((await insertIntegrationKey(db, clock, serviceId)).routingKey);
  }
  nodes.push(...(await Promise.all(['a', 'b', 'victim'].map(startNode))));
}, 120_000);

afterAll(async () => {
  for (const n of nodes) if (n.child.exitCode === null) n.child.kill('SIGKILL');
  await twilio?.close();
  await database?.drop();
});

it(
  'pages level 1 then level 2 of 60 incidents exactly once each across 3 nodes, one killed mid-run',
  { timeout: 240_000 },
  async () => {
    const posted = await Promise.all(
      keys.map((key, i) =>
        fetch(`${nodes[i % nodes.length]!.url}/v2/enqueue`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            routing_key: key,
            event_action: 'trigger',
            dedup_key: `incident-${i}`,
            payload: { summary: `Service ${i} is down`, source: 'test', severity: 'critical' },
          }),
        }).then((r) => r.status),
      ),
    );
    expect(posted.every((s) => s === 202)).toBe(true);

    // Kill the victim once level-1 paging is under way and it has taken part: it
    // holds (or has finished) a delivery, so the kill can prove something.
    const victimJobs = async () =>
      Number(
        (
          await sql<{ n: string }>`SELECT count(*) AS n FROM engine_jobs WHERE locked_by = 'victim'`.execute(
            database.db,
          )
        ).rows[0]!.n,
      );
    await waitFor('the victim to take a delivery', async () => (await victimJobs()) > 0);
    const victim = nodes.find((n) => n.id === 'victim')!;
    await killPagingNode(victim);
    // What the victim held unfinished when it died: the only pages that may go out twice.
    const inFlight = await sql<{ address: string }>`
    SELECT cm.address FROM engine_jobs j
      JOIN notifications n ON n.id = (j.payload->>'notificationId')::uuid
      JOIN contact_methods cm ON cm.id = n.contact_method_id
     WHERE j.locked_by = 'victim' AND j.status = 'pending'`.execute(database.db);
    const heldByVictim = new Set(inFlight.rows.map((r) => r.address));

    await waitFor('every level-1 page', () =>
      Array.from({ length: INCIDENTS }, (_, i) => smsTo(phoneA(i)).length).every((n) => n >= 1),
    );
    expect(Array.from({ length: INCIDENTS }, (_, i) => smsTo(phoneB(i)).length).every((n) => n === 0)).toBe(true);

    for (const node of alive()) await node.advance(15 * 60_000);
    await waitFor('every level-2 page', () =>
      Array.from({ length: INCIDENTS }, (_, i) => smsTo(phoneB(i)).length).every((n) => n >= 1),
    );

    // Past the end of the policy: nothing more may happen.
    for (const node of alive()) await node.advance(60 * 60_000);
    await waitFor('the engines to finish', async () => {
      const pending = await database.db
        .selectFrom('engine_jobs')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('status', '=', 'pending')
        .executeTakeFirstOrThrow();
      return Number(pending.n) === 0;
    });

    // Exactly once, by the database's own account: one escalation step per level per incident.
    const steps = await sql<{ incident_id: string; n: string }>`
    SELECT incident_id, count(*) AS n FROM incident_timeline WHERE kind = 'escalated'
    GROUP BY incident_id`.execute(database.db);
    expect(steps.rows).toHaveLength(INCIDENTS);
    expect(steps.rows.filter((r) => Number(r.n) !== 2)).toEqual([]);
    const notifications = await sql<{ n: string }>`SELECT count(*) AS n FROM notifications WHERE kind = 'page'`.execute(
      database.db,
    );
    expect(Number(notifications.rows[0]!.n)).toBe(2 * INCIDENTS);

    // And at the provider: every person paged exactly once. A duplicate is only
    // possible for a message the killed node had handed to Twilio but not yet
    // recorded (at-least-once delivery); none of those may be level 2.
    const levelTwo = Array.from({ length: INCIDENTS }, (_, i) => smsTo(phoneB(i)).length);
    expect(levelTwo.every((n) => n === 1)).toBe(true);
    const levelOne = Array.from({ length: INCIDENTS }, (_, i) => smsTo(phoneA(i)).length);
    expect(levelOne.every((n) => n >= 1 && n <= 2)).toBe(true);
    // Only deliveries the victim held unfinished when it was killed.
    const paged = Array.from({ length: INCIDENTS }, (_, i) => phoneA(i));
    expect(paged.filter((phone, i) => levelOne[i] === 2 && !heldByVictim.has(phone))).toEqual([]);
    expect(
      new Set((await database.db.selectFrom('incidents').select('status').execute()).map((r) => r.status)),
    ).toEqual(new Set(['triggered']));
  },
);

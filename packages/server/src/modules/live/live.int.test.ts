/**
 * The live stream (ADR 19) against a real server and PostgreSQL: a change
 * made anywhere reaches an open stream; a private incident's changes reach
 * only its members; a reader that reconnects with its last event id is told
 * what it missed, or to reload whole when that was pruned; a transaction
 * that commits after a later one is not missed; the JSON answer tells the same.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedIn, openLiveStream, type LiveReader } from '../../test-support/live-stream.js';
import {
  startResponseWorld,
  type IncidentView,
  type Person,
  type ResponseWorld,
} from '../../test-support/response-fixtures.js';

let world: ResponseWorld;
let alice: Person;
let service: { slug: string };
const open: LiveReader[] = [];

beforeAll(async () => {
  world = await startResponseWorld();
  alice = await world.person();
  service = await world.service(alice);
}, 60_000);
afterAll(async () => {
  for (const reader of open) reader.close();
  await world?.close();
});

async function stream(who: Person, options: { query?: string; lastEventId?: string } = {}): Promise<LiveReader> {
  const reader = await openLiveStream(world.t.url, who.token, options);
  open.push(reader);
  await reader.next((e) => e.event === 'ready');
  return reader;
}

async function declare(title: string): Promise<IncidentView> {
  return world.ok(
    alice,
    'POST',
    '/api/v1/incidents',
    { serviceId: service.slug, title, severity: 'S3', page: 'none' },
    201,
  );
}

const note = (incident: IncidentView, text: string) =>
  world.ok(alice, 'POST', `/api/v1/incidents/${incident.id}/notes`, { text }, 201);

const names = (id: string) => (e: { event: string; data: { changes?: Array<{ incidentId: string }> } }) =>
  e.event === 'changes' && changedIn(e as never).includes(id);

describe('the live stream', () => {
  it('tells an open stream which incident changed and in what part', async () => {
    const incident = await declare('Checkout is slow');
    const reader = await stream(alice);
    const from = reader.events.length;
    await note(incident, 'Looking at the database');
    const told = await reader.next(names(incident.id), from);
    const change = told.data.changes!.find((c) => c.incidentId === incident.id)!;
    expect(change.parts).toContain('timeline');
    expect(told.id).toMatch(/^\d+:\d+:[\d,]*$/);
    // It says where, never what: no note text, no title.
    expect(JSON.stringify(told)).not.toContain('Looking at the database');
    expect(JSON.stringify(told)).not.toContain('Checkout is slow');
  });

  it("tells a stream about one incident only that incident's changes", async () => {
    const watched = await declare('Watched');
    const other = await declare('Other');
    const reader = await stream(alice, { query: `?incidentId=${watched.number}` });
    await note(other, 'elsewhere');
    await note(watched, 'here');
    await reader.next(names(watched.id));
    expect(reader.events.flatMap((e) => changedIn(e))).not.toContain(other.id);
  });

  it("keeps a private incident's changes from those who may not see it, and tells its members", async () => {
    const secret = await declare('Credential leak suspected');
    await world.ok(alice, 'PUT', `/api/v1/incidents/${secret.id}/privacy`, { private: true });
    const outsider = await world.person();
    const member = await world.person();
    await world.ok(alice, 'POST', `/api/v1/incidents/${secret.id}/followers`, { userId: member.id });
    const publicOne = await declare('Search is down');
    const outsiders = await stream(outsider);
    const members = await stream(member);
    const admins = await stream(world.owner);
    await note(secret, 'rotating keys');
    await note(publicOne, 'restarting');
    // The public change comes after the private one: once it is told, the private one would have been.
    await outsiders.next(names(publicOne.id));
    await members.next(names(secret.id));
    await admins.next(names(secret.id));
    expect(outsiders.events.flatMap((e) => changedIn(e))).not.toContain(secret.id);
    // Nor may a non-member watch it by id, or ask for it by JSON.
    expect((await world.fails(outsider, 'GET', `/api/v1/live?incidentId=${secret.id}`)).status).toBe(404);
    const json = await world.ok<{ changes: Array<{ incidentId: string }> }>(outsider, 'GET', '/api/v1/live');
    expect(json.changes.map((c) => c.incidentId)).not.toContain(secret.id);
    expect(json.changes.map((c) => c.incidentId)).toContain(publicOne.id);
  });

  it('resumes after a reconnect with what happened meanwhile, before "ready"', async () => {
    const incident = await declare('Queue backlog');
    const first = await stream(alice);
    const cursor = first.lastEventId()!;
    first.close();
    await note(incident, 'while nobody watched');
    const again = await openLiveStream(world.t.url, alice.token, { lastEventId: cursor });
    open.push(again);
    const ready = await again.next((e) => e.event === 'ready');
    const caughtUp = again.events.slice(0, again.events.indexOf(ready));
    expect(caughtUp.flatMap((e) => changedIn(e))).toContain(incident.id);
    // The JSON answer from the same cursor says the same.
    const json = await world.ok<{ cursor: string; reset: boolean; changes: Array<{ incidentId: string }> }>(
      alice,
      'GET',
      `/api/v1/live?since=${cursor}`,
    );
    expect(json.reset).toBe(false);
    expect(json.changes.map((c) => c.incidentId)).toContain(incident.id);
    expect(json.cursor).toMatch(/^\d+:\d+:[\d,]*$/);
  });

  it('tells a reader whose cursor is older than what is kept to reload whole', async () => {
    const cursor = (await world.ok<{ cursor: string }>(alice, 'GET', '/api/v1/live')).cursor;
    const incident = await declare('Pruned away');
    await note(incident, 'gone by the time anyone asks');
    const { rows } = await world.t.app.db
      .selectFrom('incident_changes')
      .select((eb) => eb.fn.max('xid').as('xid'))
      .execute()
      .then((r) => ({ rows: r }));
    // As pruning does: the notes up to here are deleted and their highest xid remembered.
    await world.t.app.db
      .insertInto('incident_changes_pruned')
      .values({ through: rows[0]!.xid! })
      .onConflict((oc) => oc.column('singleton').doUpdateSet({ through: rows[0]!.xid! }))
      .execute();
    await world.t.app.db.deleteFrom('incident_changes').execute();
    const json = await world.ok<{ reset: boolean }>(alice, 'GET', `/api/v1/live?since=${cursor}`);
    expect(json.reset).toBe(true);
    const reader = await openLiveStream(world.t.url, alice.token, { lastEventId: cursor });
    open.push(reader);
    await reader.next((e) => e.event === 'reset');
    await world.t.app.db.deleteFrom('incident_changes_pruned').execute();
  });

  it('misses nothing when a transaction that began first commits last', async () => {
    const early = await declare('Began first');
    const late = await declare('Began later');
    const reader = await stream(alice);
    const from = reader.events.length;
    const client = new pg.Client({ connectionString: world.t.app.config.databaseUrl! });
    await client.connect();
    try {
      await client.query('BEGIN');
      // As a trigger would note a change of the early incident, in a transaction left open.
      await client.query(`INSERT INTO incident_changes (incident_id, part) VALUES ($1, 'timeline')`, [early.id]);
      // A later transaction commits first and is told...
      await note(late, 'quick writer');
      await reader.next(names(late.id), from);
      // ...and the earlier one, committed after, is told too.
      await client.query('COMMIT');
      await reader.next(names(early.id), from);
    } finally {
      await client.end();
    }
  });

  it('refuses a cursor it never gave, saying what to send', async () => {
    const bad = await world.fails(alice, 'GET', '/api/v1/live?since=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.message).toMatch(/cursor/);
    const response = await world.t.request('GET', '/api/v1/live', {
      token: alice.token,
      headers: { 'last-event-id': 'abc', accept: 'text/event-stream' },
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/Last-Event-ID/);
    expect((await world.t.request('GET', '/api/v1/live')).status).toBe(401);
  });
});

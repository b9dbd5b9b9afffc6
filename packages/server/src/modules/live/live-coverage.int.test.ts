/**
 * Every table an incident page shows is watched (migration 0015), so no
 * change can reach the database without telling open screens: a new table
 * with an incident_id column fails here until it is watched or exempted with
 * a reason. And the actions people take are told in the parts they touch.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startResponseWorld,
  type IncidentView,
  type Person,
  type ResponseWorld,
} from '../../test-support/response-fixtures.js';

/** Tables about incidents whose changes are not told, and why. */
const NOT_WATCHED: Record<string, string> = {
  notifications: 'each page sent is also a timeline entry, which is watched (one trigger fewer per page in a storm)',
  webhook_deliveries: 'not on the incident page: the webhook delivery log is its own screen',
  incident_changes: 'the notes themselves',
  incident_sla:
    "analytics' snapshot of the clocks (ADR 21): not on the incident page, and written with changes that are watched",
};

let world: ResponseWorld;
let alice: Person;
let service: { slug: string };

beforeAll(async () => {
  world = await startResponseWorld();
  alice = await world.person();
  service = await world.service(alice);
}, 60_000);
afterAll(async () => world?.close());

describe('what the live notes watch', () => {
  it('watches inserts on every table with an incident_id, bar those exempted with a reason', async () => {
    const { rows } = await sql<{ table_name: string; watched: boolean }>`
      SELECT c.table_name,
        EXISTS (
          SELECT 1 FROM pg_trigger t JOIN pg_class k ON k.oid = t.tgrelid
          WHERE k.relname = c.table_name AND t.tgname = 'live_insert'
        ) AS watched
      FROM information_schema.columns c
      JOIN information_schema.tables tb ON tb.table_name = c.table_name AND tb.table_schema = c.table_schema
      WHERE c.table_schema = current_schema() AND c.column_name = 'incident_id' AND tb.table_type = 'BASE TABLE'
    `.execute(world.t.app.db);
    expect(rows.length).toBeGreaterThan(10);
    const unwatched = rows.filter((r) => !r.watched && !(r.table_name in NOT_WATCHED)).map((r) => r.table_name);
    expect(unwatched).toEqual([]);
    // The incidents table and the entries' side tables are watched too.
    const { rows: others } = await sql<{ relname: string }>`
      SELECT DISTINCT k.relname FROM pg_trigger t JOIN pg_class k ON k.oid = t.tgrelid WHERE t.tgname LIKE 'live_%'
    `.execute(world.t.app.db);
    expect(others.map((r) => r.relname)).toEqual(
      expect.arrayContaining(['incidents', 'incident_timeline_stars', 'incident_timeline_revisions']),
    );
  });

  it('tells each action in the parts it touched', async () => {
    const partsAfter = async (act: () => Promise<unknown>, incidentId: string): Promise<string[]> => {
      const { cursor } = await world.ok<{ cursor: string }>(alice, 'GET', '/api/v1/live');
      await act();
      const batch = await world.ok<{ changes: Array<{ incidentId: string; parts: string[] }> }>(
        alice,
        'GET',
        `/api/v1/live?since=${cursor}&incidentId=${incidentId}`,
      );
      return batch.changes.flatMap((c) => c.parts);
    };
    let incident!: IncidentView;
    const declared = await (async () => {
      const { cursor } = await world.ok<{ cursor: string }>(alice, 'GET', '/api/v1/live');
      incident = await world.ok(
        alice,
        'POST',
        '/api/v1/incidents',
        { serviceId: service.slug, title: 'Parts', severity: 'S3', page: 'none' },
        201,
      );
      const batch = await world.ok<{ changes: Array<{ incidentId: string; parts: string[] }> }>(
        alice,
        'GET',
        `/api/v1/live?since=${cursor}`,
      );
      return batch.changes.find((c) => c.incidentId === incident.id)?.parts ?? [];
    })();
    expect(declared).toEqual(expect.arrayContaining(['incident', 'response', 'timeline']));
    const id = incident.id;
    expect(
      await partsAfter(
        () =>
          world.ok(alice, 'PUT', `/api/v1/incidents/${id}/document/sections/summary`, { text: 'Slow', baseVersion: 0 }),
        id,
      ),
    ).toContain('document');
    expect(
      await partsAfter(
        () => world.ok(alice, 'POST', `/api/v1/incidents/${id}/updates`, { message: 'Looking' }, 201),
        id,
      ),
    ).toContain('updates');
    const entries = await world.ok<{ items: Array<{ id: string }> }>(alice, 'GET', `/api/v1/incidents/${id}/timeline`);
    expect(
      await partsAfter(
        () => world.ok(alice, 'PUT', `/api/v1/incidents/${id}/timeline/${entries.items[0]!.id}/star`),
        id,
      ),
    ).toContain('timeline');
    const follower = await world.person('viewer');
    expect(
      await partsAfter(() => world.ok(alice, 'POST', `/api/v1/incidents/${id}/followers`, { userId: follower.id }), id),
    ).toContain('response');
    expect(
      await partsAfter(() => world.ok(alice, 'DELETE', `/api/v1/incidents/${id}/followers?userId=${follower.id}`), id),
    ).toContain('response');
    // A paged incident, acknowledged.
    const paged = await world.ok<IncidentView>(
      alice,
      'POST',
      '/api/v1/incidents',
      { serviceId: service.slug, title: 'Paged' },
      201,
    );
    expect(paged.status).toBe('triggered');
    expect(
      await partsAfter(() => world.ok(alice, 'POST', `/api/v1/incidents/${paged.id}/acknowledge`), paged.id),
    ).toEqual(expect.arrayContaining(['incident', 'timeline']));
  });
});

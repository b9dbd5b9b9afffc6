/**
 * Impacted services against a service deleted at the same moment: the
 * change waits for the deletion and answers that the service is gone (404),
 * instead of a foreign-key failure or a deadlock (the OpenAPI fuzz once hit
 * one: deleting a service while an incident's impacted services changed).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResponseWorld, type IncidentView, type ResponseWorld } from '../../test-support/response-fixtures.js';

let world: ResponseWorld;

beforeAll(async () => {
  world = await startResponseWorld();
}, 60_000);
afterAll(async () => world?.close());

describe('impacted services while a service is deleted', () => {
  it('waits for the deletion and says the service is gone', async () => {
    const alice = await world.person();
    const paging = await world.service(alice);
    const doomed = await world.service(alice);
    const incident = await world.ok<IncidentView>(
      alice,
      'POST',
      '/api/v1/incidents',
      { serviceId: paging.slug, title: 'Both impacted', severity: 'S3', page: 'none' },
      201,
    );
    await world.ok(alice, 'PUT', `/api/v1/incidents/${incident.id}/impacted-services`, { serviceIds: [doomed.id] });

    // An admin's deletion of the impacted service, left uncommitted: it holds the service and its impacted rows.
    const client = new pg.Client({ connectionString: world.t.app.config.databaseUrl! });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query('DELETE FROM integration_keys WHERE service_id = $1', [doomed.id]);
      await client.query('DELETE FROM services WHERE id = $1', [doomed.id]);
      const change = world.fails(alice, 'PUT', `/api/v1/incidents/${incident.id}/impacted-services`, {
        serviceIds: [doomed.id],
      });
      // The change waits for the service; once the deletion commits it is refused plainly.
      await waitUntilBlocked(client);
      await client.query('COMMIT');
      const refused = await change;
      expect(refused.status).toBe(404);
      expect(refused.message).toMatch(/deleted meanwhile/);
    } finally {
      await client.end();
    }
    const response = await world.response(incident.id);
    expect(response.impactedServices.map((s) => s.id)).toEqual([paging.id]);
  });
});

/** Until another session waits for a lock this one holds (the request has reached the database). */
async function waitUntilBlocked(client: pg.Client): Promise<void> {
  for (;;) {
    const { rows } = await client.query<{ n: string }>(
      'SELECT count(*) AS n FROM pg_stat_activity WHERE pg_backend_pid() = ANY (pg_blocking_pids(pid))',
    );
    if (Number(rows[0]!.n) > 0) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

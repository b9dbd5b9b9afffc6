/**
 * The error mapper never echoes PostgreSQL's own text: a database error that
 * reaches the edge becomes a plain message, whatever the database said.
 */
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { handleError } from './errors.js';

/** An error shaped like the ones node-postgres throws. */
const pgError = (code: string, message: string) =>
  Object.assign(new Error(message), { code, severity: 'ERROR', table: 'teams', column: 'name' });

describe('database errors at the edge', () => {
  it.each([
    ['22021', 'invalid byte sequence for encoding "UTF8": 0x00', 400],
    ['22003', 'value "99999999999" is out of range for type integer', 400],
    ['22P02', 'invalid input syntax for type uuid: "x"', 400],
    ['23505', 'duplicate key value violates unique constraint "teams_slug_key"', 409],
    ['23503', 'insert or update on table "services" violates foreign key constraint', 500],
    ['40P01', 'deadlock detected: Process 6258 waits for AccessExclusiveLock on tuple (0,4) of relation 86876', 409],
    ['40001', 'could not serialize access due to concurrent update', 409],
    ['42P01', 'relation "nothing" does not exist', 500],
    ['57P01', 'terminating connection due to administrator command', 503],
  ])('%s is answered without the database text', async (code, message, status) => {
    const app = Fastify({ logger: false });
    app.setErrorHandler(handleError(1024));
    app.get('/', async () => {
      throw pgError(code, message);
    });
    const response = await app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(status);
    expect(response.body).not.toContain(message.slice(0, 20));
    expect(response.body).not.toMatch(/teams|UTF8|constraint|relation|uuid|integer/);
    expect(response.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    await app.close();
  });
});

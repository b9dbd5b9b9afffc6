/**
 * The database client's prepared statements: the same statement is prepared
 * once per connection and reused; when a table changes shape under it (a
 * migration by another node) one call fails and the next prepares afresh.
 * Values kept for the life of a handle are disposed of when it closes.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-support/db.js';
import { connectDatabase, UNPREPARED, type DbHandle } from './client.js';
import { handleValue } from './context.js';

let database: TestDatabase;
let handle: DbHandle;

beforeAll(async () => {
  database = await createTestDatabase();
  handle = connectDatabase(database.url, { maxConnections: 1 });
  await sql`CREATE TABLE shapes (id int PRIMARY KEY, name text)`.execute(handle.db);
  await sql`INSERT INTO shapes VALUES (1, 'one')`.execute(handle.db);
});
afterAll(async () => {
  await handle?.close();
  await database?.drop();
});

const byId = (id: number) => sql<Record<string, unknown>>`SELECT * FROM shapes WHERE id = ${id}`.execute(handle.db);
const prepared = async () =>
  (
    await sql<{
      name: string;
      statement: string;
    }>`SELECT name, statement FROM pg_prepared_statements WHERE statement LIKE 'SELECT * FROM shapes%'`.execute(
      handle.db,
    )
  ).rows;

it('prepares a parameterised statement once per connection and reuses it', async () => {
  expect((await byId(1)).rows).toEqual([{ id: 1, name: 'one' }]);
  expect((await byId(2)).rows).toEqual([]);
  expect(await prepared()).toHaveLength(1);
});

it('after a table changes shape, one call fails and the next prepares the statement afresh', async () => {
  await sql`ALTER TABLE shapes ADD COLUMN colour text`.execute(handle.db);
  await expect(byId(1)).rejects.toMatchObject({ code: '0A000' });
  expect((await byId(1)).rows).toEqual([{ id: 1, name: 'one', colour: null }]);
  expect(await prepared()).toHaveLength(2);
});

it('statements without parameters run unprepared, so several in one string still work', async () => {
  await sql`UPDATE shapes SET name = 'uno' WHERE id = 1; UPDATE shapes SET colour = 'red' WHERE id = 1`.execute(
    handle.db,
  );
  expect((await byId(1)).rows).toEqual([{ id: 1, name: 'uno', colour: 'red' }]);
});

it('leaves a statement marked UNPREPARED unprepared (its text changes with its data)', async () => {
  const marked = await sql<{ id: number }>`${sql.raw(UNPREPARED)}SELECT id FROM shapes WHERE id = ${1}`.execute(
    handle.db,
  );
  expect(marked.rows).toEqual([{ id: 1 }]);
  const kept = await sql`SELECT name FROM pg_prepared_statements WHERE statement LIKE '%unprepared%'`.execute(
    handle.db,
  );
  expect(kept.rows).toEqual([]);
});

it('prepares nothing when told not to (behind a pooler that cannot keep prepared statements)', async () => {
  const plain = connectDatabase(database.url, { maxConnections: 1, prepareStatements: false });
  try {
    const rows = await sql<{ n: string }>`SELECT count(*) AS n FROM pg_prepared_statements WHERE ${1} = 1`.execute(
      plain.db,
    );
    expect(rows.rows[0]!.n).toBe('0');
  } finally {
    await plain.close();
  }
});

it('disposes of the values kept for the life of a handle when it closes, once, newest first', async () => {
  const other = connectDatabase(database.url, { maxConnections: 1 });
  const ended: string[] = [];
  const first = handleValue(
    other.db,
    'first',
    () => ({ name: 'first' }),
    (v) => void ended.push(v.name),
  );
  expect(
    handleValue(
      other.db,
      'first',
      () => ({ name: 'again' }),
      (v) => void ended.push(v.name),
    ),
  ).toBe(first);
  handleValue(
    other.db,
    'second',
    () => ({ name: 'second' }),
    (v) => void ended.push(v.name),
  );
  handleValue(other.db, 'kept', () => ({ name: 'kept' }));
  expect(ended).toEqual([]);
  await other.close();
  expect(ended).toEqual(['second', 'first']);
});

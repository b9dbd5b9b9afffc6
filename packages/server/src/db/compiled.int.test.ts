/**
 * compiledOnce on real PostgreSQL: the rows are those the query built with
 * the values gives, for single values, `in` lists of any length and arrays
 * passed whole; constants stay; the query is built once per shape, and the
 * statement sent is the one Kysely makes with the values.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-support/db.js';
import { spyOnStatements } from '../test-support/statements.js';
import type { Db } from './client.js';
import { compiledOnce } from './compiled.js';

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  const now = new Date('2026-03-02T10:00:00Z');
  await db
    .insertInto('settings')
    .values(['a', 'b', 'c', 'd'].map((k, i) => ({ key: `compiled.${k}`, value: JSON.stringify(i), updated_at: now })))
    .execute();
});
afterAll(async () => database?.drop());

const keys = (rows: Array<{ key: string }>) => rows.map((r) => r.key).sort();

describe('compiledOnce', () => {
  let builds = 0;
  const byKeys = compiledOnce((d: Db, v: { keys: string[]; prefix: string }) => {
    builds++;
    return d
      .selectFrom('settings')
      .select(['key', 'value'])
      .where('key', 'in', v.keys)
      .where('key', 'like', v.prefix)
      .where('key', '<>', 'compiled.none') // a constant of the query's own
      .orderBy('key');
  });

  it('gives the rows the query built with the values gives, for lists of every length, and builds once per length', async () => {
    const cases = [
      ['compiled.a'],
      ['compiled.b', 'compiled.c'],
      ['compiled.d', 'compiled.a'],
      ['compiled.c'],
      ['compiled.a', 'compiled.b', 'compiled.x'],
    ];
    for (const list of cases) {
      const direct = await db
        .selectFrom('settings')
        .select(['key', 'value'])
        .where('key', 'in', list)
        .where('key', 'like', 'compiled.%')
        .where('key', '<>', 'compiled.none')
        .orderBy('key')
        .execute();
      expect(await byKeys(db, { keys: list, prefix: 'compiled.%' })).toEqual(direct);
      expect(direct.length).toBeGreaterThan(0);
    }
    expect(await byKeys(db, { keys: ['compiled.a', 'compiled.b'], prefix: 'nothing%' })).toEqual([]);
    expect(builds).toBe(3); // lengths 1, 2 and 3
  });

  it('sends the statement Kysely makes with the values', async () => {
    const sent: Array<{ text: string }> = [];
    const stop = spyOnStatements((_client, text, result) => {
      if (text.includes('"settings"')) sent.push({ text });
      return result;
    });
    try {
      await byKeys(db, { keys: ['compiled.a', 'compiled.b'], prefix: 'compiled.%' });
      await db
        .selectFrom('settings')
        .select(['key', 'value'])
        .where('key', 'in', ['compiled.c', 'compiled.d'])
        .where('key', 'like', 'compiled.%')
        .where('key', '<>', 'compiled.none')
        .orderBy('key')
        .execute();
    } finally {
      stop();
    }
    const [compiled, direct] = sent;
    expect(sent).toHaveLength(2);
    expect(compiled!.text).toBe(direct!.text);
  });

  it('passes an array given whole to one parameter (= ANY) whole, whatever its length', async () => {
    let wholeBuilds = 0;
    const anyOf = compiledOnce((d: Db, v: { keys: string[] }) => {
      wholeBuilds++;
      return d
        .selectFrom('settings')
        .select('key')
        .where('key', '=', sql<string>`ANY(${v.keys}::text[])`);
    });
    expect(keys(await anyOf(db, { keys: ['compiled.a', 'compiled.d'] }))).toEqual(['compiled.a', 'compiled.d']);
    expect(keys(await anyOf(db, { keys: ['compiled.b', 'compiled.c', 'compiled.a'] }))).toEqual([
      'compiled.a',
      'compiled.b',
      'compiled.c',
    ]);
    expect(wholeBuilds).toBe(2);
  });

  it('runs in a transaction, seeing its own writes', async () => {
    const one = compiledOnce((d: Db, v: { key: string }) =>
      d.selectFrom('settings').selectAll().where('key', '=', v.key),
    );
    await db
      .transaction()
      .execute(async (tx) => {
        await tx.insertInto('settings').values({ key: 'compiled.tx', value: '"x"', updated_at: new Date() }).execute();
        expect(keys(await one(tx, { key: 'compiled.tx' }))).toEqual(['compiled.tx']);
        await sql`ROLLBACK`.execute(tx).catch(() => undefined);
        throw new Error('roll back');
      })
      .catch((error: Error) => expect(error.message).toBe('roll back'));
    expect(await one(db, { key: 'compiled.tx' })).toEqual([]);
  });
});

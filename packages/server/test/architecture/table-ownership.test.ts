/**
 * Every table has one writing module (STYLE.md): others go through that
 * module's index.ts. Writes are found in the code, comments left out: Kysely's
 * insertInto / updateTable / deleteFrom / mergeInto, db/batch.ts's deferred
 * inserts, and INSERT / UPDATE / DELETE in raw SQL.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readServerSources, SERVER_SRC, withoutComments } from './source-files.js';

/** Tables whose writers are infrastructure rather than one module, and why. */
const SHARED_INFRASTRUCTURE: Record<string, string> = {
  engine_jobs:
    'the durable job queue: db/outbox.ts enqueues in the caller transaction, engine/job-queue.ts claims and finishes',
};

/** The table names db/schema.ts declares in its Database interface. */
export function declaredTables(schemaText: string): string[] {
  const body = /export interface Database \{([^}]*)\}/.exec(schemaText)?.[1] ?? '';
  return [...body.matchAll(/^\s*([a-z_][a-z0-9_]*)\s*:/gm)].map((m) => m[1]!);
}

/** The known tables a piece of code writes. */
export function writtenTables(code: string, tables: Set<string>): Set<string> {
  const found = new Set<string>();
  const patterns = [
    /\b(?:insertInto|updateTable|deleteFrom|mergeInto|replaceInto)\(\s*['"`]([a-z_][a-z0-9_]*)/g,
    /\binsertDeferrable\(\s*[^,]+,\s*['"`]([a-z_][a-z0-9_]*)/g,
    /\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([a-z_][a-z0-9_]*)/gi,
  ];
  for (const pattern of patterns) {
    for (const match of code.matchAll(pattern)) {
      const table = match[1]!.toLowerCase();
      if (tables.has(table)) found.add(table);
    }
  }
  return found;
}

/** Table → the areas (modules/<x>, db, engine...) that write it. */
export function writersByTable(files: { area: string; text: string }[], tables: Set<string>): Map<string, Set<string>> {
  const writers = new Map<string, Set<string>>();
  for (const file of files) {
    for (const table of writtenTables(withoutComments(file.text), tables)) {
      const areas = writers.get(table) ?? new Set<string>();
      areas.add(file.area);
      writers.set(table, areas);
    }
  }
  return writers;
}

const sharedWriters = (writers: Map<string, Set<string>>) =>
  [...writers]
    .filter(([table, areas]) => areas.size > 1 && !(table in SHARED_INFRASTRUCTURE))
    .map(([table, areas]) => `${table}: ${[...areas].sort().join(', ')}`)
    .sort();

describe('table ownership', () => {
  const tables = new Set(declaredTables(readFileSync(join(SERVER_SRC, 'db/schema.ts'), 'utf8')));

  it('sees every kind of write, and a second writer fails the check', () => {
    const known = new Set(['incidents', 'incident_timeline', 'alerts']);
    expect([...writtenTables("db.updateTable('incidents').set(x)", known)]).toEqual(['incidents']);
    expect([...writtenTables("insertDeferrable(db, 'incident_timeline', row)", known)]).toEqual(['incident_timeline']);
    expect([
      ...writtenTables(
        'sql`INSERT INTO incident_timeline (a) SELECT 1 FOR UPDATE OF a ON CONFLICT DO UPDATE SET x = 1`',
        known,
      ),
    ]).toEqual(['incident_timeline']);
    expect([...writtenTables('sql`DELETE FROM "alerts" WHERE true`', known)]).toEqual(['alerts']);
    const files = [
      { area: 'modules/incidents', text: "db.insertInto('incident_timeline')" },
      {
        area: 'modules/notify',
        text: '// insertInto("incident_timeline") in a comment is no write\nsql`insert into incident_timeline values (1)`',
      },
    ];
    expect(sharedWriters(writersByTable(files, known))).toEqual([
      'incident_timeline: modules/incidents, modules/notify',
    ]);
  });

  it('knows the tables of db/schema.ts', () => {
    expect(tables.size).toBeGreaterThan(20);
    expect(tables.has('incidents')).toBe(true);
  });

  it('has one writing module for every table', () => {
    const writers = writersByTable(readServerSources(), tables);
    expect(writers.size).toBeGreaterThan(20);
    expect(sharedWriters(writers)).toEqual([]);
  });
});

/**
 * db/schema.ts says what the migrations made: the same tables, the same
 * columns, the same nullability, defaults where the type says a column may be
 * left out on insert, and a TypeScript type of the database type's kind. A
 * migration that forgets schema.ts (or the reverse) fails here, not at run time.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-support/db.js';

interface DeclaredColumn {
  type: string;
  nullable: boolean;
  /** Generated<…> or a ColumnType whose insert type takes undefined: the database fills it. */
  optionalOnInsert: boolean;
  kind: string;
}

/** Kinds of TypeScript column types, after aliases are followed. */
function kindOf(type: string, aliases: Map<string, string>): string {
  // A union written one member per line starts with '|'.
  const t = type.trim().replace(/^\|\s*/, '');
  if (aliases.has(t)) return kindOf(aliases.get(t)!, aliases);
  if (/^Timestamp$|^Date$/.test(t)) return 'timestamp';
  if (/^(Json|JsonWithDefault)$|^ColumnType<unknown\b/.test(t)) return 'json';
  const columnType = /^ColumnType<([^,]*),/.exec(t);
  if (columnType) return kindOf(columnType[1]!.replace(/\|\s*null\b/, ''), aliases);
  if (/\[\]$/.test(t)) return 'array';
  if (t === 'boolean') return 'boolean';
  if (t === 'number') return 'number';
  if (t === 'string' || /^'[^']*'(\s*\|\s*'[^']*')*$/.test(t)) return 'string';
  return `unknown(${t})`;
}

/** Reads db/schema.ts: table → column → what its type declares. */
function readDeclaredSchema(): Map<string, Map<string, DeclaredColumn>> {
  const file = fileURLToPath(new URL('./schema.ts', import.meta.url));
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  const aliases = new Map<string, string>();
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node)) interfaces.set(node.name.text, node);
    if (ts.isTypeAliasDeclaration(node)) aliases.set(node.name.text, node.type.getText(source));
  });
  const tables = new Map<string, Map<string, DeclaredColumn>>();
  for (const member of interfaces.get('Database')!.members) {
    if (!ts.isPropertySignature(member) || !member.type) continue;
    const table = member.name.getText(source);
    const columns = new Map<string, DeclaredColumn>();
    for (const column of interfaces.get(member.type.getText(source))!.members) {
      if (!ts.isPropertySignature(column) || !column.type) continue;
      let type = column.type.getText(source).replace(/\s+/g, ' ');
      let optionalOnInsert = false;
      const generated = /^Generated<(.*)>$/.exec(type);
      if (generated) {
        type = generated[1]!;
        optionalOnInsert = true;
      }
      const resolved = aliases.get(type) ?? type;
      const columnType = /^ColumnType<(.*)>$/.exec(resolved);
      if (columnType && /\bundefined\b/.test(columnType[1]!.split(',').slice(1).join(','))) optionalOnInsert = true;
      const parts = type.split('|').map((p) => p.trim());
      const nullable = parts.includes('null') || (columnType !== null && /^[^,]*\bnull\b/.test(columnType[1]!));
      const withoutNull = parts.filter((p) => p !== 'null').join(' | ');
      columns.set(column.name.getText(source), {
        type,
        nullable,
        optionalOnInsert,
        kind: kindOf(columnType ? resolved : withoutNull, aliases),
      });
    }
    tables.set(table, columns);
  }
  return tables;
}

const KIND_OF_UDT: Record<string, string[]> = {
  text: ['string'],
  varchar: ['string'],
  uuid: ['string'],
  citext: ['string'],
  int4: ['number'],
  int2: ['number'],
  int8: ['string'], // db/client.ts reads bigint as a string
  float8: ['number'],
  numeric: ['string'], // node-postgres reads numeric as a string (exact)
  date: ['string'], // db/client.ts reads a date as YYYY-MM-DD
  bool: ['boolean'],
  timestamptz: ['timestamp'],
  jsonb: ['json'],
  _uuid: ['array'],
  _text: ['array'],
};

interface ActualColumn {
  table_name: string;
  column_name: string;
  udt_name: string;
  is_nullable: 'YES' | 'NO';
  has_default: boolean;
}

let db: TestDatabase;
let actual: ActualColumn[];
const declared = readDeclaredSchema();
const BOOKKEEPING = new Set(['schema_migrations', 'tocsin_migrations']);

beforeAll(async () => {
  db = await createTestDatabase();
  const result = await db.pool.query<ActualColumn>(`
    SELECT c.table_name, c.column_name, c.udt_name, c.is_nullable,
           (c.column_default IS NOT NULL OR c.is_identity = 'YES' OR c.is_generated = 'ALWAYS') AS has_default
      FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
     WHERE c.table_schema = 'public'
     ORDER BY c.table_name, c.ordinal_position`);
  actual = result.rows.filter((r) => !BOOKKEEPING.has(r.table_name));
});
afterAll(async () => db?.drop());

describe('db/schema.ts matches the migrated database', () => {
  it('reads schema.ts (the check has something to compare)', () => {
    expect(declared.size).toBeGreaterThan(20);
    expect(declared.get('incidents')?.get('id')?.kind).toBe('string');
    expect(kindOf("'a' | 'b'", new Map())).toBe('string');
    expect(kindOf('Wat', new Map())).toBe('unknown(Wat)');
  });

  it('has the same tables', () => {
    const tables = [...new Set(actual.map((c) => c.table_name))].sort();
    expect([...declared.keys()].sort()).toEqual(tables);
  });

  it('has the same columns in each table', () => {
    const problems: string[] = [];
    for (const [table, columns] of declared) {
      const inDb = actual
        .filter((c) => c.table_name === table)
        .map((c) => c.column_name)
        .sort();
      const inTs = [...columns.keys()].sort();
      for (const name of inDb)
        if (!columns.has(name)) problems.push(`${table}.${name} is in the database, not in schema.ts`);
      for (const name of inTs)
        if (!inDb.includes(name)) problems.push(`${table}.${name} is in schema.ts, not in the database`);
    }
    expect(problems).toEqual([]);
  });

  it('declares each column with its nullability, its default and a type of its kind', () => {
    const problems: string[] = [];
    for (const column of actual) {
      const decl = declared.get(column.table_name)?.get(column.column_name);
      if (!decl) continue;
      const name = `${column.table_name}.${column.column_name}`;
      if (decl.nullable !== (column.is_nullable === 'YES'))
        problems.push(`${name}: nullable in ${decl.nullable ? 'schema.ts' : 'the database'} only`);
      if (decl.optionalOnInsert && !column.has_default && column.is_nullable === 'NO')
        problems.push(`${name}: Generated in schema.ts, but the database has no default`);
      const kinds = KIND_OF_UDT[column.udt_name] ?? [`no kind for ${column.udt_name}`];
      if (!kinds.includes(decl.kind))
        problems.push(`${name}: ${column.udt_name} in the database, ${decl.type} (${decl.kind}) in schema.ts`);
    }
    expect(problems).toEqual([]);
  });
});

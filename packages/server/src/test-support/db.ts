/**
 * A fresh database per test file, copied from the migrated template. Real
 * PostgreSQL, no mocks; dropped when the file is done.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { connectDatabase, type DbHandle } from '../db/client.js';

export interface TestDatabase extends DbHandle {
  url: string;
  name: string;
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** `tocsin_t_<run id>_<random>`: the run id tells a later run's cleanup whether this run is still alive (global-setup.ts). */
const testDatabaseName = () => `tocsin_t_${inject('testRunId')}_${randomBytes(6).toString('hex')}`;

/** Creates an empty database (no migrations) and returns its URL. */
export async function createEmptyDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = testDatabaseName();
  await adminQuery(`CREATE DATABASE "${name}"`);
  return {
    url: withDatabase(inject('adminDatabaseUrl'), name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

export async function createTestDatabase(options: { maxConnections?: number } = {}): Promise<TestDatabase> {
  const name = testDatabaseName();
  await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${inject('templateDatabase')}"`);
  const url = withDatabase(inject('adminDatabaseUrl'), name);
  const handle = connectDatabase(url, { maxConnections: options.maxConnections ?? 5 });
  let dropped = false;
  return {
    ...handle,
    url,
    name,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await handle.close();
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

/**
 * Makes a benchmark's next read of its database cold, in both caches it
 * would otherwise find warm after the load: PostgreSQL's shared buffers and
 * the operating system's page cache. PostgreSQL 15 cannot evict one
 * relation's buffers, so a relation the benchmark does not time is read
 * into them (pg_prewarm's 'buffer' mode takes no ring buffer) until none of
 * the others is left (pg_buffercache says); then, after a CHECKPOINT made
 * every page clean, the database's files are dropped from the page cache
 * (dd iflag=nocache, per file: no other database is touched). Where the
 * data directory cannot be read (another machine, another user), only the
 * shared buffers are emptied, and the returned line says so.
 *
 * The churn also evicts other databases' buffers on a shared server: a
 * benchmark's cost, paid by reading them again from the page cache.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';

/**
 * Empties the caches of the database `pool` reads; `filler` is a table larger than shared_buffers the
 * benchmark does not time. `pageCache: false` empties PostgreSQL's buffers only (as a restart of
 * PostgreSQL on a machine that stays up would).
 */
export async function coldCaches(
  pool: pg.Pool,
  filler: string,
  options: { pageCache?: boolean } = {},
): Promise<string> {
  await pool.query('CREATE EXTENSION IF NOT EXISTS pg_prewarm');
  await pool.query('CREATE EXTENSION IF NOT EXISTS pg_buffercache');
  const cached = async () =>
    Number(
      (
        await pool.query<{ n: string }>(
          `SELECT count(*) AS n FROM pg_buffercache b
           JOIN pg_class c ON b.relfilenode = pg_relation_filenode(c.oid)
           WHERE b.reldatabase = (SELECT oid FROM pg_database WHERE datname = current_database())
             AND c.relnamespace = 'public'::regnamespace AND c.relname NOT LIKE $1 || '%'`,
          [filler],
        )
      ).rows[0]!.n,
    );
  const before = await cached();
  let left = before;
  for (let pass = 0; pass < 6 && left > 0; pass++) {
    await pool.query(`SELECT pg_prewarm($1::regclass, 'buffer')`, [filler]);
    left = await cached();
  }
  await pool.query('CHECKPOINT');
  const buffers = `${before} → ${left} pages in PostgreSQL's buffers`;
  if (options.pageCache === false) return `cold: ${buffers}, the OS page cache kept`;
  try {
    const { rows } = await pool.query<{ dir: string; oid: string }>(
      `SELECT current_setting('data_directory') AS dir, oid FROM pg_database WHERE datname = current_database()`,
    );
    const dir = path.join(rows[0]!.dir, 'base', String(rows[0]!.oid));
    const files = readdirSync(dir).filter((f) => /^\d+(_\w+)?(\.\d+)?$/.test(f));
    for (const file of files) {
      execFileSync('dd', [`if=${path.join(dir, file)}`, 'iflag=nocache', 'count=0', 'status=none']);
    }
    return `cold: ${buffers}, the OS page cache of its ${files.length} files dropped`;
  } catch (error) {
    return `cold: ${buffers}; the OS page cache kept (${(error as Error).message.split('\n')[0]})`;
  }
}

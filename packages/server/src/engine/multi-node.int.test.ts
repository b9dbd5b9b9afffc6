/**
 * Several Tocsin server processes against one PostgreSQL: every due row runs
 * exactly once, none is missed, also when one process is killed mid-run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueJob } from '../db/outbox.js';
import { createTestDatabase, type TestDatabase } from '../test-support/db.js';

const NODE_SCRIPT = fileURLToPath(new URL('../test-support/engine-node.ts', import.meta.url));
let database: TestDatabase;
const children: ChildProcess[] = [];

function startNode(nodeId: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', NODE_SCRIPT], {
    env: { ...process.env, DATABASE_URL: database.url, NODE_ID: nodeId, PROBE_DELAY_MS: '5' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (c: Buffer) => {
      output += c.toString();
      if (output.includes('ready ')) resolve(child);
    });
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.on('exit', (code) => reject(new Error(`node ${nodeId} exited (${code}) before ready:\n${output}`)));
  });
}

async function enqueueMany(count: number): Promise<void> {
  const now = new Date(Date.now() - 1000);
  await database.db.transaction().execute(async (tx) => {
    for (let n = 0; n < count; n++) await enqueueJob(tx, { kind: 'probe.record', payload: { n }, runAt: now }, now);
  });
}

async function waitUntilDone(timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const row = await database.db
      .selectFrom('engine_jobs')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    if (Number(row.n) === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('jobs still pending after the time limit');
}

async function runsPerJob() {
  const result = await sql<{ job_id: string; runs: string; nodes: string }>`
    SELECT j.id AS job_id, count(p.job_id) AS runs, string_agg(DISTINCT p.node, ',') AS nodes
    FROM engine_jobs j LEFT JOIN engine_probe p ON p.job_id = j.id
    GROUP BY j.id`.execute(database.db);
  return result.rows;
}

beforeAll(async () => {
  database = await createTestDatabase({ maxConnections: 3 });
  await sql`CREATE TABLE engine_probe (job_id bigint NOT NULL, node text NOT NULL)`.execute(database.db);
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await database?.drop();
});

describe('engine across processes', () => {
  it('three nodes run 600 due jobs exactly once each, sharing the work', { timeout: 120_000 }, async () => {
    await Promise.all([startNode('a'), startNode('b'), startNode('c')]);
    await enqueueMany(600);
    await waitUntilDone();
    const rows = await runsPerJob();
    expect(rows).toHaveLength(600);
    expect(rows.filter((r) => Number(r.runs) !== 1)).toEqual([]);
    const nodes = new Set(rows.map((r) => r.nodes));
    expect(nodes.size).toBeGreaterThanOrEqual(2); // the work really was shared
    for (const child of children.splice(0)) child.kill('SIGTERM');
  });

  it('when one node is killed mid-run, the others finish every job, none twice', { timeout: 120_000 }, async () => {
    await sql`TRUNCATE engine_probe, engine_jobs`.execute(database.db);
    const [victim] = await Promise.all([startNode('victim'), startNode('survivor-1'), startNode('survivor-2')]);
    await enqueueMany(600);
    // Kill the victim once it has done some of the work.
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const done = await sql<{ n: string }>`SELECT count(*) AS n FROM engine_probe WHERE node = 'victim'`.execute(
        database.db,
      );
      if (Number(done.rows[0]!.n) > 20) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    victim!.kill('SIGKILL');
    await waitUntilDone();
    const rows = await runsPerJob();
    expect(rows).toHaveLength(600);
    expect(rows.filter((r) => Number(r.runs) !== 1)).toEqual([]);
    const byVictim = rows.filter((r) => r.nodes === 'victim').length;
    expect(byVictim).toBeGreaterThan(0);
    expect(byVictim).toBeLessThan(600);
  });
});

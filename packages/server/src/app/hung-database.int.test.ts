/**
 * A database that hangs (frozen with SIGSTOP, not stopped: connections stay
 * open and nothing answers). Tocsin runs on a PostgreSQL of its own here, so
 * freezing it disturbs no other test. While frozen, an API read and
 * PagerDuty ingest answer 503 with Retry-After within seconds, /readyz
 * answers 503, and nothing is ever 202; after SIGCONT the same server
 * accepts again without a restart, and every event it accepted is stored.
 */
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { systemActor } from '../lib/actor.js';
import { silentLogger } from '../lib/logger.js';
import { createApiToken } from '../modules/auth/index.js';
import { createUser } from '../modules/users/index.js';
import { testConfig } from '../test-support/app.js';
import { insertIntegrationKey, insertPolicy, insertService } from '../test-support/paging-fixtures.js';
import { createTocsin, type Tocsin } from './app.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';

/** Generous on a slow shared machine; the timeouts below are 1.5 s. */
const ANSWER_BOUND_MS = 8_000;

const dataRoot = mkdtempSync(path.join(os.tmpdir(), 'tocsin-hung-'));
chmodSync(dataRoot, 0o755);
let postgres: EmbeddedPostgres | undefined;
let tocsin: Tocsin | undefined;
let url = '';
let token = '';
let routingKey = '';
let frozen: number[] = [];

/** The postmaster and every process under it (backends, checkpointer, walwriter...). */
function postgresProcesses(): number[] {
  const postmaster = Number(readFileSync(path.join(postgres!.pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const pids = [postmaster];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === postmaster) pids.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

function signal(pids: number[], name: 'SIGSTOP' | 'SIGCONT'): void {
  for (const pid of pids) {
    try {
      process.kill(pid, name);
    } catch {
      // exited meanwhile
    }
  }
}

function freeze(): void {
  frozen = postgresProcesses();
  signal(frozen, 'SIGSTOP');
}

function thaw(): void {
  signal(frozen, 'SIGCONT');
  frozen = [];
}

async function timed(
  pathname: string,
  init: RequestInit = {},
): Promise<{ status: number; ms: number; retryAfter: string | null; body: unknown }> {
  const started = Date.now();
  const response = await fetch(`${url}${pathname}`, { ...init, signal: AbortSignal.timeout(60_000) });
  const text = await response.text();
  return {
    status: response.status,
    ms: Date.now() - started,
    retryAfter: response.headers.get('retry-after'),
    body: text ? (JSON.parse(text) as unknown) : null,
  };
}

const enqueue = (dedupKey: string) =>
  timed('/v2/enqueue', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      routing_key: routingKey,
      event_action: 'trigger',
      dedup_key: dedupKey,
      payload: { summary: `Disk full ${dedupKey}`, source: 'db1', severity: 'critical' },
    }),
  });
const readTeams = () => timed('/api/v1/teams', { headers: { authorization: `Bearer ${token}` } });

beforeAll(async () => {
  postgres = await startEmbeddedPostgres({ dataDir: path.join(dataRoot, 'data'), logger: silentLogger });
  const admin = connectDatabase(postgres.url, { maxConnections: 1 });
  try {
    await migrate(admin.pool);
  } finally {
    await admin.close();
  }
  const config = testConfig({
    databaseUrl: postgres.url,
    databaseConnectTimeoutMs: 1_500,
    databaseStatementTimeoutMs: 1_500,
  });
  tocsin = await createTocsin(
    { ...config, databaseUrl: postgres.url },
    { logger: silentLogger, maxConnections: 5, shutdownGraceMs: 500 },
  );
  url = await tocsin.start();
  const ctx = { db: tocsin.db, clock: tocsin.clock, actor: systemActor('test'), source: 'cli' as const };
  const user = await createUser(ctx, {
    email: 'owner@example.com',
    name: 'Owner',
    role: 'owner',
    password: 'correct horse battery staple',
  });
  token = (await createApiToken(ctx, { name: 'test', scopes: ['read', 'write', 'admin'], userId: user.id })).token;
  const service = await insertService(tocsin.db, tocsin.clock, {
    policyId: await insertPolicy(tocsin.db, tocsin.clock, []),
  });
  routingKey = (await insertIntegrationKey(tocsin.db, tocsin.clock, service, 'events_v2')).routingKey;
}, 120_000);

afterAll(async () => {
  if (frozen.length > 0) thaw();
  await tocsin?.close().catch(() => undefined);
  await postgres?.stop().catch(() => undefined);
  rmSync(dataRoot, { recursive: true, force: true });
}, 60_000);

describe('a database that hangs', () => {
  it(
    'answers 503 within seconds while PostgreSQL is frozen, and recovers without a restart',
    { timeout: 120_000 },
    async () => {
      const accepted: string[] = [];
      expect((await readTeams()).status).toBe(200);
      expect((await enqueue('before')).status).toBe(202);
      accepted.push('before');
      expect((await timed('/readyz')).status).toBe(200);

      freeze();
      try {
        // Twice: the first round meets the pool's open connections, the second the ones opened after.
        for (const round of [1, 2]) {
          const [read, ingest, ready] = await Promise.all([readTeams(), enqueue(`frozen-${round}`), timed('/readyz')]);
          expect(read.status, JSON.stringify(read.body)).toBe(503);
          expect((read.body as { error: { code: string } }).error.code).toBe('unavailable');
          expect(read.retryAfter).toMatch(/^\d+$/);
          expect(read.ms).toBeLessThan(ANSWER_BOUND_MS);

          expect(ingest.status, JSON.stringify(ingest.body)).toBe(503);
          expect((ingest.body as { status: string }).status).toBe('unavailable'); // PagerDuty's shape
          expect(ingest.retryAfter).toMatch(/^\d+$/);
          expect(ingest.ms).toBeLessThan(ANSWER_BOUND_MS);

          expect(ready.status).toBe(503);
          expect(
            (ready.body as { checks: { database: { ok: boolean; message: string } } }).checks.database,
          ).toMatchObject({ ok: false });
          expect(ready.ms).toBeLessThan(ANSWER_BOUND_MS);
        }
      } finally {
        thaw();
      }

      // The same server recovers: 202 again (after the pool has dropped the connections it gave up on).
      let after = await enqueue('after-0');
      for (let attempt = 1; after.status !== 202 && attempt < 40; attempt++) after = await enqueue(`after-${attempt}`);
      expect(after.status).toBe(202);
      accepted.push((after.body as { dedup_key: string }).dedup_key);
      expect((await readTeams()).status).toBe(200);
      expect((await timed('/readyz')).status).toBe(200);

      // Nothing accepted was lost.
      const stored = await tocsin!.db.selectFrom('inbound_events').select('dedup_key').execute();
      for (const dedupKey of accepted) expect(stored.map((r) => r.dedup_key)).toContain(dedupKey);
    },
  );
});

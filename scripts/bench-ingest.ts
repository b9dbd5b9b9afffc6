/**
 * bench:ingest: PagerDuty Events API v2 events per second into real
 * PostgreSQL, beside the raw single-row insert rate the same pg driver
 * reaches with the same concurrency into a comparable table, in one run.
 *
 * Starts the real server (createTocsin) with the engine off, so only the
 * ingest edge is measured, on a fresh database in DATABASE_URL's server (or
 * an embedded PostgreSQL started here), and drives POST /v2/enqueue over
 * keep-alive connections from a sender process of its own
 * (bench-ingest-sender.ts; BENCH_SENDER=inline sends from this process, in
 * the server's event loop, as the bench did before), with a minimal HTTP/1.1
 * client on plain sockets, as wrk's (BENCH_CLIENT=node: node:http's agent,
 * which spends twice the sender's CPU on the same two cores): (a) a new
 * dedup key per event, (b) dedup keys repeated from a small set. Each phase
 * runs BENCH_ROUNDS times in rotating order (the machine is shared; the mean
 * is reported), with the CPU each side spent per event, and the CPU the
 * server and PostgreSQL spent per event beside what the raw INSERT's driver
 * and PostgreSQL spent (the sender's share of the two cores aside). Prints
 * figures; asserts nothing.
 *
 *   npm run bench:ingest       BENCH_EVENTS=20000 BENCH_CONCURRENCY=32 BENCH_ROUNDS=2 BENCH_SENDER=process BENCH_CLIENT=socket
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createTocsin } from '../packages/server/src/app/app.js';
import { loadConfig } from '../packages/server/src/app/config.js';
import { migrate } from '../packages/server/src/db/migrate.js';
import { newId } from '../packages/server/src/lib/ids.js';
import { createLogger } from '../packages/server/src/lib/logger.js';
import { openBenchDatabase } from './bench-database.js';
import { eventBody, send, SENDER_CLIENT, type SendOrder } from './bench-ingest-sender.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const POOL_SIZE = 20; // createTocsin's default pool size; the raw run gets the same
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const REPEATED_KEYS = 100;
const SENDER = process.env.BENCH_SENDER === 'inline' ? 'inline' : 'process';
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU seconds (user + system) used so far by the embedded PostgreSQL's processes; 0 when it is not ours. */
function postgresCpuSeconds(pgDir: string | undefined): number {
  if (!pgDir) return 0;
  let postmaster: number;
  try {
    postmaster = Number(readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return 0;
  }
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(entry) === postmaster || Number(fields[1]) === postmaster)
        ticks += Number(fields[11]) + Number(fields[12]);
      // Backends that have exited (the pool closes idle connections) count in the postmaster's cutime and cstime.
      if (Number(entry) === postmaster) ticks += Number(fields[13]) + Number(fields[14]);
    } catch {
      // gone meanwhile
    }
  }
  return ticks / TICKS_PER_SECOND;
}

/** CPU seconds (user + system) used so far by one process; 0 when it cannot be read. */
function processCpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

interface Measured {
  perSecond: number;
  /** CPU milliseconds per event: this process (the server; the sender too when inline), the sender's process, PostgreSQL. */
  nodeCpuMs: number;
  senderCpuMs: number;
  pgCpuMs: number;
}

/** Runs `work` (which handles `total` events) and returns events per second and the CPU they cost. */
async function measure(
  total: number,
  pgDir: string | undefined,
  senderPid: number | undefined,
  work: () => Promise<void>,
): Promise<Measured> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const pgCpu = postgresCpuSeconds(pgDir);
  const senderCpu = processCpuSeconds(senderPid);
  await work();
  const used = process.cpuUsage(cpu);
  return {
    perSecond: total / ((performance.now() - started) / 1000),
    nodeCpuMs: (used.user + used.system) / 1000 / total,
    senderCpuMs: ((processCpuSeconds(senderPid) - senderCpu) * 1000) / total,
    pgCpuMs: ((postgresCpuSeconds(pgDir) - pgCpu) * 1000) / total,
  };
}

/** Runs `total` jobs with `concurrency` workers. */
async function concurrently(total: number, concurrency: number, job: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await job(next++);
    }),
  );
}

const mean = (runs: Measured[]): Measured => ({
  perSecond: runs.reduce((a, r) => a + r.perSecond, 0) / runs.length,
  nodeCpuMs: runs.reduce((a, r) => a + r.nodeCpuMs, 0) / runs.length,
  senderCpuMs: runs.reduce((a, r) => a + r.senderCpuMs, 0) / runs.length,
  pgCpuMs: runs.reduce((a, r) => a + r.pgCpuMs, 0) / runs.length,
});

/** The sender: in a process of its own (answering each order over IPC), or in this one. */
function startSender(): { pid: number | undefined; send(order: SendOrder): Promise<void>; stop(): void } {
  if (SENDER === 'inline') return { pid: undefined, send, stop: () => undefined };
  const child = fork(fileURLToPath(new URL('./bench-ingest-sender.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    stdio: 'inherit',
  });
  return {
    pid: child.pid,
    send: (order) =>
      new Promise<void>((resolve, reject) => {
        child.once('message', (answer: { ok: boolean; error?: string }) =>
          answer.ok ? resolve() : reject(new Error(`sender: ${answer.error}`)),
        );
        child.send(order);
      }),
    stop: () => child.disconnect(),
  };
}

async function main() {
  const database = await openBenchDatabase();
  const { url } = database;
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE });
  pool.on('error', () => undefined); // the final DROP ... WITH (FORCE) may still find an idle connection
  let app: Awaited<ReturnType<typeof createTocsin>> | undefined;
  const sender = startSender();
  try {
    await migrate(pool);
    const now = new Date();
    const policyId = newId(now);
    const serviceId = newId(now);
    const keyId = newId(now);
    const routingKey = randomBytes(16).toString('hex');
    await pool.query(
      `INSERT INTO escalation_policies (id, name, levels, created_at, updated_at) VALUES ($1, 'bench', '[]', $2, $2)`,
      [policyId, now],
    );
    await pool.query(
      `INSERT INTO services (id, slug, name, escalation_policy_id, urgency_rules, sla_targets, created_at, updated_at) VALUES ($1, 'bench', 'bench', $2, '[]', '{}', $3, $3)`,
      [serviceId, policyId, now],
    );
    await pool.query(
      `INSERT INTO integration_keys (id, service_id, type, name, routing_key, created_at, updated_at) VALUES ($1, $2, 'events_v2', 'bench', $3, $4, $4)`,
      [keyId, serviceId, routingKey, now],
    );

    const config = loadConfig({
      ...process.env,
      DATABASE_URL: url,
      TOCSIN_PORT: '0',
      TOCSIN_ENGINE: 'false',
      TOCSIN_DEMO: 'false',
      TOCSIN_INGEST_RATE_PER_MINUTE: '10000000',
      TOCSIN_SMTP_INBOUND_PORT: '',
    });
    app = await createTocsin(
      { ...config, databaseUrl: url },
      { logger: createLogger({ level: 'warn' }), maxConnections: POOL_SIZE },
    );
    const baseUrl = await app.start();
    const sent = (prefix: string, total: number, modulo?: number) => () =>
      sender.send({ baseUrl, routingKey, total, concurrency: CONCURRENCY, prefix, modulo });

    // The raw baseline: one INSERT per statement, same driver, same concurrency, same row contents.
    await pool.query('CREATE TABLE bench_raw_events (LIKE inbound_events INCLUDING DEFAULTS INCLUDING INDEXES)');
    const rawInsert = (i: number) => {
      const event = JSON.parse(eventBody(routingKey, `raw-${i}`)) as {
        dedup_key: string;
        payload: Record<string, unknown>;
      };
      const alert = {
        ...event.payload,
        links: [{ href: 'https://monitoring.example.com/db-1', text: 'Dashboard' }],
        images: [],
        client: 'bench',
      };
      return pool
        .query(
          'INSERT INTO bench_raw_events (integration_key_id, received_at, action, dedup_key, alert, raw) VALUES ($1, $2, $3, $4, $5, $6)',
          [keyId, new Date(), 'trigger', event.dedup_key, JSON.stringify(alert), JSON.stringify(event)],
        )
        .then(() => undefined);
    };

    const { pgDir } = database;
    const phases: Record<string, (round: number) => () => Promise<void>> = {
      raw: () => () => concurrently(EVENTS, CONCURRENCY, rawInsert),
      fresh: (round) => sent(`new-${round}-`, EVENTS),
      repeated: () => sent('same-', EVENTS, REPEATED_KEYS),
    };
    const warmUp = Math.min(2_000, EVENTS / 10);
    await measure(warmUp, pgDir, sender.pid, sent('warm-', warmUp));
    await measure(warmUp, pgDir, sender.pid, () => concurrently(warmUp, CONCURRENCY, rawInsert));

    const runs: Record<string, Measured[]> = { raw: [], fresh: [], repeated: [] };
    const order = Object.keys(phases);
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of [...order.slice(round % order.length), ...order.slice(0, round % order.length)]) {
        runs[name]!.push(await measure(EVENTS, pgDir, sender.pid, phases[name]!(round)));
      }
    }
    const raw = mean(runs.raw!);
    const fresh = mean(runs.fresh!);
    const repeated = mean(runs.repeated!);

    const { rows } = await pool.query<{ n: string }>(
      "SELECT count(*) AS n FROM inbound_events WHERE dedup_key NOT LIKE 'warm-%'",
    );
    const version = (await pool.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
    const fmt = (m: Measured, sending = false) =>
      `${Math.round(m.perSecond).toLocaleString('en').padStart(6)} /s   cpu/event: node ${m.nodeCpuMs.toFixed(2)} ms${sending && SENDER === 'process' ? `, sender ${m.senderCpuMs.toFixed(2)} ms` : ''}${pgDir ? `, postgres ${m.pgCpuMs.toFixed(2)} ms` : ''}`;
    const each = (name: string) =>
      `[${runs[name]!.map((m) => Math.round(m.perSecond).toLocaleString('en')).join(', ')}]`;
    console.log(
      `bench:ingest: ${EVENTS} events × ${ROUNDS} rounds per phase, ${CONCURRENCY} concurrent keep-alive requests (sender: ${SENDER === 'process' ? 'a process of its own' : "in the server's process"}, ${SENDER_CLIENT === 'socket' ? 'plain sockets' : 'node:http'}), pool ${POOL_SIZE}, ${os.cpus().length} cores (load ${os.loadavg()[0]!.toFixed(1)}), node ${process.version}, ${database.kind} PostgreSQL ${version}`,
    );
    console.log(`raw single-row INSERT, same driver and concurrency: ${fmt(raw)}  ${each('raw')}`);
    console.log(
      `POST /v2/enqueue, new dedup keys:                  ${fmt(fresh, true)}  ${each('fresh')}  = ${(fresh.perSecond / raw.perSecond).toFixed(2)} × raw`,
    );
    console.log(
      `POST /v2/enqueue, repeated dedup keys (${REPEATED_KEYS}):       ${fmt(repeated, true)}  ${each('repeated')}  = ${(repeated.perSecond / raw.perSecond).toFixed(2)} × raw`,
    );
    if (pgDir && SENDER === 'process') {
      const cpu = (m: Measured) => m.nodeCpuMs + m.pgCpuMs;
      console.log(
        `CPU per event, server + PostgreSQL beside the raw INSERT's driver + PostgreSQL (${cpu(raw).toFixed(2)} ms): new keys ${cpu(fresh).toFixed(2)} ms = ${(cpu(fresh) / cpu(raw)).toFixed(2)} × raw, repeated keys ${cpu(repeated).toFixed(2)} ms = ${(cpu(repeated) / cpu(raw)).toFixed(2)} × raw`,
      );
    }
    console.log(`stored: ${rows[0]!.n} inbound events (expected ${2 * ROUNDS * EVENTS})`);
  } finally {
    sender.stop();
    await app?.close();
    await pool.end();
    await database.drop();
  }
}

await main();

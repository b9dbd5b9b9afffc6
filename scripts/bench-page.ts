/**
 * bench:page: latency from an alert arriving at POST /v2/enqueue to the first
 * notification being handed to the provider (the SMS request reaching a local
 * Twilio-compatible server), at a steady 200 events per second, and the
 * server's memory under that load. The server runs as its own process
 * (`tocsin serve`, engine on) on a fresh database in DATABASE_URL's server,
 * or an embedded PostgreSQL started here (the default install; reached over
 * its Unix socket). Prints the latency, the CPU each process used per event,
 * where the time goes between the pipeline's stages, and memory; asserts
 * nothing.
 *
 *   npm run bench:page     BENCH_RATE=200 BENCH_SECONDS=15 BENCH_NODES=1
 *   Storm: BENCH_BURST=5000 (at BENCH_RATE, default then 1,000/s, over distinct services and dedup
 *   keys, after a 20/s warm-up) also prints the time from its first event to its last first page.
 *   BENCH_PRIME=1: the node has seen every service once before the run (see PRIME).
 *   BENCH_STEADY_AFTER=20 (with BENCH_SECONDS=60): also the CPU per event from the 20th second on.
 *   (prebench:page compiles the server and CLI first: the server runs from dist/.)
 *   To look inside: BENCH_SERVER_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof" (the server's
 *   Node flags) and BENCH_SERVER_LOG=/tmp/server.log (its output); BENCH_PG_STATEMENTS=1 (embedded
 *   PostgreSQL) prints the statements sent per event (round trips) and those that took PostgreSQL's time
 *   (pg_stat_statements), per event; BENCH_PG_STATEMENTS_BY=calls orders them by calls instead, and
 *   BENCH_PG_STATEMENTS_TOP=n prints n of them.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { migrate } from '../packages/server/src/db/migrate.js';
import { newId } from '../packages/server/src/lib/ids.js';
import { startFakeTwilio } from '../packages/server/src/test-support/fake-vendors/fake-twilio.js';
import { openBenchDatabase, PG_STATEMENTS, printStatements, resetStatements } from './bench-database.js';

/**
 * Storm mode: BENCH_BURST events (distinct services and dedup keys) at BENCH_RATE (default 1,000/s)
 * after a gentle warm-up, and the time from the burst's first event to its last first notification.
 */
const BURST = Number(process.env.BENCH_BURST ?? 0);
const RATE = Number(process.env.BENCH_RATE ?? (BURST ? 1000 : 200));
const SECONDS = BURST ? BURST / RATE : Number(process.env.BENCH_SECONDS ?? 15);
/** Events a second during the storm mode's warm-up (the steady mode climbs to RATE instead). */
const BURST_WARMUP_RATE = 20;
/**
 * BENCH_PRIME=1: before the run, one resolve for each service (of an alert that does not exist: no
 * incident, no page), so that the node has seen every service once, as a node that has run for a
 * while has; without it, half the run's events are their service's first since the node started.
 */
const PRIME = process.env.BENCH_PRIME === '1';
/** Tocsin nodes (`tocsin serve` processes) on the one database; events go to them in turn, as through a load balancer. */
const NODES = Number(process.env.BENCH_NODES ?? 1);
const WARMUP_SECONDS = 3;
/**
 * BENCH_STEADY_AFTER=n: also print the CPU per event of the events sent from the n-th second of
 * sending on (the warm-up's 3 included), as a node that has run for a while spends it: a fresh
 * process compiles its code and meets every service for the first time in its first seconds.
 */
const STEADY_AFTER = Number(process.env.BENCH_STEADY_AFTER ?? 0);
// Enough people that nobody gets more than two pages in the throttle window (a third would be bundled).
const PEOPLE = BURST ? BURST + BURST_WARMUP_RATE * WARMUP_SECONDS : Math.ceil((RATE * (SECONDS + WARMUP_SECONDS)) / 2);
const CLI = fileURLToPath(new URL('../packages/cli/bin/tocsin.js', import.meta.url));

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const rssMiB = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
/**
 * CPU seconds (user + system) a process has used; 100 clock ticks a second on Linux. With
 * `reaped`, also its children that have exited (a postmaster's closed backends).
 */
const cpuSeconds = (pid: number | string, reaped = false, part: 'all' | 'kernel' = 'all') => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /, '')
      .split(' ');
    const user = part === 'all' ? Number(fields[11]) + (reaped ? Number(fields[13]) : 0) : 0;
    return (user + Number(fields[12]) + (reaped ? Number(fields[14]) : 0)) / 100;
  } catch {
    return 0;
  }
};
/**
 * CPU seconds used so far by the PostgreSQL under test: with the embedded
 * cluster, its postmaster and the backends it started (another PostgreSQL on
 * the machine is not counted); with DATABASE_URL, every postgres process on
 * this machine (the output says which).
 */
const postgresCpuSeconds = (postmaster: string | undefined, part: 'all' | 'kernel' = 'all') =>
  readdirSync('/proc')
    .filter((pid) => /^\d+$/.test(pid))
    .filter((pid) => {
      try {
        if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') return false;
        if (!postmaster) return true;
        const parent = readFileSync(`/proc/${pid}/stat`, 'utf8')
          .replace(/^.*\) /, '')
          .split(' ')[1];
        return pid === postmaster || parent === postmaster;
      } catch {
        return false;
      }
    })
    .reduce((sum, pid) => sum + cpuSeconds(pid, pid === postmaster, part), 0);

async function seed(pool: pg.Pool): Promise<string[]> {
  const now = new Date();
  const routingKeys: string[] = [];
  for (let start = 0; start < PEOPLE; start += 500) {
    const rows = Array.from({ length: Math.min(500, PEOPLE - start) }, (_, j) => {
      const i = start + j;
      return {
        i,
        user: newId(now),
        method: newId(now),
        rule: newId(now),
        policy: newId(now),
        service: newId(now),
        key: newId(now),
        routing: randomBytes(16).toString('hex'),
      };
    });
    const values = (n: number, per: number) =>
      rows.map((_, r) => `(${Array.from({ length: per }, (_, c) => `$${r * per + c + 1 + n}`).join(',')})`).join(',');
    await pool.query(
      `INSERT INTO users (id, email, name, role, created_at, updated_at) VALUES ${values(0, 3)}`.replace(
        /\((\$\d+),(\$\d+),(\$\d+)\)/g,
        "($1,$2,$3,'responder',now(),now())",
      ),
      rows.flatMap((r) => [r.user, `p${r.i}@bench.test`, `Person ${r.i}`]),
    );
    await pool.query(
      `INSERT INTO contact_methods (id, user_id, type, label, address, verified_at, created_at, updated_at) VALUES ${values(0, 3)}`.replace(
        /\((\$\d+),(\$\d+),(\$\d+)\)/g,
        "($1,$2,'sms','sms',$3,now(),now(),now())",
      ),
      rows.flatMap((r) => [r.method, r.user, `+1555${String(r.i).padStart(7, '0')}`]),
    );
    await pool.query(
      `INSERT INTO notification_rules (id, user_id, contact_method_id, urgency, delay_minutes, created_at) VALUES ${values(0, 3)}`.replace(
        /\((\$\d+),(\$\d+),(\$\d+)\)/g,
        "($1,$2,$3,'high',0,now())",
      ),
      rows.flatMap((r) => [r.rule, r.user, r.method]),
    );
    await pool.query(
      `INSERT INTO escalation_policies (id, name, levels, created_at, updated_at) VALUES ${values(0, 3)}`.replace(
        /\((\$\d+),(\$\d+),(\$\d+)\)/g,
        '($1,$2,$3,now(),now())',
      ),
      rows.flatMap((r) => [
        r.policy,
        `bench ${r.i}`,
        JSON.stringify([{ delayMinutes: 30, targets: [{ type: 'user', id: r.user }] }]),
      ]),
    );
    await pool.query(
      `INSERT INTO services (id, slug, name, escalation_policy_id, urgency_rules, sla_targets, created_at, updated_at) VALUES ${values(0, 3)}`.replace(
        /\((\$\d+),(\$\d+),(\$\d+)\)/g,
        `($1,$2,$2,$3,'[{"urgency":"high","priority":"P1"}]','{"high":{"ackMinutes":15,"resolveMinutes":240},"low":{"ackMinutes":240,"resolveMinutes":2880}}',now(),now())`,
      ),
      rows.flatMap((r) => [r.service, `bench-${r.i}`, r.policy]),
    );
    await pool.query(
      `INSERT INTO integration_keys (id, service_id, type, name, routing_key, created_at, updated_at) VALUES ${values(0, 3)}`.replace(
        /\((\$\d+),(\$\d+),(\$\d+)\)/g,
        "($1,$2,'events_v2','bench',$3,now(),now())",
      ),
      rows.flatMap((r) => [r.key, r.service, r.routing]),
    );
    routingKeys.push(...rows.map((r) => r.routing));
  }
  return routingKeys;
}

function startServer(env: Record<string, string>): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const nodeFlags = (process.env.BENCH_SERVER_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeFlags, CLI, 'serve'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (c: Buffer) => {
      out += c.toString();
      if (process.env.BENCH_SERVER_LOG) appendFileSync(process.env.BENCH_SERVER_LOG, c);
      const match = /listening on (\S+),/.exec(out);
      if (match)
        resolve({
          url: match[1]!,
          pid: child.pid!,
          stop: () =>
            new Promise((r) => {
              child.once('exit', () => r());
              child.kill('SIGTERM');
            }),
        });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`tocsin serve exited (${code}):\n${out}`)));
  });
}

async function main() {
  const database = await openBenchDatabase();
  const { url } = database;
  // The embedded cluster's postmaster: its processes are the PostgreSQL under test.
  const postmaster = database.pgDir
    ? readFileSync(`${database.pgDir}/postmaster.pid`, 'utf8').split('\n')[0]!.trim()
    : undefined;
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on('error', () => undefined); // the final DROP ... WITH (FORCE) may still find an idle connection
  const twilio = await startFakeTwilio();
  const servers: Array<Awaited<ReturnType<typeof startServer>>> = [];
  try {
    await migrate(pool);
    const routingKeys = await seed(pool);
    // The seeded tables' statistics, as autovacuum keeps them on a database in use: without, the
    // planner takes the people and services of the run for the empty tables they were. (The tables
    // the run fills start empty and unanalysed, as on a new install.)
    await pool.query(
      'ANALYZE users, contact_methods, notification_rules, escalation_policies, services, integration_keys',
    );
    const serverEnv = {
      DATABASE_URL: url,
      TOCSIN_PORT: '0',
      TOCSIN_LOG_LEVEL: 'warn',
      TOCSIN_DEMO: 'false',
      TOCSIN_INGEST_RATE_PER_MINUTE: '10000000',
      TOCSIN_TWILIO_ACCOUNT_SID: twilio.accountSid,
      TOCSIN_TWILIO_AUTH_TOKEN: twilio.authToken,
      TOCSIN_TWILIO_FROM: '+15005550006',
      TOCSIN_TWILIO_BASE_URL: twilio.url,
    };
    for (let n = 0; n < NODES; n++) servers.push(await startServer(serverEnv));
    const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
    const targets = servers.map((server) => new URL('/v2/enqueue', server.url));
    const sentAt = new Map<string, number>();
    const post = (body: string, target: URL) =>
      new Promise<number>((resolve, reject) => {
        const req = http.request(
          target,
          {
            method: 'POST',
            agent,
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.end(body);
      });

    if (PRIME) {
      const answers = await Promise.all(
        routingKeys.map((key, i) =>
          post(
            JSON.stringify({ routing_key: key, event_action: 'resolve', dedup_key: `prime-${i}` }),
            targets[i % targets.length]!,
          ),
        ),
      );
      if (answers.some((status) => status !== 202)) throw new Error('a priming event was not accepted');
      for (;;) {
        const { rows } = await pool.query<{ n: string }>(
          'SELECT count(*) AS n FROM inbound_events WHERE processed_at IS NULL',
        );
        if (Number(rows[0]!.n) === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
    }

    // Open loop: events at their due times whatever the answers, as monitoring sends them. The
    // warm-up climbs to the rate a step a second (a quarter, a half, three quarters of it), so a
    // server that starts cold (JIT, connections, prepared statements) warms up without building a
    // backlog that the measured events would wait behind; then RATE a second for SECONDS.
    const dueAt: number[] = [];
    for (let second = 0; second < WARMUP_SECONDS; second++) {
      const rate = BURST ? BURST_WARMUP_RATE : Math.round((RATE * (second + 1)) / (WARMUP_SECONDS + 1));
      for (let j = 0; j < rate; j++) dueAt.push(second * 1000 + (j * 1000) / rate);
    }
    const warmup = dueAt.length;
    for (let j = 0; j < Math.round(RATE * SECONDS); j++) dueAt.push(WARMUP_SECONDS * 1000 + (j * 1000) / RATE);
    const total = dueAt.length;
    let peakRss = 0;
    const serversRss = () => servers.reduce((sum, server) => sum + rssMiB(server.pid), 0);
    const serversCpu = (part: 'all' | 'kernel' = 'all') =>
      servers.reduce((sum, server) => sum + cpuSeconds(server.pid, false, part), 0);
    if (PG_STATEMENTS) await resetStatements(url);
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, serversRss())), 100);
    const started = performance.now();
    const cpuBefore = {
      server: serversCpu(),
      serverKernel: serversCpu('kernel'),
      postgres: postgresCpuSeconds(postmaster),
      postgresKernel: postgresCpuSeconds(postmaster, 'kernel'),
      bench: process.cpuUsage(),
    };
    const inflight: Promise<number>[] = [];
    let steady: { from: number; server: number; postgres: number } | undefined;
    for (let i = 0; i < total; i++) {
      if (STEADY_AFTER > 0 && !steady && dueAt[i]! >= STEADY_AFTER * 1000)
        steady = { from: i, server: serversCpu(), postgres: postgresCpuSeconds(postmaster) };
      const due = started + dueAt[i]!;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const id = `bench-${i}`;
      sentAt.set(id, Date.now());
      const body = JSON.stringify({
        routing_key: routingKeys[i % routingKeys.length],
        event_action: 'trigger',
        dedup_key: id,
        payload: { summary: `Alert ${id} end`, source: 'bench', severity: 'critical' },
      });
      inflight.push(post(body, targets[i % targets.length]!));
    }
    const statuses = await Promise.all(inflight);
    const sendSeconds = (performance.now() - started) / 1000;
    const rejected = statuses.filter((s) => s !== 202).length;
    const deadline = Date.now() + 60_000;
    while (twilio.messages.length < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    clearInterval(sampler);
    const busySeconds = (performance.now() - started) / 1000;
    const benchCpu = process.cpuUsage(cpuBefore.bench);
    const cpu = {
      server: serversCpu() - cpuBefore.server,
      serverKernel: serversCpu('kernel') - cpuBefore.serverKernel,
      postgres: postgresCpuSeconds(postmaster) - cpuBefore.postgres,
      postgresKernel: postgresCpuSeconds(postmaster, 'kernel') - cpuBefore.postgresKernel,
      bench: (benchCpu.user + benchCpu.system) / 1e6,
    };
    const idleRss = serversRss();

    const latencies: number[] = [];
    // By second of the run (warm-up included), to tell a start-up spike from a steady tail.
    const firstSentAt = Math.min(...sentAt.values());
    const bySecond: number[][] = [];
    for (const message of twilio.messages) {
      const id = /Alert (bench-\d+) end/.exec(message.body)?.[1];
      if (!id || !sentAt.has(id)) continue;
      const latency = message.receivedAtMs - sentAt.get(id)!;
      (bySecond[Math.floor((sentAt.get(id)! - firstSentAt) / 1000)] ??= []).push(latency);
      if (Number(id.slice(6)) >= warmup) latencies.push(latency);
    }
    latencies.sort((a, b) => a - b);
    const measured = total - warmup;
    console.log(
      `bench:page: ${BURST ? `storm of ${BURST} events at ${RATE}/s` : `${RATE} events/s for ${SECONDS} s`} (+${WARMUP_SECONDS} s warm-up), ${PEOPLE} services each paging one person by SMS${PRIME ? ', each seen once before (primed)' : ''}; node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}`,
    );
    console.log(
      `database: ${database.kind === 'embedded' ? 'embedded PostgreSQL' : 'DATABASE_URL'}; server: ${NODES === 1 ? 'tocsin serve (one process, engine on)' : `${NODES} tocsin serve nodes (each with its engine), events spread across them`}`,
    );
    console.log(
      `events accepted: ${total - rejected}/${total}; first notifications handed to the provider: ${latencies.length}/${measured} measured`,
    );
    if (latencies.length) {
      console.log(
        `alert → provider latency: p50 ${percentile(latencies, 50)} ms, p90 ${percentile(latencies, 90)} ms, p99 ${percentile(latencies, 99)} ms, max ${latencies.at(-1)} ms`,
      );
      const secondP99 = bySecond.map(
        (values, second) =>
          `${second}s:${percentile(
            values.sort((a, b) => a - b),
            99,
          )}`,
      );
      if (BURST) {
        const burstStart = Math.min(...[...sentAt].filter(([id]) => Number(id.slice(6)) >= warmup).map(([, at]) => at));
        const lastPage = Math.max(
          ...twilio.messages
            .filter((m) => Number(/Alert bench-(\d+) end/.exec(m.body)?.[1] ?? -1) >= warmup)
            .map((m) => m.receivedAtMs),
        );
        console.log(
          `storm: ${latencies.length}/${measured} first notifications handed to the provider; the last ${((lastPage - burstStart) / 1000).toFixed(1)} s after the storm's first event (its slowest event waited ${latencies.at(-1)} ms)`,
        );
      }
      console.log(
        `p99 by second the events were sent in (the first ${WARMUP_SECONDS} are the warm-up climb), ms: ${secondP99.filter(Boolean).join(' ')}`,
      );
    }
    const share = (seconds: number) => `${((100 * seconds) / busySeconds).toFixed(0)}%`;
    console.log(
      `CPU over the ${busySeconds.toFixed(1)} s from first event to last page (sending took ${sendSeconds.toFixed(1)} s), as % of one core: ` +
        `server ${share(cpu.server)}, PostgreSQL ${share(cpu.postgres)}, this load generator and fake Twilio ${share(cpu.bench)}; ` +
        `per event: server ${((1000 * cpu.server) / total).toFixed(2)} ms, PostgreSQL ${((1000 * cpu.postgres) / total).toFixed(2)} ms ` +
        `(PostgreSQL counted: ${postmaster ? `the embedded cluster, postmaster ${postmaster}` : 'every postgres process on this machine'})`,
    );
    // The kernel's share is mostly round trips: every statement is a socket write and a wake-up each way.
    console.log(
      `of which in the kernel, per event: server ${((1000 * cpu.serverKernel) / total).toFixed(2)} ms, PostgreSQL ${((1000 * cpu.postgresKernel) / total).toFixed(2)} ms`,
    );
    if (steady) {
      const events = total - steady.from;
      console.log(
        `steady, the ${events} events sent from second ${STEADY_AFTER} on: per event: server ${((1000 * (cpu.server + cpuBefore.server - steady.server)) / events).toFixed(2)} ms, PostgreSQL ${((1000 * (cpu.postgres + cpuBefore.postgres - steady.postgres)) / events).toFixed(2)} ms`,
      );
    }
    const stages = await pool.query<{ stage: string; p50: number; p99: number }>(
      `
      WITH paged AS (
        SELECT ie.received_at, ie.processed_at, n.created_at AS planned_at, n.sent_at AS decided_at
        FROM inbound_events ie
        JOIN alerts a ON a.integration_key_id = ie.integration_key_id AND a.dedup_key = ie.dedup_key
        JOIN notifications n ON n.incident_id = a.incident_id AND n.kind = 'page'
        WHERE substring(ie.dedup_key FROM 7)::int >= $1)
      SELECT stage, percentile_disc(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_disc(0.99) WITHIN GROUP (ORDER BY ms) AS p99
      FROM (SELECT 1 AS o, 'stored → processed (alert, incident, first step, pages planned)' AS stage, extract(epoch FROM processed_at - received_at) * 1000 AS ms FROM paged
            UNION ALL SELECT 2, 'planned → delivery claimed and decided', extract(epoch FROM decided_at - planned_at) * 1000 FROM paged) s
      GROUP BY o, stage ORDER BY o`,
      [warmup],
    );
    console.log(
      `where the time goes: ${stages.rows.map((r) => `${r.stage} p50 ${Math.round(r.p50)} ms, p99 ${Math.round(r.p99)} ms`).join('; ')}`,
    );
    console.log(`server memory (RSS): peak ${peakRss.toFixed(0)} MiB under load, ${idleRss.toFixed(0)} MiB after`);
    if (PG_STATEMENTS) await printStatements(url, total);
  } finally {
    for (const server of servers) await server.stop();
    await twilio.close();
    await pool.end();
    if (process.env.BENCH_KEEP_DATABASE === '1' && database.kind === 'DATABASE_URL') {
      console.log(`database kept (BENCH_KEEP_DATABASE=1): ${url}`);
      await database.release();
    } else {
      await database.drop();
    }
  }
}

await main();

/**
 * bench:statuspage: requests per second and p99 latency of a status page
 * (its HTML and its /api/v2/summary.json) served by `tocsin serve`, beside
 * nginx serving the same bytes as static files, and the same Tocsin while
 * its database is unreachable. Load from wrk on loopback (Debian's package,
 * one thread; installed with apt-get when missing and run as root), else
 * from autocannon: autocannon is one Node process and on two cores tops out
 * near what both servers can give, which hides their difference. nginx is
 * Debian's package: installed with apt-get when missing (as root), else the
 * script says why it cannot compare. Tocsin reaches PostgreSQL through a TCP
 * proxy (test-support/tcp-proxy.ts) that the script closes for the outage
 * and opens again, so a shared PostgreSQL is never stopped.
 *
 * A shared machine's speed drifts within a minute, so the figures are taken
 * in rounds: each round measures Tocsin and nginx in turn (which goes first
 * alternates), then Tocsin with the database down; each ratio is the median
 * of the rounds' ratios, every one of which compares runs seconds apart.
 * Prints figures; asserts nothing. The last line prints the ratio to nginx.
 *
 *   npm run bench:statuspage     BENCH_SECONDS=5 (per run) BENCH_ROUNDS=3 BENCH_CONNECTIONS=50
 *   BENCH_LOAD=autocannon: autocannon even when wrk is there.
 *   BENCH_SERVER_LOG=FILE: the server's output (at warn) is kept in FILE.
 *   BENCH_CPU_PROF=DIR: the server writes a V8 CPU profile (node --cpu-prof) into DIR when it stops.
 *   (prebench:statuspage compiles the server and CLI first: the server runs from dist/.)
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { migrate } from '../packages/server/src/db/migrate.js';
import { connectDatabase } from '../packages/server/src/db/client.js';
import { systemActor } from '../packages/server/src/lib/actor.js';
import { systemClock } from '../packages/server/src/lib/clock.js';
import { createApiToken } from '../packages/server/src/modules/auth/index.js';
import { createUser } from '../packages/server/src/modules/users/index.js';
import { proxyDatabase } from '../packages/server/src/test-support/tcp-proxy.js';
import { openBenchDatabase } from './bench-database.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const CLI = fileURLToPath(new URL('../packages/cli/bin/tocsin.js', import.meta.url));
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'];
const WRK = ['/usr/bin/wrk', '/usr/local/bin/wrk'];

interface Figures {
  rps: number;
  p99: number;
  non2xx: number;
}

/** The load generator: wrk's binary, or autocannon (asked for, or wrk unavailable and why). */
let wrk: string | undefined;

async function load(url: string, seconds = SECONDS): Promise<Figures> {
  if (wrk) return loadWithWrk(wrk, url, seconds);
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, pipelining: 1 });
  return { rps: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx + result.errors };
}

/** wrk's figures: its `Requests/sec`, the 99% line of `--latency`, and anything not 2xx/3xx or failed. */
function loadWithWrk(binary: string, url: string, seconds: number): Promise<Figures> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ['-t1', `-c${CONNECTIONS}`, `-d${seconds}s`, '--latency', url], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const rps = /Requests\/sec:\s+([\d.]+)/.exec(out);
      const p99 = /^\s+99%\s+([\d.]+)(us|ms|s)\s*$/m.exec(out);
      if (code !== 0 || !rps || !p99) return reject(new Error(`wrk failed (${code}):\n${out}`));
      const scale = { us: 0.001, ms: 1, s: 1000 }[p99[2] as 'us' | 'ms' | 's'];
      const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
      const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
      const failed = errors ? errors.slice(1).reduce((n, v) => n + Number(v), 0) : 0;
      resolve({ rps: Number(rps[1]), p99: Math.round(Number(p99[1]) * scale * 10) / 10, non2xx: non2xx + failed });
    });
  });
}

function startTocsin(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, CLI, 'serve'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = process.env.BENCH_SERVER_LOG ? createWriteStream(process.env.BENCH_SERVER_LOG) : undefined;
  return new Promise((resolve, reject) => {
    let out = '';
    let listening = false;
    const onData = (c: Buffer) => {
      log?.write(c);
      // Only the start is searched; afterwards only a tail is kept, for an exit's message.
      out = (out + c.toString()).slice(listening ? -4_000 : -100_000);
      if (listening) return;
      const match = /listening on (\S+),/.exec(out);
      if (match) {
        listening = true;
        resolve({ url: match[1]!, child });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`tocsin serve exited (${code}):\n${out}`)));
  });
}

/** A Debian package's binary, installing the package when it is missing and we may; else why not. */
function findBinary(paths: string[], debianPackage: string): { binary: string } | { why: string } {
  const found = paths.find((p) => existsSync(p));
  if (found) return { binary: found };
  if (process.getuid?.() !== 0)
    return {
      why: `${debianPackage} is not installed and this is not root: run \`apt-get install ${debianPackage}\` first`,
    };
  try {
    console.log(`${debianPackage} is missing: installing Debian's package with apt-get ...`);
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', debianPackage], {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } catch (error) {
    return { why: `apt-get install ${debianPackage} failed (${(error as Error).message.split('\n')[0]})` };
  }
  const installed = paths.find((p) => existsSync(p));
  return installed ? { binary: installed } : { why: `apt-get ran but no ${debianPackage} binary was found` };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** nginx with one worker (Tocsin is one Node process) serving `root` on loopback. */
async function startNginx(binary: string, root: string): Promise<{ url: string; stop(): void }> {
  const prefix = mkdtempSync(path.join(os.tmpdir(), 'tocsin-bench-nginx-'));
  const port = await freePort();
  const conf = path.join(prefix, 'nginx.conf');
  writeFileSync(
    conf,
    `worker_processes 1;
error_log ${prefix}/error.log warn;
pid ${prefix}/nginx.pid;
events { worker_connections 1024; }
http {
  types { text/html html; application/json json; }
  access_log off;
  client_body_temp_path ${prefix}/body; proxy_temp_path ${prefix}/proxy; fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi; scgi_temp_path ${prefix}/scgi;
  server { listen 127.0.0.1:${port}; root ${root}; index index.html; }
}
`,
  );
  const child = spawn(binary, ['-p', prefix, '-c', conf, '-g', 'daemon off;'], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => {
      child.kill('SIGQUIT');
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}

const fmt = (f: Figures) =>
  `${Math.round(f.rps).toString().padStart(7)} req/s   p99 ${String(f.p99).padStart(4)} ms${f.non2xx ? `   (${f.non2xx} not 2xx or errors)` : ''}`;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const times = (value: number) => `${value.toFixed(2)}×`;

/** Polls until `url` answers 200 (the database is reachable again), at most `seconds`. */
async function until200(url: string, seconds = 60): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (
      await fetch(url).then(
        (r) => r.status === 200,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer 200 within ${seconds} s`);
}

async function main() {
  const database = await openBenchDatabase();
  const { proxy, url: proxiedUrl } = await proxyDatabase(database.url);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tocsin-bench-statuspage-'));
  // nginx's worker runs as an unprivileged user when started as root: its folder must be readable.
  const staticRoot = mkdtempSync(path.join(os.tmpdir(), 'tocsin-bench-static-'));
  chmodSync(staticRoot, 0o755);
  let tocsin: ChildProcess | undefined;
  let nginx: { url: string; stop(): void } | undefined;
  try {
    const pool = new pg.Pool({ connectionString: database.url, max: 2 });
    await migrate(pool);
    await pool.end();
    const handle = connectDatabase(database.url, { maxConnections: 2 });
    const ctx = { db: handle.db, clock: systemClock, actor: systemActor('bench'), source: 'api' as const };
    const user = await createUser(ctx, {
      email: 'bench@example.com',
      name: 'Bench',
      role: 'owner',
      password: 'bench password 123',
    });
    const { token } = await createApiToken(ctx, { name: 'bench', scopes: ['read', 'write', 'admin'], userId: user.id });
    await handle.close();

    const server = await startTocsin({
      DATABASE_URL: proxiedUrl,
      TOCSIN_DATA_DIR: dataDir,
      TOCSIN_PORT: '0',
      TOCSIN_HOST: '127.0.0.1',
      TOCSIN_LOG_LEVEL: 'warn',
      TOCSIN_DEMO: 'false',
    });
    tocsin = server.child;
    const api = async (p: string, body: unknown) => {
      const response = await fetch(`${server.url}${p}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (response.status !== 201) throw new Error(`${p} → ${response.status}: ${await response.text()}`);
      return (await response.json()) as { id: string };
    };
    // A typical page: 3 groups of 4 components, one open incident, a few resolved ones.
    await api('/api/v1/status-pages', { slug: 'bench', name: 'Bench Cloud' });
    const ids: string[] = [];
    for (const group of ['Core', 'Data', 'Edge']) {
      const g = await api('/api/v1/status-pages/bench/groups', { name: group });
      for (let i = 1; i <= 4; i++)
        ids.push((await api('/api/v1/status-pages/bench/components', { name: `${group} ${i}`, groupId: g.id })).id);
    }
    for (let i = 0; i < 5; i++) {
      const incident = await api('/api/v1/status-pages/bench/incidents', {
        title: `Elevated error rates ${i}`,
        body: 'We are investigating **elevated error rates** on the API.',
        components: ids.slice(i, i + 2),
        componentStatus: 'partial_service_disruption',
      });
      if (i < 4)
        await api(`/api/v1/status-pages/bench/incidents/${incident.id}/updates`, {
          state: 'resolved',
          body: 'Resolved: a bad deploy was rolled back.',
        });
    }

    const pageUrl = `${server.url}/status/bench/`;
    const summaryUrl = `${server.url}/status/bench/api/v2/summary.json`;
    const page = Buffer.from(await (await fetch(pageUrl)).arrayBuffer());
    const summary = Buffer.from(await (await fetch(summaryUrl)).arrayBuffer());
    mkdirSync(path.join(staticRoot, 'api/v2'), { recursive: true, mode: 0o755 });
    writeFileSync(path.join(staticRoot, 'index.html'), page);
    writeFileSync(path.join(staticRoot, 'api/v2/summary.json'), summary);

    const found = findBinary(NGINX, 'nginx-light');
    const generator =
      process.env.BENCH_LOAD === 'autocannon' ? { why: 'BENCH_LOAD=autocannon' } : findBinary(WRK, 'wrk');
    if ('binary' in generator) wrk = generator.binary;
    if ('binary' in found) {
      nginx = await startNginx(found.binary, staticRoot);
      const same = Buffer.from(await (await fetch(`${nginx.url}/api/v2/summary.json`)).arrayBuffer());
      if (!same.equals(summary)) throw new Error(`nginx does not serve the same bytes (see ${staticRoot})`);
    } else {
      console.log(`nginx: not compared: ${found.why}`);
    }

    console.log(
      `bench:statuspage  ${ROUNDS} rounds of ${SECONDS} s runs, ${CONNECTIONS} connections, ${wrk ? 'wrk (1 thread)' : `autocannon (${'why' in generator ? generator.why : ''})`} on loopback, ${os.cpus().length} CPUs, load ${os.loadavg()[0]!.toFixed(1)}`,
    );
    console.log(
      `database: ${database.kind} (reached through a TCP proxy); page ${page.length} bytes, summary.json ${summary.length} bytes; nginx: 1 worker, same bytes`,
    );
    await load(pageUrl, 2); // warm-up
    if (nginx) await load(`${nginx.url}/`, 2);

    type Kind = 'page' | 'summary';
    const files: Record<Kind, { tocsin: string; nginx?: string; label: string }> = {
      page: { tocsin: pageUrl, nginx: nginx && `${nginx.url}/`, label: 'page        ' },
      summary: { tocsin: summaryUrl, nginx: nginx && `${nginx.url}/api/v2/summary.json`, label: 'summary.json' },
    };
    const runs: Record<Kind, { up: Figures[]; nginx: Figures[]; down: Figures[] }> = {
      page: { up: [], nginx: [], down: [] },
      summary: { up: [], nginx: [], down: [] },
    };
    for (let round = 1; round <= ROUNDS; round++) {
      for (const kind of ['page', 'summary'] as const) {
        const file = files[kind];
        // Which goes first alternates, so a steady drift favours neither.
        const order = round % 2 === 1 ? (['tocsin', 'nginx'] as const) : (['nginx', 'tocsin'] as const);
        for (const who of order) {
          if (who === 'nginx' && !file.nginx) continue;
          const figures = await load(who === 'tocsin' ? file.tocsin : file.nginx!);
          (who === 'tocsin' ? runs[kind].up : runs[kind].nginx).push(figures);
          console.log(`round ${round}  ${who.padEnd(6)} ${file.label} ${fmt(figures)}`);
        }
      }
      await proxy.close(); // the database is now unreachable
      if (round === 1) {
        const down = await fetch(`${server.url}/api/v1/status-pages`, {
          headers: { authorization: `Bearer ${token}` },
        });
        console.log(`database unreachable: the API answers ${down.status}; the page:`);
      }
      for (const kind of ['page', 'summary'] as const) {
        const figures = await load(files[kind].tocsin);
        runs[kind].down.push(figures);
        console.log(`round ${round}  tocsin ${files[kind].label} ${fmt(figures)}   (database down)`);
      }
      await proxy.reopen();
      await until200(`${server.url}/readyz`);
    }

    console.log(`median of ${ROUNDS} rounds:`);
    for (const kind of ['page', 'summary'] as const) {
      const r = runs[kind];
      const mid = (list: Figures[]): Figures => ({
        rps: median(list.map((f) => f.rps)),
        p99: median(list.map((f) => f.p99)),
        non2xx: list.reduce((n, f) => n + f.non2xx, 0),
      });
      console.log(`tocsin  ${files[kind].label} ${fmt(mid(r.up))}`);
      if (r.nginx.length) console.log(`nginx   ${files[kind].label} ${fmt(mid(r.nginx))}`);
      console.log(`tocsin  ${files[kind].label} ${fmt(mid(r.down))}   (database down)`);
    }
    const ratio = (a: Figures[], b: Figures[]) => median(a.map((f, i) => f.rps / b[i]!.rps));
    console.log(
      `database down / up: page ${times(ratio(runs.page.down, runs.page.up))}, summary ${times(ratio(runs.summary.down, runs.summary.up))} (median of the rounds' ratios)`,
    );
    if (nginx) {
      console.log(
        `ratio tocsin / nginx: page ${times(ratio(runs.page.up, runs.page.nginx))}, summary.json ${times(ratio(runs.summary.up, runs.summary.nginx))}`,
      );
    } else {
      console.log(`ratio tocsin / nginx: not measured (${'why' in found ? found.why : 'nginx did not start'})`);
    }
  } finally {
    nginx?.stop();
    if (tocsin) {
      const exited = new Promise((r) => tocsin!.once('exit', r));
      tocsin.kill('SIGTERM');
      await exited;
    }
    await proxy.close().catch(() => undefined);
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(staticRoot, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

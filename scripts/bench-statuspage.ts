/**
 * bench:statuspage: requests per second and p99 latency of a status page
 * (its HTML and its /api/v2/summary.json) served by `tocsin serve`, beside
 * nginx serving the same bytes as static files in the same run, then the
 * same Tocsin while its database is unreachable. Load from autocannon on
 * loopback. nginx is Debian's package: installed with apt-get when missing
 * (as root), else the script says why it cannot compare. Tocsin reaches
 * PostgreSQL through a TCP proxy that the script closes for the outage
 * phase, so a shared PostgreSQL is never stopped. Prints figures; asserts
 * nothing. The last line prints the ratio to nginx.
 *
 *   npm run bench:statuspage     BENCH_SECONDS=10 BENCH_CONNECTIONS=50
 *   (prebench:statuspage compiles the server and CLI first: the server runs from dist/.)
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
import { openBenchDatabase } from './bench-database.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const CLI = fileURLToPath(new URL('../packages/cli/bin/tocsin.js', import.meta.url));
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'];

interface Figures {
  rps: number;
  p99: number;
  non2xx: number;
}

async function load(url: string, seconds = SECONDS): Promise<Figures> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, pipelining: 1 });
  return { rps: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx + result.errors };
}

/** Forwards TCP to PostgreSQL until closed; closing cuts the connections open through it too. */
async function startProxy(target: net.NetConnectOpts) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}

function startTocsin(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [CLI, 'serve'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (c: Buffer) => {
      out += c.toString();
      const match = /listening on (\S+),/.exec(out);
      if (match) resolve({ url: match[1]!, child });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`tocsin serve exited (${code}):\n${out}`)));
  });
}

/** nginx's binary, installing Debian's package when it is missing and we may; else why not. */
function findNginx(): { binary: string } | { why: string } {
  const found = NGINX.find((p) => existsSync(p));
  if (found) return { binary: found };
  if (process.getuid?.() !== 0)
    return { why: 'nginx is not installed and this is not root: run `apt-get install nginx-light` first' };
  try {
    console.log("nginx is missing: installing Debian's nginx-light with apt-get ...");
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'nginx-light'], {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } catch (error) {
    return { why: `apt-get install nginx-light failed (${(error as Error).message.split('\n')[0]})` };
  }
  const installed = NGINX.find((p) => existsSync(p));
  return installed ? { binary: installed } : { why: 'apt-get ran but no nginx binary was found' };
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

async function main() {
  const database = await openBenchDatabase();
  const direct = new URL(database.url);
  const port = Number(direct.port || 5432);
  const socketDir = direct.searchParams.get('host');
  const proxy = await startProxy(
    socketDir?.startsWith('/') ? { path: `${socketDir}/.s.PGSQL.${port}` } : { host: direct.hostname, port },
  );
  const proxied = new URL(database.url);
  proxied.searchParams.delete('host');
  proxied.hostname = '127.0.0.1';
  proxied.port = String(proxy.port);
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
      DATABASE_URL: proxied.toString(),
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

    console.log(
      `bench:statuspage  ${SECONDS} s per run, ${CONNECTIONS} connections, autocannon on loopback, ${os.cpus().length} CPUs, load ${os.loadavg()[0]!.toFixed(1)}`,
    );
    console.log(
      `database: ${database.kind} (reached through a TCP proxy); page ${page.length} bytes, summary.json ${summary.length} bytes`,
    );
    await load(pageUrl, 2); // warm-up
    const tocsinPage = await load(pageUrl);
    const tocsinSummary = await load(summaryUrl);
    console.log(`tocsin  page         ${fmt(tocsinPage)}`);
    console.log(`tocsin  summary.json ${fmt(tocsinSummary)}`);

    const found = findNginx();
    let nginxPage: Figures | undefined;
    let nginxSummary: Figures | undefined;
    if ('binary' in found) {
      nginx = await startNginx(found.binary, staticRoot);
      const same = Buffer.from(await (await fetch(`${nginx.url}/api/v2/summary.json`)).arrayBuffer());
      if (!same.equals(summary)) throw new Error(`nginx does not serve the same bytes (see ${staticRoot})`);
      await load(`${nginx.url}/`, 2);
      nginxPage = await load(`${nginx.url}/`);
      nginxSummary = await load(`${nginx.url}/api/v2/summary.json`);
      console.log(`nginx   page         ${fmt(nginxPage)}   (1 worker, same bytes)`);
      console.log(`nginx   summary.json ${fmt(nginxSummary)}`);
    } else {
      console.log(`nginx: not compared: ${found.why}`);
    }

    await proxy.close(); // the database is now unreachable
    const down = await fetch(`${server.url}/api/v1/status-pages`, { headers: { authorization: `Bearer ${token}` } });
    console.log(`database unreachable: the API answers ${down.status}; the page:`);
    const downPage = await load(pageUrl);
    const downSummary = await load(summaryUrl);
    console.log(`tocsin  page         ${fmt(downPage)}   (database down)`);
    console.log(`tocsin  summary.json ${fmt(downSummary)}   (database down)`);
    console.log(
      `database down / up: page ${(downPage.rps / tocsinPage.rps).toFixed(2)}×, summary ${(downSummary.rps / tocsinSummary.rps).toFixed(2)}×`,
    );
    if (nginxPage && nginxSummary) {
      console.log(
        `ratio tocsin / nginx: page ${(tocsinPage.rps / nginxPage.rps).toFixed(2)}×, summary.json ${(tocsinSummary.rps / nginxSummary.rps).toFixed(2)}×`,
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

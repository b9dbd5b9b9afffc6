#!/usr/bin/env node
/**
 * bench:startup: how long `tocsin serve` takes to be ready on a new data
 * folder (cold: initdb + migrations + demo seed) and on an existing one
 * (warm), and how much memory the server and its embedded PostgreSQL use
 * once idle. Prints figures; asserts nothing. `npm run bench:startup` builds
 * first (prebench:startup): it runs the compiled CLI, UI included.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../packages/cli/bin/tocsin.js', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 3);
const idleMs = Number(process.env.BENCH_IDLE_MS ?? 5000);

function rssKb(pid) {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** PostgreSQL's memory: the postmaster and its children (shared memory counted once per process, so an upper bound). */
function postgresRssKb(dataDir) {
  const pid = Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (Number(entry) === pid || ppid === pid) total += rssKb(Number(entry));
    } catch {
      // process ended while we looked
    }
  }
  return total;
}

function startServe(dataDir) {
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, 'serve'], {
    env: { ...process.env, DATABASE_URL: '', TOCSIN_DATA_DIR: dataDir, TOCSIN_PORT: '0', TOCSIN_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (c) => {
      out += c.toString();
      const match = /listening on (\S+),/.exec(out);
      if (match) resolve({ child, ms: performance.now() - started, url: match[1] });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`serve exited ${code}:\n${out}`)));
  });
}

const stop = (child) =>
  new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const cold = [];
const warm = [];
let memory;
for (let i = 0; i < runs; i++) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tocsin-bench-'));
  chmodSync(root, 0o755);
  const dataDir = path.join(root, 'data');
  const first = await startServe(dataDir);
  cold.push(first.ms);
  await stop(first.child);
  const second = await startServe(dataDir);
  warm.push(second.ms);
  if (i === runs - 1) {
    await fetch(`${second.url}/readyz`);
    await new Promise((r) => setTimeout(r, idleMs));
    memory = { serverKb: rssKb(second.child.pid), postgresKb: postgresRssKb(dataDir) };
  }
  await stop(second.child);
  rmSync(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }); // PostgreSQL's last files may still be closing
}

const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;
console.log(`tocsin serve, embedded PostgreSQL, ${runs} runs on ${os.cpus().length} cores, node ${process.version}`);
console.log(`cold start to ready (new data folder): median ${fmt(median(cold))}  [${cold.map(fmt).join(', ')}]`);
console.log(`warm start to ready (existing folder): median ${fmt(median(warm))}  [${warm.map(fmt).join(', ')}]`);
console.log(
  `idle RSS after ${idleMs / 1000} s: server ${(memory.serverKb / 1024).toFixed(0)} MiB, embedded PostgreSQL ${(memory.postgresKb / 1024).toFixed(0)} MiB (sum over its processes)`,
);

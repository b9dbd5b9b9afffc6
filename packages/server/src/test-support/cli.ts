/**
 * Runs the real `tocsin` command (the built CLI) as a child process, for tests
 * of the server verbs. Requires `npm run build` (npm test does it first).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../../cli/bin/tocsin.js', import.meta.url));
const BUILT = fileURLToPath(new URL('../../../cli/dist/main.js', import.meta.url));

export function assertCliBuilt(): void {
  if (!existsSync(BUILT))
    throw new Error(`The CLI is not built (${BUILT} is missing): run "npm run build" first; "npm test" does.`);
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(
  args: string[],
  env: Record<string, string | undefined>,
  timeoutMs = 60_000,
): Promise<CliResult> {
  assertCliBuilt();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export interface ServeProcess {
  child: ChildProcess;
  output: () => string;
  url: string;
}

/** Starts `tocsin serve` and resolves once it prints that it is ready. */
export function startServe(env: Record<string, string | undefined>, timeoutMs = 60_000): Promise<ServeProcess> {
  assertCliBuilt();
  const child = spawn(process.execPath, [CLI, 'serve'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`tocsin serve was not ready within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (c: Buffer) => {
      output += c.toString();
      const match = /Tocsin is ready at \S+ \(listening on (\S+),/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, output: () => output, url: match[1]! });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`tocsin serve exited (${code}) before it was ready:\n${output}`));
    });
  });
}

export function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

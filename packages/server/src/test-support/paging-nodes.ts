/**
 * Whole Tocsin server processes for tests that kill one (paging-node.ts,
 * each on a fake clock the test moves): started on a database and a fake
 * Twilio, answering "ready <url>", killed with SIGKILL as a crash would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FakeTwilio } from './fake-vendors/fake-twilio.js';

const NODE_SCRIPT = fileURLToPath(new URL('./paging-node.ts', import.meta.url));

export interface PagingNode {
  id: string;
  child: ChildProcess;
  url: string;
  /** Moves the node's fake clock on by `ms`; resolves once it has. */
  advance(ms: number): Promise<void>;
}

/** Starts a server process named `id` (its engine's node id) whose clock starts at `clockStart`. */
export function startPagingNode(
  id: string,
  options: { databaseUrl: string; twilio: FakeTwilio; clockStart: string },
): Promise<PagingNode> {
  const child = spawn(process.execPath, ['--import', 'tsx', NODE_SCRIPT], {
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      NODE_ID: id,
      CLOCK_START: options.clockStart,
      TWILIO_URL: options.twilio.url,
      TWILIO_SID: options.twilio.accountSid,
      TWILIO_TOKEN: options.twilio.authToken,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters: Array<() => void> = [];
  child.stdout!.on('data', (c: Buffer) => {
    output += c.toString();
    if (output.includes('advanced ')) {
      output = output.replace(/advanced \S+\n/g, () => {
        waiters.shift()?.();
        return '';
      });
    }
  });
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise((resolve, reject) => {
    const onData = () => {
      const match = /ready (\S+)/.exec(output);
      if (!match) return;
      child.stdout!.off('data', onData);
      resolve({
        id,
        child,
        url: match[1]!,
        advance: (ms) =>
          new Promise<void>((done) => {
            waiters.push(done);
            child.stdin!.write(`advance ${ms}\n`);
          }),
      });
    };
    child.stdout!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`node ${id} exited (${code}) before it was ready:\n${output}`)));
  });
}

/** Kills a node as a crash would, and waits until it is gone. */
export async function killPagingNode(node: PagingNode): Promise<void> {
  if (node.child.exitCode !== null || node.child.signalCode !== null) return;
  const gone = new Promise((resolve) => node.child.once('exit', resolve));
  node.child.kill('SIGKILL');
  await gone;
}

/** Polls `done` every 100 ms until it holds; throws after `timeoutMs` naming `what`. */
export async function waitFor(what: string, done: () => boolean | Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

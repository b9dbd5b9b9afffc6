/**
 * The data-folder lock: one `tocsin serve` per data folder. A lock file holds
 * the owner's pid; a file whose process is gone (kill -9, power loss) is stale
 * and taken over, so a crash never needs a manual clean-up.
 */
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

export interface LockOwner {
  pid: number;
  startedAt: string;
  command: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    super(
      `Another Tocsin (pid ${owner.pid}, "${owner.command}", started ${owner.startedAt}) is using the data folder ${dataDir}. ` +
        'Stop it first, or point TOCSIN_DATA_DIR at another folder.',
    );
    this.name = 'DataDirLockedError';
  }
}

const lockPath = (dataDir: string) => path.join(dataDir, 'tocsin.lock');

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live owner of the lock, if any. */
export function readLockOwner(dataDir: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(lockPath(dataDir), 'utf8')) as LockOwner;
    return Number.isInteger(owner.pid) && owner.pid !== process.pid && isProcessAlive(owner.pid) ? owner : undefined;
  } catch {
    return undefined;
  }
}

export interface DataDirLock {
  release(): void;
}

export function lockDataDir(dataDir: string, command: string): DataDirLock & { tookOverStale: LockOwner | undefined } {
  mkdirSync(dataDir, { recursive: true });
  const file = lockPath(dataDir);
  let tookOverStale: LockOwner | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o644);
      const owner: LockOwner = { pid: process.pid, startedAt: new Date().toISOString(), command };
      writeSync(fd, JSON.stringify(owner));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const current = JSON.parse(readFileSync(file, 'utf8')) as LockOwner;
          if (current.pid === process.pid) unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return { release, tookOverStale };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let owner: LockOwner | undefined;
      try {
        owner = JSON.parse(readFileSync(file, 'utf8')) as LockOwner;
      } catch {
        owner = undefined; // half-written by a process that died mid-write
      }
      if (owner && owner.pid !== process.pid && isProcessAlive(owner.pid)) throw new DataDirLockedError(dataDir, owner);
      tookOverStale = owner;
      try {
        unlinkSync(file);
      } catch {
        // someone else removed it first; try again
      }
    }
  }
  throw new Error(
    `Could not lock the data folder ${dataDir}: the lock file keeps changing; is another Tocsin starting?`,
  );
}

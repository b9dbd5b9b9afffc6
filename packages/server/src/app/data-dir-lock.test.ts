import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir, readLockOwner } from './data-dir-lock.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'tocsin-lock-'));

describe('data folder lock', () => {
  it('takes the lock, and releases it', () => {
    const dir = tmp();
    const lock = lockDataDir(dir, 'test');
    expect(JSON.parse(readFileSync(path.join(dir, 'tocsin.lock'), 'utf8')).pid).toBe(process.pid);
    lock.release();
    expect(existsSync(path.join(dir, 'tocsin.lock'))).toBe(false);
  });

  it('refuses when a live process holds it, naming the process', () => {
    const dir = tmp();
    // pid 1 is always alive
    writeFileSync(
      path.join(dir, 'tocsin.lock'),
      JSON.stringify({ pid: 1, startedAt: '2026-01-01T00:00:00Z', command: 'tocsin serve' }),
    );
    expect(() => lockDataDir(dir, 'test')).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dir, 'test')).toThrow(/pid 1, "tocsin serve"/);
    expect(readLockOwner(dir)?.pid).toBe(1);
  });

  it('takes over a lock whose process is gone, and says whose it was', () => {
    const dir = tmp();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(
      path.join(dir, 'tocsin.lock'),
      JSON.stringify({ pid: Number(dead), startedAt: 'x', command: 'tocsin serve' }),
    );
    const lock = lockDataDir(dir, 'test');
    expect(lock.tookOverStale?.pid).toBe(Number(dead));
    lock.release();
  });

  it('takes over a half-written lock file', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'tocsin.lock'), '{"pid":');
    const lock = lockDataDir(dir, 'test');
    expect(JSON.parse(readFileSync(path.join(dir, 'tocsin.lock'), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });
});

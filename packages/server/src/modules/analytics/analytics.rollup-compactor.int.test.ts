/**
 * The rollup compactor as the engine sees it: with nothing to fold, its
 * next due instant moves ten minutes on. It used to stay "now" until a first
 * compaction, which kept the engine's loop at its shortest sleep (a pass
 * every 50 ms, every reconciler asking PostgreSQL) for as long as the node ran.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../lib/clock.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/db.js';
import { createRollupCompactor } from './analytics.rollup.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

describe('rollup compactor', () => {
  it('with nothing to fold, is next due ten minutes later, not at once', async () => {
    const clock = new FakeClock('2026-03-02T09:00:00Z');
    const compactor = createRollupCompactor({ db: database.db, clock });
    expect(await compactor.runOnce(clock.now())).toBe(false);
    expect((await compactor.nextDueAt()).getTime()).toBe(clock.now().getTime() + 10 * 60_000);
    clock.advanceMinutes(10);
    expect((await compactor.nextDueAt()).getTime()).toBe(clock.now().getTime());
  });
});

/**
 * What every use case receives: the database handle (or open transaction),
 * the clock, and the actor on whose behalf it runs.
 */
import type { Db } from '../db/client.js';
import type { Clock } from '../lib/clock.js';
import type { Actor } from '../lib/actor.js';

export interface Ctx {
  db: Db;
  clock: Clock;
  actor: Actor;
  requestId?: string;
}

/** The same context bound to an open transaction. */
export const withDb = (ctx: Ctx, db: Db): Ctx => ({ ...ctx, db });

/**
 * What every use case receives: the database handle (or open transaction),
 * the clock, the actor on whose behalf it runs and the source it came
 * through (web, api, cli, email link, engine ...; lib/source.ts).
 */
import type { Db } from '../db/client.js';
import type { Clock } from '../lib/clock.js';
import type { Actor } from '../lib/actor.js';
import type { Source } from '../lib/source.js';

export interface Ctx {
  db: Db;
  clock: Clock;
  actor: Actor;
  /** What the actor acted through; the timeline records it on every entry. */
  source: Source;
  requestId?: string;
}

/** The same context bound to an open transaction. */
export const withDb = (ctx: Ctx, db: Db): Ctx => ({ ...ctx, db });

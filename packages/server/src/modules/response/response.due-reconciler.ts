/**
 * How the response module's timed work runs (the rules, the update
 * reminders, the detailed-status review): on every node, claim one declared
 * incident whose due column has passed (FOR UPDATE SKIP LOCKED, its incident
 * first; one short transaction each), do the work as the rules actor, and if
 * it fails, log it and try that incident again a minute later rather than
 * claiming it in a loop. Nothing is kept in memory; it has the engine's
 * Reconciler shape without importing the engine.
 */
import type { Db } from '../../db/client.js';
import { systemActor } from '../../lib/actor.js';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import type { Ctx } from '../context.js';
import { requireIncidentRow } from '../incidents/index.js';
import { claimDueRule, selectNextRuleDue, type DueColumn } from './response.repo.js';
import type { Declared } from './response.state.js';

/** Who the timed work acts as (the timeline and the audit log name it). */
export const RULES_ACTOR = systemActor('Response rules');

/** How long work that failed waits before it is tried again. */
const RETRY_AFTER_MS = 60_000;

export interface DueReconcilerOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
}

/** One kind of timed work: which column says when it is due, what it does, and how a failure is put off. */
export interface DueWork {
  name: string;
  column: DueColumn;
  /** For the log, e.g. "an update reminder failed". */
  failure: string;
  /** The work, in the claiming transaction (ctx.db); it must move the due column on (replan). */
  run(ctx: Ctx, declared: Declared, now: Date): Promise<void>;
  /** Sets the incident's due column to `at` (after a failure). */
  retryAt(db: Db, incidentId: string, at: Date): Promise<void>;
}

export class DueResponseReconciler {
  readonly dueByTime = true;
  readonly name: string;

  constructor(
    private readonly options: DueReconcilerOptions,
    private readonly work: DueWork,
  ) {
    this.name = work.name;
  }

  nextDueAt(): Promise<Date | null> {
    return selectNextRuleDue(this.options.db, this.work.column);
  }

  async runOnce(now: Date): Promise<boolean> {
    const { db, clock, logger } = this.options;
    let claimedId: string | undefined;
    try {
      return await db.transaction().execute(async (tx) => {
        const response = await claimDueRule(tx, now, this.work.column);
        if (!response) return false;
        claimedId = response.incident_id;
        const declared: Declared = {
          incident: await requireIncidentRow(tx, response.incident_id, { as: RULES_ACTOR }),
          response,
        };
        await this.work.run({ db: tx, clock, actor: RULES_ACTOR, source: 'engine' }, declared, now);
        return true;
      });
    } catch (error) {
      if (!claimedId) throw error;
      logger.error({ err: error, incidentId: claimedId }, this.work.failure);
      await this.work.retryAt(db, claimedId, new Date(clock.now().getTime() + RETRY_AFTER_MS));
      return true;
    }
  }
}

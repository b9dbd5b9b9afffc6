/**
 * The escalation reconciler: on every node, claims one due incident (its
 * paging state and the incident, locked) at a time
 * (FOR UPDATE SKIP LOCKED, one short transaction each) and takes its step;
 * also ends snoozes. Nothing is kept in memory: a restart loses nothing, and
 * any number of nodes step each incident once. It has the engine's Reconciler
 * shape (engine/types.ts) without importing the engine.
 */
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { appendTimelineEntry } from '../timeline/index.js';
import type { Logger } from '../../lib/logger.js';
import { endSnooze, ESCALATION_ACTOR, takeEscalationStep } from './escalation.step.js';
import {
  claimDueEscalation,
  claimEndedSnooze,
  findPagingRow,
  selectNextDueAt,
  updateEscalation,
} from './paging.repo.js';
import type { ResolveTargets } from './paging.types.js';
import { resolveTargets as defaultResolveTargets } from './targets.js';

/** How long a step that failed waits before it is tried again. */
const RETRY_AFTER_MS = 60_000;

export interface EscalationReconcilerOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Who a level's targets reach; the schedules module plugs in here. */
  resolveTargets?: ResolveTargets;
}

export class EscalationReconciler {
  readonly name = 'escalation';
  /** Steps fall due with time; a person's "escalate now" or reassignment wakes the engines. */
  readonly dueByTime = true;
  private readonly resolveTargets: ResolveTargets;
  private calls = 0;

  constructor(private readonly options: EscalationReconcilerOptions) {
    this.resolveTargets = options.resolveTargets ?? defaultResolveTargets;
  }

  async runOnce(now: Date): Promise<boolean> {
    // Ended snoozes are looked for when no step was due, and every fourth call regardless.
    const both = this.calls++ % 4 === 0;
    const stepped = await this.stepOne(now);
    if (stepped && !both) return true;
    return (await this.endOneSnooze(now)) || stepped;
  }

  nextDueAt(): Promise<Date | null> {
    return selectNextDueAt(this.options.db);
  }

  private async endOneSnooze(now: Date): Promise<boolean> {
    const { db, clock, logger } = this.options;
    let claimedId: string | undefined;
    try {
      return await db.transaction().execute(async (tx) => {
        const row = await claimEndedSnooze(tx, now);
        if (!row) return false;
        claimedId = row.id;
        await endSnooze(tx, clock, row);
        return true;
      });
    } catch (error) {
      if (!claimedId) throw error;
      logger.error({ err: error, incidentId: claimedId }, 'ending a snooze failed');
      await this.postpone(claimedId, 'snooze', error, now);
      return true;
    }
  }

  private async stepOne(now: Date): Promise<boolean> {
    const { db, clock, logger } = this.options;
    let claimedId: string | undefined;
    try {
      return await db.transaction().execute(async (tx) => {
        const row = await claimDueEscalation(tx, now);
        if (!row) return false;
        claimedId = row.id;
        await takeEscalationStep(tx, clock, row, this.resolveTargets);
        return true;
      });
    } catch (error) {
      if (!claimedId) throw error;
      // The step rolled back. Put it off a little and say so where people look,
      // so one broken incident neither spins the engine nor blocks the others.
      logger.error({ err: error, incidentId: claimedId }, 'escalation step failed');
      await this.postpone(claimedId, 'step', error, now);
      return true;
    }
  }

  /** Puts a failed step (or snooze end) off a little and says so where people look. */
  private async postpone(incidentId: string, what: 'step' | 'snooze', error: unknown, now: Date): Promise<void> {
    const { db, clock } = this.options;
    await db.transaction().execute(async (tx) => {
      const row = await findPagingRow(tx, incidentId);
      const dueAt = what === 'step' ? row?.next_escalation_at : row?.snoozed_until;
      if (!row || row.status !== (what === 'step' ? 'triggered' : 'acknowledged') || !dueAt || dueAt > now) return;
      const retryAt = new Date(clock.now().getTime() + RETRY_AFTER_MS);
      await updateEscalation(tx, incidentId, {
        [what === 'step' ? 'next_escalation_at' : 'snoozed_until']: retryAt,
        updated_at: clock.now(),
      });
      await appendTimelineEntry(tx, { clock, actor: ESCALATION_ACTOR, source: 'engine' }, incidentId, {
        kind: 'escalation_failed',
        message: `${what === 'step' ? 'The escalation step' : 'Ending the snooze'} failed (${error instanceof Error ? error.message : String(error)}); retrying at ${retryAt.toISOString()}`,
      });
    });
  }
}

export const createEscalationReconciler = (options: EscalationReconcilerOptions): EscalationReconciler =>
  new EscalationReconciler(options);

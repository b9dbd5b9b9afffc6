/**
 * The engine's side of scheduled maintenance: on every node, claims one
 * maintenance whose next transition is due (FOR UPDATE SKIP LOCKED, one
 * short transaction each) and starts or completes it on the injected clock.
 * A failure is logged and tried again a minute later. Nothing is kept in
 * memory; it has the engine's Reconciler shape without importing the engine.
 */
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import { claimDueMaintenance, selectNextMaintenanceDue, setNextTransitionAt } from './maintenance.repo.js';
import { advanceDueMaintenance, MAINTENANCE_ACTOR } from './maintenance.transitions.js';

const RETRY_AFTER_MS = 60_000;

export class MaintenanceReconciler {
  readonly dueByTime = true;
  readonly name = 'statuspage-maintenance';

  constructor(private readonly options: { db: Db; clock: Clock; logger: Logger }) {}

  nextDueAt(): Promise<Date | null> {
    return selectNextMaintenanceDue(this.options.db);
  }

  async runOnce(now: Date): Promise<boolean> {
    const { db, clock, logger } = this.options;
    let claimedId: string | undefined;
    try {
      return await db.transaction().execute(async (tx) => {
        const row = await claimDueMaintenance(tx, now);
        if (!row) return false;
        claimedId = row.id;
        await advanceDueMaintenance({ db: tx, clock, actor: MAINTENANCE_ACTOR, source: 'engine' }, row);
        return true;
      });
    } catch (error) {
      if (!claimedId) throw error;
      logger.error({ err: error, pageIncidentId: claimedId }, 'a scheduled maintenance could not move on');
      await setNextTransitionAt(db, claimedId, new Date(clock.now().getTime() + RETRY_AFTER_MS));
      return true;
    }
  }
}

export const createMaintenanceReconciler = (options: { db: Db; clock: Clock; logger: Logger }) =>
  new MaintenanceReconciler(options);

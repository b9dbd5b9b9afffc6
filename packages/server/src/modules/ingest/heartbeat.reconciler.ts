/**
 * The missed-heartbeat check, run by the engine on every node: claim the
 * most overdue heartbeat that is not failing (FOR UPDATE SKIP LOCKED), store
 * a trigger event for it and mark it failing, in one short transaction.
 * It has the engine's Reconciler shape without importing the engine.
 */
import { inTransaction, type Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import { acceptEvents } from '../alerts/index.js';
import { heartbeatMissed } from './heartbeat.ping.js';
import { claimDueHeartbeat, earliestDueHeartbeat, markFailing } from './heartbeats.repo.js';

export interface HeartbeatReconciler {
  name: string;
  runOnce(now: Date): Promise<boolean>;
  nextDueAt(): Promise<Date | null>;
  readonly dueByTime: boolean;
}

export function createHeartbeatReconciler(deps: { db: Db; clock: Clock; logger: Logger }): HeartbeatReconciler {
  return {
    name: 'heartbeat.check',
    // A heartbeat falls due when its interval passes without a ping.
    dueByTime: true,
    async runOnce(now) {
      return inTransaction(deps.db, async (tx) => {
        const due = await claimDueHeartbeat(tx, now);
        if (!due) return false;
        await acceptEvents(tx, deps.clock, due.integrationKeyId, [heartbeatMissed(due, now)]);
        await markFailing(tx, due.integrationKeyId);
        deps.logger.info({ integrationKeyId: due.integrationKeyId, heartbeat: due.name }, 'heartbeat missed');
        return true;
      });
    },
    nextDueAt: () => earliestDueHeartbeat(deps.db),
  };
}

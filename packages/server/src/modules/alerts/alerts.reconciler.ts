/**
 * The alerts reconciler: on every node, claims one stored event at a time
 * (claimNextEvent: in order per dedup key, FOR UPDATE SKIP LOCKED) and
 * processes it in the claiming transaction, so each event is applied once
 * however many nodes run. It has the engine's Reconciler shape
 * (engine/types.ts) without importing the engine.
 */
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import { claimNextEvent, markEventProcessed, selectOldestPendingAt } from './alerts.repo.js';
import { processEvent } from './alerts.process.js';

export interface AlertsReconcilerOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
}

/** PostgreSQL errors that say "try again" rather than "this event is broken". */
function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // connection, rollback (serialization, deadlock), resources, shutdown
  return typeof code === 'string' && /^(08|40|53|57P)/.test(code);
}

export class AlertsReconciler {
  readonly name = 'alerts';

  constructor(private readonly options: AlertsReconcilerOptions) {}

  async runOnce(_now: Date): Promise<boolean> {
    const { db, clock, logger } = this.options;
    let claimed: string | undefined;
    try {
      return await db.transaction().execute(async (tx) => {
        const event = await claimNextEvent(tx);
        if (!event) return false;
        claimed = event.id;
        const result = await processEvent(tx, clock, event);
        await markEventProcessed(tx, event.id, clock.now(), result);
        return true;
      });
    } catch (error) {
      if (!claimed || isTransient(error)) throw error;
      // A broken event must not hold up every event behind it: keep it, with
      // why it failed, and move on. It stays in inbound_events for a look.
      logger.error({ err: error, inboundEventId: claimed }, 'inbound event could not be processed');
      await markEventProcessed(db, claimed, clock.now(), `failed: ${error instanceof Error ? error.message : String(error)}`);
      return true;
    }
  }

  /** Events are processed as soon as they are stored: due since the oldest one arrived. */
  nextDueAt(): Promise<Date | null> {
    return selectOldestPendingAt(this.options.db);
  }
}

export const createAlertsReconciler = (options: AlertsReconcilerOptions): AlertsReconciler => new AlertsReconciler(options);

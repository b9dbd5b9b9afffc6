/**
 * The alerts reconciler: on every node, claims a batch of stored events
 * (claimEvents: in order per dedup key, FOR UPDATE SKIP LOCKED) and processes
 * them in the claiming transaction, so each event is applied once however
 * many nodes run. A batch shares one fail-fast transaction (db/batch.ts): one
 * claim, one commit, no savepoints, its timeline entries written together. If
 * anything in it fails, the batch is rolled back and its events are processed
 * again one at a time, each in a careful transaction of its own (where a
 * failing first page or subscriber is isolated as usual), so one broken
 * event only fails itself. It has the engine's Reconciler shape
 * (engine/types.ts) without importing the engine.
 */
import { deferOnce, failFastTransaction } from '../../db/batch.js';
import { inTransaction, type Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import { claimEvents, markEventsProcessed, selectOldestPendingAt, type ClaimedEvent } from './alerts.repo.js';
import { processEvent, readBatchFacts, resultTexts, type Outcome } from './alerts.process.js';
import { recordAlertEvents, type NewAlertEvent } from './alert-events.repo.js';
import { toAlertFields } from './alert-fields.js';
import { INBOUND_NOTIFY_PAYLOAD } from './inbound.js';

/** Events per transaction: enough to share the fixed costs, few enough that the first of them is not kept waiting for long. */
const BATCH_SIZE = 8;
/**
 * During a backlog (a storm: the last claim was full) each claim doubles, up
 * to this, so the fixed costs of a batch (claim, facts, commit, its
 * multi-row writes) are shared by more events; a claim that is not full
 * goes back to BATCH_SIZE.
 */
const MAX_BATCH_SIZE = 64;

/**
 * While events stream in, the claim after one that found some waits until
 * this long after it, so the next batch takes what arrived meanwhile: at 100
 * events a second, about two a batch instead of one, each batch's fixed
 * statements shared (ADR 34). A claim that came back full (a backlog) or a
 * first claim after a rest does not wait. Real time: a page is never later
 * than this for it.
 */
export const STREAM_LINGER_MS = 10;
/**
 * After a batch of QUIET_BATCH events or fewer (a quiet stream: at 100 a
 * second the batch's fixed statements were most of an event's cost), the
 * next claim waits this long instead, so batches of one become batches of
 * two or three (ADR 39). A busier stream's batches are larger and keep the
 * short linger: at 400 a second the long one only added latency.
 */
export const QUIET_LINGER_MS = 25;
const QUIET_BATCH = 2;

export interface AlertsReconcilerOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  batchSize?: number;
  /** STREAM_LINGER_MS (QUIET_LINGER_MS after a small batch) unless given (0: claim again at once). */
  lingerMs?: number;
  /** How the linger waits (real time by default; tests see what it asked for). */
  wait?: (ms: number) => Promise<void>;
  /** The linger's clock, in ms (performance.now by default; tests hold it still, so what it waits does not depend on the machine's speed). */
  nowMs?: () => number;
}

type Transaction = <T>(db: Db, work: (tx: Db) => Promise<T>) => Promise<T>;

/** PostgreSQL errors that say "try again" rather than "this event is broken". */
function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // connection, rollback (serialization, deadlock), resources, shutdown
  return typeof code === 'string' && /^(08|40|53|57P)/.test(code);
}

export class AlertsReconciler {
  readonly name = 'alerts';
  /** New events are announced (inbound.ts): after a claim that found none it rests until the next announcement. */
  readonly wakePayloads = [INBOUND_NOTIFY_PAYLOAD];

  /** The next claim's size: BATCH_SIZE, more while claims come back full (a backlog). */
  private limit: number;
  /** Whether the last claim came back full: other workers join only then (Reconciler.backlogged). */
  private full = false;
  /** When (nowMs) the last claim that found events ended. */
  private foundAtMs: number | undefined;
  /** Whether the last claim took a small batch (QUIET_BATCH events or fewer). */
  private quiet = false;

  constructor(private readonly options: AlertsReconcilerOptions) {
    this.limit = options.batchSize ?? BATCH_SIZE;
  }

  private nowMs(): number {
    return this.options.nowMs?.() ?? performance.now();
  }

  backlogged(): boolean {
    return this.full;
  }

  async runOnce(_now: Date): Promise<boolean> {
    await this.linger();
    const claimed: string[] = [];
    const base = this.options.batchSize ?? BATCH_SIZE;
    const limit = this.limit;
    try {
      const found = await this.process(limit, undefined, claimed, failFastTransaction);
      this.foundAtMs = found ? this.nowMs() : undefined;
      this.quiet = claimed.length <= QUIET_BATCH;
      this.full = claimed.length >= limit;
      this.limit = this.full ? Math.min(Math.max(base, MAX_BATCH_SIZE), limit * 2) : base;
      return found;
    } catch (error) {
      if (claimed.length === 0 || isTransient(error)) throw error;
      // Rare, and each event then costs a transaction of its own: worth a look if it is not.
      this.options.logger.warn(
        { err: error, events: claimed.length },
        'alerts batch failed: its events are processed one at a time',
      );
      for (const id of claimed) await this.processAlone(id);
      return true;
    }
  }

  /** Right after a claim that found events (not a full one), waits out the rest of the linger. */
  private async linger(): Promise<void> {
    const lingerMs = this.options.lingerMs ?? (this.quiet ? QUIET_LINGER_MS : STREAM_LINGER_MS);
    if (lingerMs <= 0 || this.full || this.foundAtMs === undefined) return;
    const left = this.foundAtMs + lingerMs - this.nowMs();
    if (left > 0) await (this.options.wait ?? realWait)(left);
  }

  /** Claims and processes up to `limit` events (or the one `onlyId`) in one transaction; `claimed` collects their ids. */
  private async process(
    limit: number,
    onlyId: string | undefined,
    claimed: string[],
    transaction: Transaction,
  ): Promise<boolean> {
    const { db, clock } = this.options;
    return transaction(db, async (tx) => {
      const events = await claimEvents(tx, limit, onlyId);
      claimed.push(...events.map((e) => e.id));
      if (events.length === 0) return false;
      const facts = await readBatchFacts(tx, clock, events);
      const outcomes: Outcome[] = [];
      const received: NewAlertEvent[] = [];
      for (const event of events) {
        const { result, alertId } = await processEvent(tx, clock, event, facts);
        outcomes.push(result);
        if (alertId) received.push(alertEventOf(event, alertId));
      }
      // The alerts' logs and the events' results in one statement; in a batch, after its other writes
      // (one statement, db/batch.ts), which give the incidents it opened their numbers (ADR 14).
      const finish = async (db: Db) => {
        const texts = await resultTexts(db, outcomes);
        await recordAlertEvents(db, received, {
          results: events.map((event, i) => ({ id: event.id, result: texts[i]! })),
          at: clock.now(),
        });
      };
      if (!deferOnce(tx, 'alerts.batch-results', finish)) await finish(tx);
      return true;
    });
  }

  /** One event of a batch that failed, in a careful transaction of its own; if it fails alone, it is the broken one. */
  private async processAlone(id: string): Promise<void> {
    try {
      await this.process(1, id, [], inTransaction);
    } catch (error) {
      if (isTransient(error)) throw error;
      await this.markFailed(id, error);
    }
  }

  /**
   * A broken event must not hold up every event behind it: keep it, with
   * why it failed, and move on. It stays in inbound_events for a look.
   */
  private async markFailed(id: string, error: unknown): Promise<void> {
    const { db, clock, logger } = this.options;
    logger.error({ err: error, inboundEventId: id }, 'inbound event could not be processed');
    await markEventsProcessed(
      db,
      [{ id, result: `failed: ${error instanceof Error ? error.message : String(error)}` }],
      clock.now(),
    );
  }

  /** Events are processed as soon as they are stored: due since the oldest one arrived. */
  nextDueAt(): Promise<Date | null> {
    return selectOldestPendingAt(this.options.db);
  }
}

const realWait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What an alert's log keeps of an event it received: its own summary and source (an acknowledge may have none), and the payload as received. */
function alertEventOf(event: ClaimedEvent, alertId: string): NewAlertEvent {
  const stored = (event.alert ?? {}) as { summary?: unknown };
  const hasSummary = typeof stored.summary === 'string' && stored.summary.trim() !== '';
  return {
    alertId,
    inboundEventId: event.id,
    action: event.action,
    receivedAt: event.received_at,
    source: toAlertFields(event.alert).source,
    summary: hasSummary ? toAlertFields(event.alert).summary : null,
    payload: event.raw,
  };
}

export const createAlertsReconciler = (options: AlertsReconcilerOptions): AlertsReconciler =>
  new AlertsReconciler(options);

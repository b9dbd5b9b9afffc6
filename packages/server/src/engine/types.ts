/** The shapes the engine works with: handlers for queued jobs, and reconcilers. */
import type { Db } from '../db/client.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';

export interface ClaimedJob<P = unknown> {
  id: string;
  kind: string;
  key: string | null;
  payload: P;
  attempts: number;
  maxAttempts: number;
  runAt: Date;
  /**
   * What the batch that wrote the job prepared for this run, when it handed
   * the job to this node leased (db/outbox.ts, leaseDeferredJob); absent
   * when the job was claimed from the table.
   */
  prepared?: unknown;
}

export interface JobContext {
  /** In 'transaction' mode, the claiming transaction; otherwise the pool. */
  db: Db;
  clock: Clock;
  logger: Logger;
  nodeId: string;
}

export interface JobHandler<P = unknown, R = unknown> {
  kind: string;
  /**
   * 'transaction' (default): runs inside the transaction that holds the row
   * lock and marks it done, so database-only work happens exactly once.
   * 'lease': claimed with a short lease, run outside any transaction; for
   * external calls, which happen at least once (send `key` as idempotency key).
   */
  mode?: 'transaction' | 'lease';
  /** Leases and handler timeouts, in real milliseconds. Default 30 s. */
  timeoutMs?: number;
  /** Does the job; in lease mode it may return what finishTogether is to write. */
  run(job: ClaimedJob<P>, ctx: JobContext): Promise<R | void>;
  /**
   * Lease mode: writes what the runs of one claim returned (those that
   * succeeded and returned something) in one go, before they are marked
   * done: a statement per claim instead of one per job. If it fails, each
   * of those jobs fails as its run would have (and is retried).
   */
  finishTogether?(results: Array<Exclude<R, undefined>>, ctx: JobContext): Promise<void>;
  /** Called once when the last attempt fails: write it where people will see it. */
  onFinalFailure?(job: ClaimedJob<P>, error: Error, ctx: JobContext): Promise<void>;
}

/**
 * A reconciler claims due rows of some table and acts on them. The job queue
 * is one; later, escalation steps and shift hand-offs are others.
 */
export interface Reconciler {
  name: string;
  /** Processes at most one unit of due work; true if it found any. */
  runOnce(now: Date): Promise<boolean>;
  /** The earliest instant at which work becomes due, if known. */
  nextDueAt(): Promise<Date | null>;
  /**
   * True when its work only becomes due with time, or is announced by a
   * wake-up (NOTIFY) from whoever made it due: after a pass that found
   * nothing, the engine leaves it alone until its next due instant (at most
   * the poll interval) or the next wake-up, instead of claiming in vain on
   * every round while other reconcilers are busy.
   */
  readonly dueByTime?: boolean;
  /**
   * NOTIFY payloads that announce its work (new inbound events, new jobs).
   * Naming them, it rests after a turn that found nothing, as a dueByTime
   * one does, and a wake-up with one of them ends its rest and no other's.
   * A payload no reconciler names ends every rest.
   */
  readonly wakePayloads?: readonly string[];
  /**
   * Other reconcilers' work on this node also makes its work (the job queue:
   * a batch of alerts plans deliveries), and the engine's own connections
   * send no NOTIFY: a turn of theirs that did work ends its rest.
   */
  readonly wokenByLocalWork?: boolean;
  /**
   * With wokenByLocalWork: whether work done on this node since its last
   * look may have made some for it (the job queue: a job written that no
   * batch handed it). Asked before a turn of another's that did work ends
   * its rest; without it, every such turn does.
   */
  localWorkPending?(): boolean;
  /**
   * Told when a wake-up ends its rest (a NOTIFY naming it or none, a
   * fake-clock jump, runDue): whatever it learnt of its work may be stale.
   */
  wokenUp?(): void;
  /**
   * Whether its last claim came back full: more work is waiting than one
   * claim takes. When it says, a second worker joins a turn another worker
   * is in only then (a backlog to share), not whenever the last claim found
   * something: work that is CPU-bound here and in PostgreSQL (the alerts
   * batch) then goes in fewer, fuller claims while one worker keeps up
   * (ADR 34). Without it, a worker joins whenever the last claim found work
   * (right for claims that mostly wait on a provider).
   */
  backlogged?(): boolean;
}

export interface JobOutcome {
  kind: string;
  outcome: 'done' | 'retry' | 'failed';
  durationMs: number;
}

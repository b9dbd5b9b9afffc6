/**
 * The job-queue reconciler: claims due engine_jobs rows with FOR UPDATE SKIP
 * LOCKED and runs their handler; retries with exponential backoff; on the last
 * failure calls the handler's onFinalFailure. Due-ness follows the injected
 * clock; leases follow the database's real time, because they guard against
 * real processes dying.
 */
import { sql } from 'kysely';
import type { Db } from '../db/client.js';
import { compiledOnce } from '../db/compiled.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import { claimableJobsWritten, JOBS_WAKE_PAYLOAD, runJobsHere, type HandedJob } from '../db/outbox.js';
import type { ClaimedJob, JobContext, JobHandler, JobOutcome, Reconciler } from './types.js';

const DEFAULT_TIMEOUT_MS = 30_000;
/** Lease-mode jobs one claim takes and runs side by side. */
const LEASE_BATCH = 8;
/** Handed jobs (runJobsHere) one unit runs side by side: no claim to share, so more than a claim's. */
const HANDED_BATCH = 32;
/**
 * How long (real ms) what a look found (claims empty, the next due instant)
 * stays true enough to skip looking again when nothing can have changed:
 * no wake-up, no job written on this node, nothing due yet. Short, so a
 * dead node's lease running out (real time) is still found soon.
 */
const LOOK_FRESH_MS = 1_000;

/** Delay before retry number `attempt` (1-based): 10 s, 20 s, 40 s ... capped at 1 h. */
export function backoffMs(attempt: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
}

/** One leased job's run: `result` is what its handler returned, for finishTogether. */
interface LeaseRun {
  job: ClaimedJob;
  failure: Error | undefined;
  started: number;
  result: unknown;
}

interface JobRow {
  id: string;
  kind: string;
  key: string | null;
  payload: unknown;
  attempts: number;
  max_attempts: number;
  run_at: Date;
}

const toClaimed = (row: JobRow): ClaimedJob => ({
  id: row.id,
  kind: row.kind,
  key: row.key,
  payload: row.payload,
  attempts: row.attempts,
  maxAttempts: row.max_attempts,
  runAt: row.run_at,
});

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface JobQueueOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  nodeId: string;
  handlers: JobHandler[];
  onOutcome?: (outcome: JobOutcome) => void;
  /** LOOK_FRESH_MS unless given (tests that must not depend on the machine's speed). */
  lookFreshMs?: number;
}

const nextDue = compiledOnce((db: Db, v: { kinds: string[] }) =>
  db
    .selectFrom('engine_jobs')
    .select((eb) => eb.fn.min('run_at').as('next'))
    // 'pending' written into the text, not a parameter: a plan prepared once can then use the
    // partial index of pending jobs; with a parameter PostgreSQL planned every call afresh (ADR 35).
    .where('status', '=', sql<'pending'>`'pending'`)
    .where('kind', 'in', v.kinds)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', sql<Date>`now()`)])),
);

/** Leased jobs that succeeded, done together (while this node still holds them). */
const leasesDone = compiledOnce((db: Db, v: { ids: string[]; nodeId: string; now: Date }) =>
  db
    .updateTable('engine_jobs')
    .set({ status: 'done', finished_at: v.now, locked_until: null, last_error: null })
    .where('id', 'in', v.ids)
    .where('locked_by', '=', v.nodeId),
);

export class JobQueue implements Reconciler {
  readonly name = 'job-queue';
  /** Jobs are announced by their kind (enqueueJob) or, for a batch's, by 'jobs' (enqueueJobDeferrable). */
  readonly wakePayloads: readonly string[];
  /** Jobs planned by the engine's own work on this node come with no NOTIFY (outbox.ts, wakeEngines). */
  readonly wokenByLocalWork = true;
  private readonly handlers: Map<string, JobHandler>;
  private readonly transactionKinds: string[];
  private readonly leaseKinds: string[];
  private calls = 0;
  private lastFound = false;
  /** Jobs the batches on this node wrote leased to it, waiting to run (runJobsHere). */
  private readonly handed: ClaimedJob[] = [];
  private readonly leaseMs: number;
  /** Jobs for any node written on this node when its claims last found none (claimableJobsWritten). */
  private seenWritten = -1;
  /** When its last look ended (claims empty, then the next due instant read), and that instant (null: none pending). */
  private lastLook: { atMs: number; nextDue: Date | null } | undefined;
  /** Woken since its last look: it must look again. */
  private mustLook = true;

  constructor(private readonly options: JobQueueOptions) {
    this.handlers = new Map(options.handlers.map((h) => [h.kind, h]));
    this.wakePayloads = [JOBS_WAKE_PAYLOAD, ...this.handlers.keys()];
    this.transactionKinds = options.handlers
      .filter((h) => (h.mode ?? 'transaction') === 'transaction')
      .map((h) => h.kind);
    this.leaseKinds = options.handlers.filter((h) => h.mode === 'lease').map((h) => h.kind);
    const maxTimeout = Math.max(...this.leaseKinds.map((k) => this.handlers.get(k)!.timeoutMs ?? DEFAULT_TIMEOUT_MS));
    this.leaseMs = maxTimeout + 5_000;
    // Batches on this handle may write lease-mode jobs leased to this node and hand them over at their commit.
    if (this.leaseKinds.length > 0)
      runJobsHere(options.db, {
        nodeId: options.nodeId,
        leaseSeconds: this.leaseMs / 1000,
        runs: (kind) => this.leaseKinds.includes(kind),
        take: (jobs) => this.take(jobs),
      });
  }

  private take(jobs: readonly HandedJob[]): void {
    for (const job of jobs)
      this.handed.push({
        id: job.id,
        kind: job.kind,
        key: job.key,
        payload: job.payload,
        attempts: 1,
        maxAttempts: job.maxAttempts,
        runAt: job.runAt,
        prepared: job.prepared,
      });
  }

  wokenUp(): void {
    this.mustLook = true;
  }

  /**
   * Whether nothing can have made a job claimable since its last look found
   * none: not woken, no job written on this node, the next due instant not
   * reached, and the look recent (LOOK_FRESH_MS). It then neither claims
   * nor reads the next due instant again: after running the jobs a batch
   * handed it, that was three statements for nothing.
   */
  private unchangedSinceLook(now: Date): boolean {
    const look = this.lastLook;
    return (
      look !== undefined &&
      !this.mustLook &&
      claimableJobsWritten(this.options.db) === this.seenWritten &&
      performance.now() - look.atMs < (this.options.lookFreshMs ?? LOOK_FRESH_MS) &&
      (look.nextDue === null || now.getTime() < look.nextDue.getTime())
    );
  }

  /** Whether this node has written jobs since it last looked, or handed it some (to run without a claim). */
  localWorkPending(): boolean {
    return this.handed.length > 0 || claimableJobsWritten(this.options.db) !== this.seenWritten;
  }

  /** Whether work is waiting for another worker to join in: jobs handed to it, or its last claim found some. */
  backlogged(): boolean {
    return this.handed.length > 0 || this.lastFound;
  }

  async nextDueAt(): Promise<Date | null> {
    if (this.handed.length > 0) return this.options.clock.now();
    if (this.unchangedSinceLook(this.options.clock.now())) return this.lastLook!.nextDue;
    const kinds = [...this.handlers.keys()];
    if (kinds.length === 0) return null;
    // A look, if nothing was written or woke it since its last empty claims (nor while this read ran).
    const woken = this.mustLook;
    const [row] = await nextDue(this.options.db, { kinds });
    const next = (row?.next as Date | null) ?? null;
    if (!woken && !this.mustLook && this.seenWritten === claimableJobsWritten(this.options.db))
      this.lastLook = { atMs: performance.now(), nextDue: next };
    return next;
  }

  async runOnce(now: Date): Promise<boolean> {
    this.lastFound = await this.runOnceFound(now);
    return this.lastFound;
  }

  private async runOnceFound(now: Date): Promise<boolean> {
    // Jobs handed over by this node's batches first: their people wait, and they need no claim.
    if (this.handed.length > 0) {
      await this.runLeases(this.handed.splice(0, HANDED_BATCH));
      return true;
    }
    if (this.unchangedSinceLook(now)) return false;
    // Read before the claims: a job written (or a wake-up) while they run is looked for next time.
    const written = claimableJobsWritten(this.options.db);
    this.mustLook = false;
    this.lastLook = undefined;
    // Lease-mode jobs (deliveries, waited for by people) first. Transactional
    // ones are looked for when there was no leased job, and every fourth call
    // regardless, so neither starves and a busy queue does not pay for an
    // empty claim on every unit. False only when both found nothing.
    const both = this.calls++ % 4 === 0;
    const leased = this.leaseKinds.length > 0 && (await this.runLeased(now));
    if (leased && !both) return true;
    const transactional = this.transactionKinds.length > 0 && (await this.runTransactional(now));
    // Both claims found nothing: every job written so far is done, someone else's, or not yet due.
    if (!leased && !transactional) this.seenWritten = written;
    return leased || transactional;
  }

  private context(db: Db): JobContext {
    return { db, clock: this.options.clock, logger: this.options.logger, nodeId: this.options.nodeId };
  }

  private async runTransactional(now: Date): Promise<boolean> {
    const { db } = this.options;
    // Mostly there is none: one statement to say so, instead of a transaction (three).
    const due = await sql<{ id: string }>`
      SELECT id FROM engine_jobs
      WHERE status = 'pending' AND run_at <= ${now} AND kind = ANY(${this.transactionKinds})
        AND (locked_until IS NULL OR locked_until < now())
      LIMIT 1`.execute(db);
    if (due.rows.length === 0) return false;
    let claimed: ClaimedJob | undefined;
    let failure: Error | undefined;
    const started = performance.now();
    try {
      await db.transaction().execute(async (tx) => {
        const row = await sql<JobRow>`
          SELECT id, kind, key, payload, attempts, max_attempts, run_at FROM engine_jobs
          WHERE status = 'pending' AND run_at <= ${now} AND kind = ANY(${this.transactionKinds})
            AND (locked_until IS NULL OR locked_until < now())
          ORDER BY run_at, id LIMIT 1
          FOR UPDATE SKIP LOCKED`.execute(tx);
        const found = row.rows[0];
        if (!found) return;
        claimed = toClaimed({ ...found, attempts: found.attempts + 1 });
        const handler = this.handlers.get(found.kind)!;
        await sql`SAVEPOINT job`.execute(tx);
        try {
          await withTimeout(
            handler.run(claimed, this.context(tx)),
            handler.timeoutMs ?? DEFAULT_TIMEOUT_MS,
            `Job ${found.kind} ${found.id}`,
          );
          await tx
            .updateTable('engine_jobs')
            .set({
              status: 'done',
              attempts: claimed.attempts,
              finished_at: this.options.clock.now(),
              locked_by: this.options.nodeId,
              last_error: null,
            })
            .where('id', '=', found.id)
            .execute();
        } catch (error) {
          failure = error instanceof Error ? error : new Error(String(error));
          await sql`ROLLBACK TO SAVEPOINT job`.execute(tx);
          await this.recordFailure(tx, claimed, failure, handler);
        }
      });
    } catch (error) {
      // The transaction itself failed (connection lost, serialization): the row
      // lock is gone and the row is still pending, so another pass retries it.
      this.options.logger.error({ err: error, job: claimed?.id }, 'engine transaction failed');
      return false;
    }
    if (claimed) this.report(claimed, failure, started);
    return claimed !== undefined;
  }

  /**
   * Claims up to LEASE_BATCH due lease-mode jobs in one statement and runs
   * them side by side: they spend most of their time waiting on a provider,
   * outside any transaction, so one worker keeps several in flight.
   */
  private async runLeased(now: Date): Promise<boolean> {
    const { db, nodeId } = this.options;
    const leaseMs = this.leaseMs;
    const claimed = await sql<JobRow>`
      UPDATE engine_jobs SET locked_by = ${nodeId}, locked_until = now() + make_interval(secs => ${leaseMs / 1000}),
        attempts = attempts + 1
      WHERE id IN (
        SELECT id FROM engine_jobs
        WHERE status = 'pending' AND run_at <= ${now} AND kind = ANY(${this.leaseKinds})
          AND (locked_until IS NULL OR locked_until < now())
        ORDER BY run_at, id LIMIT ${LEASE_BATCH}
        FOR UPDATE SKIP LOCKED)
      RETURNING id, kind, key, payload, attempts, max_attempts, run_at`.execute(db);
    if (claimed.rows.length === 0) return false;
    await this.runLeases(claimed.rows.map(toClaimed));
    return true;
  }

  /** Runs leased jobs side by side, then writes what they returned together and marks those that succeeded done. */
  private async runLeases(jobs: ClaimedJob[]): Promise<void> {
    const { db, nodeId } = this.options;
    const runs = await Promise.all(jobs.map((job) => this.runLease(job)));
    await this.finishTogether(runs);
    // The ones that succeeded are marked done together, in one statement. A
    // crash before it only repeats them when their lease ends, which lease
    // mode allows (a repeat after success is a no-op for its handler).
    const done = runs.filter((run) => !run.failure);
    if (done.length > 0) {
      await leasesDone(db, { ids: done.map((run) => run.job.id), nodeId, now: this.options.clock.now() });
    }
    for (const run of runs) this.report(run.job, run.failure, run.started);
  }

  /** What each handler's runs of a claim returned, written together (JobHandler.finishTogether); a failure fails them all. */
  private async finishTogether(runs: LeaseRun[]): Promise<void> {
    const byKind = new Map<string, LeaseRun[]>();
    for (const run of runs) {
      if (run.failure || run.result === undefined || !this.handlers.get(run.job.kind)!.finishTogether) continue;
      const same = byKind.get(run.job.kind);
      if (same) same.push(run);
      else byKind.set(run.job.kind, [run]);
    }
    for (const [kind, together] of byKind) {
      const handler = this.handlers.get(kind)!;
      try {
        await handler.finishTogether!(
          together.map((run) => run.result),
          this.context(this.options.db),
        );
      } catch (error) {
        const failure = error instanceof Error ? error : new Error(String(error));
        for (const run of together) {
          run.failure = failure;
          await this.options.db.transaction().execute((tx) => this.recordFailure(tx, run.job, failure, handler));
        }
      }
    }
  }

  /** Runs one leased job; a failure is recorded here (retry or final), a success by the caller with the rest of the claim. */
  private async runLease(job: ClaimedJob): Promise<LeaseRun> {
    const { db } = this.options;
    const started = performance.now();
    const handler = this.handlers.get(job.kind)!;
    let failure: Error | undefined;
    let result: unknown;
    try {
      result = await withTimeout(
        handler.run(job, this.context(db)),
        handler.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        `Job ${job.kind} ${job.id}`,
      );
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
      await db.transaction().execute((tx) => this.recordFailure(tx, job, failure!, handler));
    }
    return { job, failure, started, result };
  }

  private async recordFailure(tx: Db, job: ClaimedJob, error: Error, handler: JobHandler): Promise<void> {
    const isFinal = job.attempts >= job.maxAttempts;
    const now = this.options.clock.now();
    await tx
      .updateTable('engine_jobs')
      .set({
        status: isFinal ? 'failed' : 'pending',
        attempts: job.attempts,
        last_error: error.message.slice(0, 2000),
        run_at: isFinal ? job.runAt : new Date(now.getTime() + backoffMs(job.attempts)),
        finished_at: isFinal ? now : null,
        locked_until: null,
      })
      .where('id', '=', job.id)
      .execute();
    this.options.logger.warn(
      { job: job.id, kind: job.kind, attempt: job.attempts, final: isFinal, err: error.message },
      'job failed',
    );
    if (isFinal && handler.onFinalFailure) {
      await handler.onFinalFailure(job, error, this.context(tx));
    }
  }

  private report(job: ClaimedJob, failure: Error | undefined, started: number): void {
    const outcome = !failure ? 'done' : job.attempts >= job.maxAttempts ? 'failed' : 'retry';
    this.options.onOutcome?.({ kind: job.kind, outcome, durationMs: performance.now() - started });
  }
}

/**
 * The outbox: how any module asks for work to happen later or outside the
 * database (a notification, a webhook, an escalation step). Enqueue inside the
 * transaction that decided it, so the decision and the work commit together.
 * The engine runs each row once; `key` makes enqueueing idempotent.
 */
import {
  sql,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import {
  afterCommit,
  changeDeferred,
  databaseNowPlus,
  deferOnce,
  insertDeferrable,
  isFailFast,
  returnedRows,
  returnFromDeferred,
  withSavepoint,
} from './batch.js';
import type { Db } from './client.js';
import { handleContextOf, transactionValue } from './context.js';
import type { EventName, EventPayload } from './events.js';

export const ENGINE_CHANNEL = 'tocsin_engine';
/** The NOTIFY payload of jobs written together at a batch's commit (enqueueJob's own name their kind). */
export const JOBS_WAKE_PAYLOAD = 'jobs';

export interface EnqueueJob {
  kind: string;
  payload?: unknown;
  /** Idempotency key: a second enqueue with the same key is ignored. */
  key?: string;
  runAt: Date;
  maxAttempts?: number;
}

const jobRow = (job: EnqueueJob, now: Date) => ({
  kind: job.kind,
  key: job.key ?? null,
  payload: JSON.stringify(job.payload ?? {}),
  run_at: job.runAt,
  max_attempts: job.maxAttempts ?? 8,
  locked_by: null,
  locked_until: null,
  last_error: null,
  created_at: now,
  finished_at: null,
});

const CLAIMABLE = 'outbox.claimable-jobs-written';

/** Jobs written on the handle for any node to claim, counted (claimableJobsWritten). */
function countClaimable(db: Db, change: number): void {
  const counter = claimableCounter(db);
  if (counter) counter.written += change;
}

function claimableCounter(db: Db): { written: number } | undefined {
  const context = handleContextOf(db);
  if (!context) return undefined;
  let counter = context.values.get(CLAIMABLE) as { written: number } | undefined;
  if (!counter) {
    const made = { written: 0 };
    context.values.set(CLAIMABLE, (counter = made));
    // Jobs inserted with Kysely by other code (a fan-out's deliveries); updates are the queue's own (done, retry later).
    context.writeWatchers.push((table, operation) => {
      if (table === 'engine_jobs' && operation === 'insert') made.written++;
    });
  }
  return counter;
}

/**
 * How many jobs for any node to claim have been written on this handle (or
 * its transactions) so far, in this process: enqueueJob's and
 * enqueueJobDeferrable's, less those a batch leased to this node
 * (leaseDeferredJob), and any other INSERT into engine_jobs built with
 * Kysely (a job queue's own updates, a retry's later due time among them,
 * are found by its claims and next-due reads). Raw SQL is not seen: code
 * that writes jobs that way on the engine's handle must count them (or
 * send a NOTIFY). A job queue that saw the count unchanged since its last
 * claim knows no local work made any (Reconciler.localWorkPending);
 * rolled-back writes only cost a claim.
 */
export const claimableJobsWritten = (db: Db): number => claimableCounter(db)?.written ?? 0;

/** Adds a job; returns its id, or undefined when a job with the same key exists. */
export async function enqueueJob(db: Db, job: EnqueueJob, now: Date): Promise<string | undefined> {
  countClaimable(db, 1);
  // One statement: the insert and, when it added a row, the wake-up (see wakeEngines).
  const row = await db
    .with('job', (qb) =>
      qb
        .insertInto('engine_jobs')
        .values(jobRow(job, now))
        .onConflict((oc) => oc.column('key').doNothing())
        .returning('id'),
    )
    .selectFrom('job')
    .select(['id', sql<null>`${wakeUp(job.kind)}`.as('woke')])
    .executeTakeFirst();
  return row?.id;
}

/**
 * enqueueJob for a caller that needs no id back: in a fail-fast batch
 * (batch.ts) the job is written with the batch's other jobs just before the
 * commit, and the engines are woken once.
 */
export async function enqueueJobDeferrable(db: Db, job: EnqueueJob, now: Date): Promise<void> {
  if (!isFailFast(db)) {
    await enqueueJob(db, job, now);
    return;
  }
  countClaimable(db, 1);
  await insertDeferrable(db, 'engine_jobs', jobRow(job, now), { onConflictDoNothing: 'key' });
  deferOnce(db, 'wake engines', (tx) => wakeEngines(tx, JOBS_WAKE_PAYLOAD));
}

/** A job written leased to this node by a batch that has committed, with what the batch prepared for its run. */
export interface HandedJob {
  id: string;
  kind: string;
  key: string;
  payload: unknown;
  maxAttempts: number;
  runAt: Date;
  /** What the batch prepared for the job's handler (ClaimedJob.prepared). */
  prepared: unknown;
}

/** A node's job queue, as the batches on its database handle see it (runJobsHere). */
export interface LocalJobRunner {
  readonly nodeId: string;
  /** How long a lease of this runner's lasts, in real seconds. */
  readonly leaseSeconds: number;
  /** Whether it runs jobs of `kind` in lease mode. */
  runs(kind: string): boolean;
  /** Runs these as if it had claimed them (their first attempt); must not throw. */
  take(jobs: readonly HandedJob[]): void;
}

const RUNNERS = 'outbox.local-runners';

/** Says that `runner` runs this handle's jobs in this process (the engine's job queue); batches may hand it jobs (leaseDeferredJob). */
export function runJobsHere(db: Db, runner: LocalJobRunner): void {
  const values = handleContextOf(db)?.values;
  if (!values) return;
  const runners = (values.get(RUNNERS) as LocalJobRunner[] | undefined) ?? [];
  values.set(RUNNERS, [...runners, runner]);
}

/** The job queue in this process that would run a handed job of `kind`, if any. */
export function localRunnerFor(db: Db, kind: string): LocalJobRunner | undefined {
  const runners = handleContextOf(db)?.values.get(RUNNERS) as LocalJobRunner[] | undefined;
  return runners?.find((r) => r.runs(kind));
}

interface Leased {
  runner: LocalJobRunner;
  kind: string;
  key: string;
  payload: unknown;
  maxAttempts: number;
  runAt: Date;
  prepare: (tx: Db) => unknown;
}

const LEASED = 'outbox.leased';

/**
 * In a fail-fast batch, before its rows are written (batch.ts,
 * deferBeforeWriting): the job of `kind` and `key` this batch holds to write
 * is written leased to this node's job queue instead, as if it had claimed
 * it (its first attempt counted); once the batch commits the queue runs it,
 * with what `prepare` makes of the batch after its rows are written, and no
 * claim. If the process dies first, the lease runs out and any node claims
 * it as it would any job: its second attempt. Returns false, changing
 * nothing, when there is no such job queue here or no such deferred job.
 */
export function leaseDeferredJob(tx: Db, job: { kind: string; key: string }, prepare: (tx: Db) => unknown): boolean {
  const runner = localRunnerFor(tx, job.kind);
  if (!runner) return false;
  let found: { payload: unknown; max_attempts?: number; run_at: Date | string } | undefined;
  const leased = changeDeferred(
    tx,
    'engine_jobs',
    (row) => row.key === job.key && row.kind === job.kind && row.locked_by == null,
    (row) => {
      found = row;
      return {
        ...row,
        locked_by: runner.nodeId,
        locked_until: databaseNowPlus(runner.leaseSeconds) as never,
        attempts: 1,
      };
    },
  );
  if (!leased || !found) return false;
  // Not for any node to claim: this one runs it.
  countClaimable(tx, -1);
  returnFromDeferred(tx, 'engine_jobs', 'key', ['id', 'key']);
  let all = transactionValue.get<Leased[]>(tx, LEASED);
  if (!all) {
    transactionValue.set(tx, LEASED, (all = []));
    const handing = all;
    deferOnce(tx, 'outbox: hand leased jobs', (written) => handLeased(written, handing));
  }
  all.push({
    runner,
    ...job,
    payload: typeof found.payload === 'string' ? JSON.parse(found.payload) : found.payload,
    maxAttempts: found.max_attempts ?? 8,
    runAt: new Date(found.run_at),
    prepare,
  });
  return true;
}

/** After the batch's rows are written: the leased jobs written (a key already taken wrote none), prepared, handed over at the commit. */
async function handLeased(tx: Db, leased: readonly Leased[]): Promise<void> {
  const ids = new Map(returnedRows(tx, 'engine_jobs').map((row) => [String(row.key), String(row.id)]));
  const byRunner = new Map<LocalJobRunner, HandedJob[]>();
  for (const job of leased) {
    const id = ids.get(job.key);
    if (id === undefined) continue;
    const handed: HandedJob = {
      id,
      kind: job.kind,
      key: job.key,
      payload: job.payload,
      maxAttempts: job.maxAttempts,
      runAt: job.runAt,
      prepared: await job.prepare(tx),
    };
    const theirs = byRunner.get(job.runner);
    if (theirs) theirs.push(handed);
    else byRunner.set(job.runner, [handed]);
  }
  for (const [runner, jobs] of byRunner) afterCommit(tx, () => runner.take(jobs));
}

/** The session setting that marks the engine's own connections (see wakeEngines). */
export const ENGINE_SESSION_SETTINGS = { 'tocsin.in_engine': 'on' };

/**
 * Wakes every node's engine when the transaction commits (NOTIFY is
 * transactional). Skipped on the engine's own connections (its pool sets
 * ENGINE_SESSION_SETTINGS): the node doing the work keeps draining until
 * nothing is due, so it needs no wake-up, and a NOTIFY makes PostgreSQL
 * serialise the commits of every transaction that sends one, which capped
 * the engine at a few hundred steps a second.
 */
export async function wakeEngines(db: Db, payload: string, options: { evenFromEngine?: boolean } = {}): Promise<void> {
  // evenFromEngine: work the engine's own pass will not come back for (a step left due by a failure).
  if (options.evenFromEngine) await sql`SELECT pg_notify(${ENGINE_CHANNEL}, ${payload})`.execute(db);
  // On a handle known to be the engine's, the statement would send nothing: spare the round trip.
  else if (!isEngineHandle(db)) await sql`SELECT ${wakeUp(payload)}`.execute(db);
}

/** A Kysely plugin that changes no query: it marks the engine's handle (and its transactions). */
class EngineHandlePlugin implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

/**
 * The engine's handle, on connections opened with ENGINE_SESSION_SETTINGS:
 * wakeEngines knows without asking PostgreSQL that it would send nothing.
 */
export const asEngineHandle = (db: Db): Db => db.withPlugin(new EngineHandlePlugin());

const isEngineHandle = (db: Db): boolean => db.getExecutor().plugins.some((p) => p instanceof EngineHandlePlugin);

const wakeUp = (payload: string) =>
  sql`CASE WHEN current_setting('tocsin.in_engine', true) = 'on' THEN NULL ELSE pg_notify(${ENGINE_CHANNEL}, ${payload}) END`;

/**
 * Who reacts to published events in this process: app/ builds one from every
 * module's subscriptions and attaches it to the database handle
 * (withEventDispatch), so publishEvent finds it on any transaction started
 * from that handle without every caller passing it along.
 */
export interface EventDispatcher {
  /** Whether anything here subscribes to `name`. */
  handles(name: string): boolean;
  /** Runs every subscriber of `name` inside `tx`; throws if one fails. */
  deliver(tx: Db, name: string, payload: unknown): Promise<void>;
  /** Told when inline delivery failed and the event went to the queue instead. */
  deferred(name: string, error: unknown): void;
}

/** A Kysely plugin that changes no query: it only carries the dispatcher along with the handle and its transactions. */
class EventDispatchPlugin implements KyselyPlugin {
  constructor(readonly dispatcher: EventDispatcher) {}
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

/** The same database handle, with `dispatcher` delivering the events published through it. */
export const withEventDispatch = (db: Db, dispatcher: EventDispatcher): Db =>
  db.withPlugin(new EventDispatchPlugin(dispatcher));

function dispatcherOf(db: Db): EventDispatcher | undefined {
  for (const plugin of db.getExecutor().plugins) if (plugin instanceof EventDispatchPlugin) return plugin.dispatcher;
  return undefined;
}

/**
 * Publishes a domain event (STYLE.md: a module that must not import the
 * module that reacts publishes, and app/ subscribes the other).
 *
 * Inside a transaction whose handle carries a dispatcher, the subscribers run
 * right here, in a savepoint of the publishing transaction: the reaction
 * commits with the decision or not at all, and costs no queue round trip
 * (ADR 13). Publish after writing the state the event describes. If a
 * subscriber fails, its writes are rolled back to the savepoint and the event
 * is queued instead: a job `event.<name>` that the engine delivers, with
 * retries, in a transaction of its own. Outside a transaction, or on a handle
 * with no dispatcher, it is always queued; an event nobody subscribes to is
 * dropped (app/wiring/events.test.ts fails when a declared event has no
 * subscriber). Subscribers must be idempotent and only write to the database;
 * `key` makes a second queueing a no-op. `name` and `payload` are typed by
 * the modules' declarations (events.ts): pass the name as a string literal,
 * so the publisher is found by searching for it.
 */
export async function publishEvent<K extends EventName>(
  db: Db,
  now: Date,
  name: K,
  payload: EventPayload<K>,
  key?: string,
): Promise<void> {
  const dispatcher = dispatcherOf(db);
  // Every node runs the same code: an event nobody here subscribes to has no reader anywhere.
  if (dispatcher && !dispatcher.handles(name)) return;
  if (dispatcher && db.isTransaction) {
    const delivered = await withSavepoint(db, () => dispatcher.deliver(db, name, payload));
    if (delivered.ok) return;
    dispatcher.deferred(name, delivered.error);
  }
  await enqueueJob(
    db,
    { kind: `event.${name}`, payload, runAt: now, ...(key !== undefined && { key: `event.${name}:${key}` }) },
    now,
  );
}

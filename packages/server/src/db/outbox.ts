/**
 * The outbox: how any module asks for work to happen later or outside the
 * database (a notification, a webhook, an escalation step). Enqueue inside the
 * transaction that decided it, so the decision and the work commit together.
 * The engine runs each row once; `key` makes enqueueing idempotent.
 */
import { sql } from 'kysely';
import type { Db } from './client.js';

export const ENGINE_CHANNEL = 'tocsin_engine';

export interface EnqueueJob {
  kind: string;
  payload?: unknown;
  /** Idempotency key: a second enqueue with the same key is ignored. */
  key?: string;
  runAt: Date;
  maxAttempts?: number;
}

/** Adds a job; returns its id, or undefined when a job with the same key exists. */
export async function enqueueJob(db: Db, job: EnqueueJob, now: Date): Promise<string | undefined> {
  const row = await db
    .insertInto('engine_jobs')
    .values({
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
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('id')
    .executeTakeFirst();
  await wakeEngines(db, job.kind);
  return row?.id;
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
export async function wakeEngines(db: Db, payload: string): Promise<void> {
  await sql`SELECT CASE WHEN current_setting('tocsin.in_engine', true) = 'on' THEN NULL ELSE pg_notify(${ENGINE_CHANNEL}, ${payload}) END`.execute(db);
}


/**
 * Publishes a domain event: a job `event.<name>` that the engine delivers to
 * every subscriber app/ registered for it, in one transaction. Use it when a
 * module must not import the module that reacts (STYLE.md).
 */
export async function publishEvent(db: Db, now: Date, name: string, payload: unknown, key?: string): Promise<void> {
  await enqueueJob(db, { kind: `event.${name}`, payload, runAt: now, ...(key !== undefined && { key: `event.${name}:${key}` }) }, now);
}

/**
 * The engine's public face: the loop, the job queue, and the shapes handlers
 * and reconcilers implement. Modules enqueue work through db/outbox.ts.
 */
export { Engine } from './engine.js';
export type { EngineOptions } from './engine.js';
export { JobQueue, backoffMs } from './job-queue.js';
export type { ClaimedJob, JobContext, JobHandler, JobOutcome, Reconciler } from './types.js';

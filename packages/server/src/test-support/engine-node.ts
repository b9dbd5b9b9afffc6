/**
 * A whole Tocsin server process for the multi-node engine test: the real app
 * with one extra job handler that records, inside the claiming transaction,
 * which node ran which job. Run with `node --import tsx engine-node.ts`.
 */
import { sql } from 'kysely';
import { createTocsin } from '../app/app.js';
import { silentLogger } from '../lib/logger.js';
import type { JobHandler } from '../engine/index.js';
import { testConfig } from './app.js';

const nodeId = process.env.NODE_ID ?? `node-${process.pid}`;
const delayMs = Number(process.env.PROBE_DELAY_MS ?? 5);

const probe: JobHandler<{ n: number }> = {
  kind: 'probe.record',
  async run(job, ctx) {
    await new Promise((r) => setTimeout(r, delayMs));
    await sql`INSERT INTO engine_probe (job_id, node) VALUES (${job.id}, ${nodeId})`.execute(ctx.db);
  },
};

const app = await createTocsin(
  { ...testConfig({ runEngine: true }), databaseUrl: process.env.DATABASE_URL! },
  { logger: silentLogger, nodeId, jobHandlers: [probe as JobHandler], engineConcurrency: 4, enginePollIntervalMs: 200 },
);
const url = await app.start();
process.stdout.write(`ready ${url}\n`);
const stop = () => void app.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

/**
 * The composition root: the one place that wires config, database, clock,
 * engine, modules' job handlers and the HTTP server together. Tests build the
 * whole app here with a fake clock, exactly as `tocsin serve` does.
 */
import os from 'node:os';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { connectDatabase, type Db } from '../db/client.js';
import { asEngineHandle, ENGINE_SESSION_SETTINGS, withEventDispatch } from '../db/outbox.js';
import { listenForRememberedTables, shareRememberedTables } from '../db/remembered.js';
import { Engine, JobQueue, type JobHandler } from '../engine/index.js';
import { buildHttpServer, coreRoutes, type RouteRegistrar } from '../http/server.js';
import { createMetrics, type Metrics } from '../http/metrics.js';
import { systemClock, type Clock } from '../lib/clock.js';
import { randomId } from '../lib/ids.js';
import { createLogger, type Logger } from '../lib/logger.js';
import type { Config } from './config.js';
import {
  eventDispatcher,
  eventHandlers,
  moduleWirings,
  routesOf,
  type ModuleWiring,
  type WiringDeps,
} from './wiring/index.js';

export const VERSION = '0.1.0';

export interface TocsinOptions {
  clock?: Clock;
  logger?: Logger;
  /** Extra job handlers (tests register probes here). */
  jobHandlers?: JobHandler[];
  routes?: RouteRegistrar[];
  /** Routes added to the usual ones (tests register probes here, e.g. a deliberately unguarded read). */
  extraRoutes?: RouteRegistrar[];
  nodeId?: string;
  maxConnections?: number;
  engineConcurrency?: number;
  enginePollIntervalMs?: number;
  /** How long in-flight requests may take to finish on close before their connections are cut. */
  shutdownGraceMs?: number;
  /** Replaces the module wirings (tests of the foundation alone). */
  wirings?: ModuleWiring[];
}

export interface Tocsin {
  config: Config;
  db: Db;
  pool: pg.Pool;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  engine: Engine;
  http: FastifyInstance;
  nodeId: string;
  /** Starts listening and the engine; returns the base URL. */
  start(): Promise<string>;
  close(): Promise<void>;
}

export async function createTocsin(
  config: Config & { databaseUrl: string },
  options: TocsinOptions = {},
): Promise<Tocsin> {
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const clock = options.clock ?? systemClock;
  const nodeId = options.nodeId ?? `${os.hostname()}:${process.pid}:${randomId().slice(0, 8)}`;
  const {
    db: plainDb,
    pool,
    close: closeDb,
  } = connectDatabase(config.databaseUrl, {
    maxConnections: options.maxConnections ?? 20,
    prepareStatements: config.databasePreparedStatements,
    // A request waits a bounded time for the database, then answers 503 (retry).
    connectTimeoutMs: config.databaseConnectTimeoutMs,
    statementTimeoutMs: config.databaseStatementTimeoutMs,
  });
  // The engine has its own connections: HTTP requests never wait behind it,
  // and its sessions are marked so its enqueues skip the wake-up NOTIFY.
  const engineConnections = connectDatabase(config.databaseUrl, {
    maxConnections: Math.min(options.maxConnections ?? 20, config.engineConcurrency + 2),
    applicationName: 'tocsin engine',
    prepareStatements: config.databasePreparedStatements,
    // No request timeouts: a long batch is work, not a hung request; after a freeze it carries on.
    sessionSettings: ENGINE_SESSION_SETTINGS,
  });
  const metrics = createMetrics();
  const wirings = options.wirings ?? moduleWirings;
  // Events published in a transaction reach this process's subscribers in that transaction (ADR 13).
  const dispatcher = eventDispatcher(wirings, { config, db: plainDb, pool, clock, logger, metrics, nodeId });
  const db = withEventDispatch(plainDb, dispatcher);
  const wiringDeps: WiringDeps = { config, db, pool, clock, logger, metrics, nodeId };
  // The engine's batches read the remembered tables (SLA targets, webhook subscriptions) that requests change.
  shareRememberedTables(plainDb, engineConnections.db);
  const engineDeps: WiringDeps = {
    ...wiringDeps,
    db: withEventDispatch(asEngineHandle(engineConnections.db), dispatcher),
    pool: engineConnections.pool,
  };
  const jobQueue = new JobQueue({
    db: engineDeps.db,
    clock,
    logger: logger.child({ component: 'engine' }),
    nodeId,
    handlers: [
      ...wirings.flatMap((w) => w.jobHandlers?.(engineDeps) ?? []),
      ...eventHandlers(wirings, engineDeps),
      ...(options.jobHandlers ?? []),
    ],
    onOutcome: (o) => metrics.engineJobs.labels(o.kind, o.outcome).inc(),
  });
  const engine = new Engine({
    pool,
    clock,
    logger: logger.child({ component: 'engine' }),
    reconcilers: [jobQueue, ...wirings.flatMap((w) => w.reconcilers?.(engineDeps) ?? [])],
    concurrency: options.engineConcurrency ?? config.engineConcurrency,
    pollIntervalMs: options.enginePollIntervalMs ?? 5_000,
  });
  const deps = { config, db, pool, clock, metrics };
  const http = await buildHttpServer(deps, {
    logger,
    version: VERSION,
    frontDoors: wirings.flatMap((w) => (w.frontDoor ? [w.frontDoor(wiringDeps)] : [])),
    routes: [
      ...(options.routes ?? [...coreRoutes, ...wirings.flatMap((w) => routesOf(w, wiringDeps))]),
      ...(options.extraRoutes ?? []),
    ],
  });

  let engineStarted = false;
  const stopListeners: Array<() => Promise<void>> = [];
  return {
    config,
    db,
    pool,
    clock,
    logger,
    metrics,
    engine,
    http,
    nodeId,
    async start() {
      const address = await http.listen({ host: config.host, port: config.port });
      stopListeners.push(listenForRememberedTables({ db, pool, logger }));
      for (const wiring of wirings) if (wiring.start) stopListeners.push(await wiring.start(wiringDeps));
      if (config.runEngine) {
        await engine.start();
        engineStarted = true;
      }
      return address.replace('[::1]', 'localhost');
    },
    async close() {
      for (const stop of stopListeners.splice(0)) await stop();
      // Let requests in flight finish, but never let one slow client hold up a shutdown.
      const cut = setTimeout(() => http.server.closeAllConnections(), options.shutdownGraceMs ?? 10_000);
      await http.close();
      clearTimeout(cut);
      if (engineStarted) await engine.stop();
      await closeDb();
      await engineConnections.close();
    },
  };
}

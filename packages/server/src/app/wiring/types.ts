/**
 * How a module plugs into the app: its routes, job handlers, reconcilers,
 * event subscriptions and long-running listeners. Each module has one wiring
 * file here; app.ts assembles them, so adding a module never edits app.ts.
 */
import type pg from 'pg';
import type { Db } from '../../db/client.js';
import type { EventName, EventPayload } from '../../db/events.js';
import type { EventDispatcher } from '../../db/outbox.js';
import type { JobContext, JobHandler, Reconciler } from '../../engine/index.js';
import type { FrontDoor } from '../../http/front-door.js';
import type { RouteRegistrar } from '../../http/server.js';
import type { Metrics } from '../../http/metrics.js';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import type { Config } from '../config.js';

export interface WiringDeps {
  config: Config;
  db: Db;
  pool: pg.Pool;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  nodeId: string;
}

/** Reacts to a published event `K` (declared in some module's *.events.ts), inside the transaction that delivers it. */
export type EventSubscriber<K extends EventName = EventName> = (
  payload: EventPayload<K>,
  ctx: JobContext,
) => Promise<void>;

/** A module's subscriptions: event name → what to do, each typed by the event's declared payload. */
export type Subscriptions = { [K in EventName]?: Array<EventSubscriber<K>> };

/** The same, with the names as plain strings: what delivery works with once the types have been checked. */
type AnySubscriber = (payload: unknown, ctx: JobContext) => Promise<void>;

export interface ModuleWiring {
  name: string;
  /** The module's routes; a function of the deps when route options come from the whole config. */
  routes?: RouteRegistrar[] | ((deps: WiringDeps) => RouteRegistrar[]);
  jobHandlers?(deps: WiringDeps): JobHandler[];
  reconcilers?(deps: WiringDeps): Reconciler[];
  /** Event name (e.g. "IncidentEscalated") → what to do. */
  subscriptions?(deps: WiringDeps): Subscriptions;
  /**
   * Answers requests from memory before they reach Fastify (so before sessions are looked up),
   * synchronously and without the database (status pages: a page's own host name, and pages
   * served while the database is down). See http/front-door.ts.
   */
  frontDoor?(deps: WiringDeps): FrontDoor;
  /** Starts something that runs beside the HTTP server (an SMTP listener); returns how to stop it. */
  start?(deps: WiringDeps): Promise<() => Promise<void>>;
}

export function routesOf(wiring: ModuleWiring, deps: WiringDeps): RouteRegistrar[] {
  return typeof wiring.routes === 'function' ? wiring.routes(deps) : (wiring.routes ?? []);
}

function subscribersByEvent(wirings: ModuleWiring[], deps: WiringDeps): Map<string, AnySubscriber[]> {
  const byEvent = new Map<string, AnySubscriber[]>();
  for (const wiring of wirings) {
    // Each list was checked against its event's payload where it was written; a payload arrives under its own name only.
    for (const [event, subscribers] of Object.entries(wiring.subscriptions?.(deps) ?? {}) as Array<
      [string, AnySubscriber[]]
    >) {
      byEvent.set(event, [...(byEvent.get(event) ?? []), ...subscribers]);
    }
  }
  return byEvent;
}

/** The names of every event the wirings subscribe to (app/wiring/events.test.ts compares them with what is published). */
export const subscribedEvents = (wirings: ModuleWiring[], deps: WiringDeps): string[] => [
  ...subscribersByEvent(wirings, deps).keys(),
];

/** Turns every module's subscriptions into one transactional job handler per event: the queued path. */
export function eventHandlers(wirings: ModuleWiring[], deps: WiringDeps): JobHandler[] {
  return [...subscribersByEvent(wirings, deps)].map(([event, subscribers]) => ({
    kind: `event.${event}`,
    async run(job, ctx) {
      for (const subscriber of subscribers) await subscriber(job.payload, ctx);
    },
  }));
}

/** The same subscriptions, run inside the publishing transaction (db/outbox.ts publishEvent, ADR 13). */
export function eventDispatcher(wirings: ModuleWiring[], deps: WiringDeps): EventDispatcher {
  const byEvent = subscribersByEvent(wirings, deps);
  const logger = deps.logger.child({ component: 'events' });
  return {
    handles: (name) => byEvent.has(name),
    async deliver(tx, name, payload) {
      const ctx: JobContext = { db: tx, clock: deps.clock, logger, nodeId: deps.nodeId };
      for (const subscriber of byEvent.get(name) ?? []) await subscriber(payload, ctx);
    },
    deferred: (name, error) =>
      logger.warn(
        { err: error, event: name },
        'event subscriber failed in the publishing transaction; the event is queued and retried',
      ),
  };
}

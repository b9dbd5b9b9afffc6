/**
 * How the status pages module plugs into the app (see types.ts): its admin
 * routes, the members-only route of private pages, the front door that
 * serves published pages from memory, and a listener that keeps this node's
 * renders current. At start it first loads the renders kept in the data
 * folder (so it serves even when PostgreSQL is down), then LISTENs for
 * changes and renders every page again whenever it (re)connects. It also
 * runs the maintenance reconciler (scheduled maintenance starts and ends by
 * itself), renders a page again when its day turns (uptime bars), and hears
 * incident changes to set the status of components that follow signals.
 */
import path from 'node:path';
import { handleValue } from '../../db/context.js';
import { listenOn } from '../../db/listen.js';
import { statusPagesFrontDoor } from '../../http/statuspages-front.js';
import { registerStatusPagePublicRoutes } from '../../http/routes/statuspages-public.routes.js';
import { registerStatusPageRoutes } from '../../http/routes/statuspages.routes.js';
import { registerMaintenanceRoutes } from '../../http/routes/statuspages-maintenance.routes.js';
import { registerTemplateRoutes } from '../../http/routes/statuspages-templates.routes.js';
import type { JobContext } from '../../engine/index.js';
import { registerStatusPageSubscriberRoutes } from '../../http/routes/statuspages-subscribers.routes.js';
import { keyFor } from '../../modules/notify/index.js';
import {
  applySignals,
  CONFIRM_MAIL_JOB,
  createMaintenanceReconciler,
  DELIVER_UPDATE_JOB,
  deliverUpdate,
  failDelivery,
  FAN_OUT_JOB,
  fanOutUpdate,
  PublishedPages,
  sendConfirmMail,
  SignUpLimits,
  STATUS_PAGE_CHANNEL,
  type ConfirmMailPayload,
  type DeliverUpdatePayload,
  type FanOutPayload,
  type SubscribersDeps,
} from '../../modules/statuspages/index.js';
import { notifyDepsFor, SEND_TIMEOUT_MS, smtpTransport } from './notify.js';
import type { ModuleWiring, WiringDeps } from './types.js';

/** This app's published pages: one store per app (per database handle). */
export function publishedPages(deps: WiringDeps): PublishedPages {
  return handleValue(
    deps.db,
    'statuspages.published',
    () =>
      new PublishedPages({
        dir: path.join(deps.config.dataDir, 'statuspages'),
        publicUrl: deps.config.publicUrl,
        clock: deps.clock,
        logger: deps.logger.child({ component: 'statuspages' }),
      }),
  );
}

/** SMTP connections a node keeps open for telling subscribers: a fan-out sends message after message on them. */
const SUBSCRIBER_SMTP_CONNECTIONS = 3;

/** What telling subscribers needs: one per database handle (the HTTP pool's and the engine's). */
function subscribersDeps(deps: WiringDeps): SubscribersDeps {
  return handleValue(deps.db, 'statuspages.subscribers', () => {
    const notify = notifyDepsFor(deps.db, deps.clock, deps.config);
    const email = deps.config.providers.email;
    // One pool per handle, closed with it (after the engine, which sends, has stopped).
    const transport =
      email &&
      handleValue(
        deps.db,
        'statuspages.smtp',
        () => smtpTransport(email.smtpUrl, SEND_TIMEOUT_MS, { maxConnections: SUBSCRIBER_SMTP_CONNECTIONS }),
        (pool) => pool.close(),
      );
    return {
      publicUrl: deps.config.publicUrl,
      linkKey: () => keyFor(notify, 'status-page-links'),
      signingKey: (purpose) => keyFor(notify, purpose),
      mail: email && transport ? { from: email.from, transport } : undefined,
      allowPrivateAddresses: deps.config.webhooksAllowPrivate,
      timeoutMs: SEND_TIMEOUT_MS,
    };
  });
}

/** LISTENs for page changes on its own connection, reconnecting with backoff; returns how to stop. */
function listenForChanges(deps: WiringDeps, published: PublishedPages): () => Promise<void> {
  const logger = deps.logger.child({ component: 'statuspages' });
  const refresh = (pageId: string) =>
    published.refresh(deps.db, pageId).catch((error: unknown) => {
      logger.warn({ err: error, pageId }, 'status page: could not render; serving the last render');
    });
  return listenOn(
    deps.pool,
    STATUS_PAGE_CHANNEL,
    {
      notified: (pageId) => {
        if (pageId) void refresh(pageId);
      },
      // Changes made while not listening were missed: render everything again.
      listening: () => published.refreshAll(deps.db),
      lost: () => undefined, // the last renders are served meanwhile
    },
    logger,
  );
}

/** How often a node checks whether a page's day has turned (its uptime bars move on a day). */
const DAY_CHECK_MS = 60_000;

/**
 * Renders a page again when its day (in its time zone) has turned since its
 * last render: the uptime bars end on the render's day. Checks every minute
 * and whenever a fake clock jumps; returns how to stop.
 */
function watchDays(deps: WiringDeps, published: PublishedPages): () => void {
  const logger = deps.logger.child({ component: 'statuspages' });
  const check = () =>
    void published.refreshNewDays(deps.db).catch((error: unknown) => {
      logger.warn({ err: error }, 'status page: could not render for the new day; serving the last render');
    });
  const timer = setInterval(check, DAY_CHECK_MS);
  timer.unref();
  const stopJumps = deps.clock.onJump?.(check);
  return () => {
    clearInterval(timer);
    stopJumps?.();
  };
}

export const statusPagesWiring: ModuleWiring = {
  name: 'statuspages',
  routes: (wiring) => {
    const published = publishedPages(wiring);
    const refresh = async (idOrSlug: string) => {
      await published.refreshNamed(wiring.db, idOrSlug).catch((error: unknown) => {
        wiring.logger.warn({ err: error }, 'status page: could not render after a change; the listener will');
      });
    };
    return [
      (app, http) => registerStatusPageRoutes(app, http, refresh),
      (app, http) => registerMaintenanceRoutes(app, http, refresh),
      (app, http) => registerTemplateRoutes(app, http),
      (app) => registerStatusPagePublicRoutes(app, published),
      (app, http) =>
        registerStatusPageSubscriberRoutes(app, http, subscribersDeps(wiring), new SignUpLimits(wiring.clock)),
    ];
  },
  jobHandlers: (wiring) => {
    const deps = subscribersDeps(wiring);
    return [
      {
        kind: FAN_OUT_JOB,
        run: async (job, ctx) => {
          await fanOutUpdate(ctx.db, ctx.clock, (job.payload as FanOutPayload).updateId);
        },
      },
      {
        kind: DELIVER_UPDATE_JOB,
        mode: 'lease',
        timeoutMs: SEND_TIMEOUT_MS + 10_000,
        run: (job, ctx) =>
          deliverUpdate(ctx.db, ctx.clock, deps, (job.payload as DeliverUpdatePayload).deliveryId, job.attempts),
        onFinalFailure: (job, error, ctx) =>
          failDelivery(ctx.db, (job.payload as DeliverUpdatePayload).deliveryId, error.message),
      },
      {
        kind: CONFIRM_MAIL_JOB,
        mode: 'lease',
        timeoutMs: SEND_TIMEOUT_MS + 10_000,
        run: (job, ctx) => {
          const payload = job.payload as ConfirmMailPayload;
          return sendConfirmMail(ctx.db, deps, payload.subscriberId, payload.requestedAt);
        },
      },
    ];
  },
  // Status from signals: an incident change on a service moves the components that follow it.
  subscriptions: () => {
    const signal = async (event: { incidentId: string }, ctx: JobContext) =>
      applySignals(ctx.db, ctx.clock, event.incidentId);
    return {
      IncidentDeclared: [signal],
      IncidentSeverityChanged: [signal],
      IncidentStageChanged: [signal],
      IncidentCategoryChanged: [signal],
      IncidentResolved: [signal],
    };
  },
  reconcilers: ({ db, clock, logger }) => [
    createMaintenanceReconciler({ db, clock, logger: logger.child({ component: 'statuspage-maintenance' }) }),
  ],
  frontDoor: (wiring) => statusPagesFrontDoor(publishedPages(wiring), wiring.config.publicUrl),
  start: async (wiring) => {
    const published = publishedPages(wiring);
    await published.loadFromDisk();
    const stop = listenForChanges(wiring, published);
    const stopDays = watchDays(wiring, published);
    return async () => {
      stopDays();
      await stop();
      await published.flushed();
    };
  },
};

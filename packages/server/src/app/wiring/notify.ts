/**
 * How the notify module plugs into the app (see types.ts): builds its
 * providers from the configuration (the SMTP client is nodemailer, created
 * here so domain code never imports it), registers the delivery jobs, the
 * event subscriptions (pages, channel notices, Slack updates, schedule
 * notices) and the routes.
 */
import nodemailer from 'nodemailer';
import type { Db } from '../../db/client.js';
import { handleValue } from '../../db/context.js';
import type { ClaimedJob, JobContext, JobHandler } from '../../engine/index.js';
import { registerNotifyActionRoutes } from '../../http/routes/notify-actions.routes.js';
import { registerNotifyProviderRoutes } from '../../http/routes/notify-providers.routes.js';
import { registerNotifyRoutes } from '../../http/routes/notify.routes.js';
import type { Clock } from '../../lib/clock.js';
import {
  announceDeclared,
  announceSeverityChange,
  announceStageChange,
  BUNDLE_JOB,
  bundleNotificationId,
  CHANNEL_JOB,
  createNotifyDeps,
  DEFAULT_THROTTLE,
  DELIVER_JOB,
  deliverChannelNotice,
  deliverNotification,
  recordSends,
  type SentRecord,
  type Decision,
  failChannelNotice,
  failNotification,
  planHandoffNotices,
  planHandoffRequest,
  planChannelNotices,
  planOverrideNotices,
  planObjectivesMetNotice,
  planOwnerReminder,
  planPages,
  planStatusUpdateNotices,
  planUpdateReminder,
  planReviewReminder,
  planRolePage,
  planSlackUpdates,
  planSwapOfferedNotices,
  planSwapTakenNotices,
  sendBundle,
  SLACK_UPDATE_JOB,
  updateSlackMessage,
  type BundlePayload,
  type DeliverPayload,
  type MailTransport,
  type NotifyDeps,
  type NotifySettings,
  type SlackUpdatePayload,
} from '../../modules/notify/index.js';
import type { Config } from '../config.js';
import type { ModuleWiring } from './types.js';

/** Real milliseconds any one provider call may take (webhooks, Twilio, Slack, SMTP). */
export const SEND_TIMEOUT_MS = 10_000;

/**
 * A MailTransport backed by nodemailer over SMTP (smtp:// or smtps:// URL):
 * a connection per message, or with `pool` up to `maxConnections` kept open
 * and used message after message (a fan-out to many subscribers), each
 * closed once idle for `timeoutMs`. `close()` ends the pool's connections.
 */
export function smtpTransport(
  smtpUrl: string,
  timeoutMs: number,
  pool?: { maxConnections: number },
): MailTransport & { close(): void } {
  const timeouts = { connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs };
  const transport = pool
    ? nodemailer.createTransport({
        url: smtpUrl,
        ...timeouts,
        pool: true,
        maxConnections: pool.maxConnections,
        idleTimeout: timeoutMs,
      })
    : nodemailer.createTransport({ url: smtpUrl, ...timeouts });
  return {
    async sendMail(mail) {
      const info = await transport.sendMail(mail);
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}

export function notifySettings(config: Config): NotifySettings {
  const { email, twilio, slack } = config.providers;
  return {
    publicUrl: config.publicUrl,
    secretKey: config.secretKey,
    email: email ? { from: email.from } : undefined,
    twilio,
    slack,
    throttle: DEFAULT_THROTTLE,
    sendTimeoutMs: SEND_TIMEOUT_MS,
    allowPrivateWebhooks: config.webhooksAllowPrivate,
    // VAPID's contact (RFC 8292): the sender's mailbox when email is set up, else the public address.
    pushContact: email
      ? `mailto:${addressOf(email.from)}`
      : config.publicUrl.startsWith('https:')
        ? config.publicUrl
        : 'mailto:push@tocsin.invalid',
  };
}

/** The bare address of a From header such as 'Tocsin <pager@example.com>'. */
const addressOf = (from: string): string => /<([^>]+)>/.exec(from)?.[1] ?? from.trim();

/** One NotifyDeps per database pool of the app (the HTTP one and the engine's), shared by routes, jobs and subscriptions; kept by the db layer (db/context.ts). */
export function notifyDepsFor(db: Db, clock: Clock, config: Config): NotifyDeps {
  return handleValue(db, 'notify.deps', () => {
    const email = config.providers.email;
    return createNotifyDeps(
      db,
      clock,
      notifySettings(config),
      email ? smtpTransport(email.smtpUrl, SEND_TIMEOUT_MS) : undefined,
    );
  });
}

const lease = <P, R = void>(
  kind: string,
  run: (job: ClaimedJob<P>, ctx: JobContext) => Promise<R>,
  fail: (job: ClaimedJob<P>, error: Error, ctx: JobContext) => Promise<void>,
  finishTogether?: (results: Array<Exclude<R, undefined>>, ctx: JobContext) => Promise<void>,
): JobHandler =>
  ({
    kind,
    mode: 'lease',
    timeoutMs: SEND_TIMEOUT_MS + 10_000,
    run,
    onFinalFailure: fail,
    ...(finishTogether && { finishTogether }),
  }) as JobHandler;

export const notifyWiring: ModuleWiring = {
  name: 'notify',
  routes: (wiring) => {
    const deps = notifyDepsFor(wiring.db, wiring.clock, wiring.config);
    return [
      (app, http) => registerNotifyRoutes(app, http, deps),
      (app, http) => registerNotifyProviderRoutes(app, http, deps),
      (app, http) => registerNotifyActionRoutes(app, http, deps),
    ];
  },
  jobHandlers(wiring) {
    const deps = notifyDepsFor(wiring.db, wiring.clock, wiring.config);
    return [
      lease<DeliverPayload, SentRecord | undefined>(
        DELIVER_JOB,
        (job, ctx) =>
          deliverNotification(
            ctx.db,
            ctx.clock,
            deps,
            job.payload.notificationId,
            { number: job.attempts, max: job.maxAttempts },
            job.prepared as Decision | undefined,
          ),
        (job, error, ctx) => failNotification(ctx.db, ctx.clock, job.payload.notificationId, error.message),
        // The sends of a claim are recorded together: one statement, not one per page (ADR 33).
        (sends, ctx) => recordSends(ctx.db, ctx.clock, sends),
      ),
      lease<BundlePayload>(
        BUNDLE_JOB,
        (job, ctx) => sendBundle(ctx.db, ctx.clock, deps, job.payload),
        async (job, error, ctx) => {
          const id = await bundleNotificationId(ctx.db, job.payload);
          if (id) await failNotification(ctx.db, ctx.clock, id, error.message);
        },
      ),
      lease<DeliverPayload>(
        CHANNEL_JOB,
        (job, ctx) => deliverChannelNotice(ctx.db, ctx.clock, deps, job.payload.notificationId, job.attempts),
        (job, error, ctx) => failChannelNotice(ctx.db, ctx.clock, job.payload.notificationId, error.message),
      ),
      lease<SlackUpdatePayload>(
        SLACK_UPDATE_JOB,
        (job, ctx) => updateSlackMessage(ctx.db, ctx.clock, deps, job.payload.notificationId),
        async (job, error, ctx) =>
          ctx.logger.warn(
            { notificationId: job.payload.notificationId, err: error.message },
            'could not update a Slack message',
          ),
      ),
    ];
  },
  subscriptions: (wiring) => ({
    ShiftStarted: [async (event, ctx) => planHandoffNotices(ctx.db, ctx.clock, event)],
    ScheduleOverrideCreated: [async (event, ctx) => planOverrideNotices(ctx.db, ctx.clock, event, false)],
    ScheduleOverrideRemoved: [async (event, ctx) => planOverrideNotices(ctx.db, ctx.clock, event, true)],
    SwapOffered: [async (event, ctx) => planSwapOfferedNotices(ctx.db, ctx.clock, event)],
    SwapTaken: [async (event, ctx) => planSwapTakenNotices(ctx.db, ctx.clock, event)],
    IncidentEscalated: [
      async (event, ctx) => {
        // With the deps, a batch may decide the pages due at once itself (ADR 39).
        await planPages(
          ctx.db,
          ctx.clock,
          { incidentId: event.incidentId, userIds: event.userIds, urgency: event.urgency, stepKey: event.stepKey },
          notifyDepsFor(ctx.db, ctx.clock, wiring.config),
        );
        if (event.channelIds.length > 0)
          await planChannelNotices(ctx.db, ctx.clock, {
            incidentId: event.incidentId,
            channelIds: event.channelIds,
            keyPrefix: event.stepKey,
          });
      },
    ],
    IncidentTriggered: [
      async (event, ctx) => {
        if (event.noticeChannelIds.length > 0) {
          await planChannelNotices(ctx.db, ctx.clock, {
            incidentId: event.incidentId,
            channelIds: event.noticeChannelIds,
            keyPrefix: `notice:${event.incidentId}:triggered`,
          });
        }
      },
    ],
    // The response (ADR 17): a role engaged with a page, a hand-off asked, an owner reminded reach the person
    // through their notification rules, saying why; declarations and changes are posted to the channel they were
    // announced in, saying what changed.
    IncidentRoleEngaged: [async (event, ctx) => planRolePage(ctx.db, ctx.clock, event)],
    IncidentHandoffRequested: [async (event, ctx) => planHandoffRequest(ctx.db, ctx.clock, event)],
    IncidentOwnerReminded: [async (event, ctx) => planOwnerReminder(ctx.db, ctx.clock, event)],
    // Status updates: stakeholders and followers hear each one quietly, the announce channel gets a post; a late
    // update reminds the CMOC (or the owner) quietly.
    IncidentStatusUpdated: [async (event, ctx) => planStatusUpdateNotices(ctx.db, ctx.clock, event)],
    IncidentUpdateDue: [async (event, ctx) => planUpdateReminder(ctx.db, ctx.clock, event)],
    // The detailed status gone unsaved for the severity's interval reminds the owner quietly.
    IncidentReviewDue: [async (event, ctx) => planReviewReminder(ctx.db, ctx.clock, event)],
    // The live state document: every resolution objective met tells the owner, to resolve when satisfied.
    IncidentObjectivesMet: [async (event, ctx) => planObjectivesMetNotice(ctx.db, ctx.clock, event)],
    IncidentDeclared: [async (event, ctx) => announceDeclared(ctx.db, ctx.clock, event)],
    IncidentSeverityChanged: [async (event, ctx) => announceSeverityChange(ctx.db, ctx.clock, event)],
    IncidentStageChanged: [async (event, ctx) => announceStageChange(ctx.db, ctx.clock, event)],
    IncidentAcknowledged: [async (event, ctx) => planSlackUpdates(ctx.db, ctx.clock, event.incidentId, 'acknowledged')],
    IncidentResolved: [async (event, ctx) => planSlackUpdates(ctx.db, ctx.clock, event.incidentId, 'resolved')],
  }),
};

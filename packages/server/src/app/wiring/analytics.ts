/**
 * How the analytics module plugs into the app (see types.ts): its routes,
 * its Prometheus gauges, and the events that keep each incident's snapshot
 * in step. It is registered before paging, so the snapshot exists when
 * paging's first step (IncidentEscalated) is heard in the same transaction.
 */
import { registerAnalyticsGauges } from '../../http/analytics.metrics.js';
import { registerReportSubscriptionRoutes } from '../../http/routes/analytics-subscriptions.routes.js';
import { registerAnalyticsRoutes } from '../../http/routes/analytics.routes.js';
import { registerAnalyticsOnCallRoutes } from '../../http/routes/analytics-oncall.routes.js';
import type { ClaimedJob, JobHandler } from '../../engine/index.js';
import {
  planReportEmails,
  PLAN_REPORT_JOB,
  SEND_REPORT_JOB,
  sendReportEmail,
  type PlanReportPayload,
  type ReportMailer,
  type SendReportPayload,
  snapshotAcknowledged,
  snapshotDeclared,
  snapshotEscalated,
  snapshotMerged,
  snapshotOpened,
  snapshotResolved,
  snapshotStageChanged,
  createRollupCompactor,
} from '../../modules/analytics/index.js';
import type { Config } from '../config.js';
import { reportMailer } from './report-mailer.js';
import type { ModuleWiring } from './types.js';

/** Sending a report renders a PDF: more than a page's provider call. */
const REPORT_MAIL_TIMEOUT_MS = 60_000;

const mailerFor = (config: Config): ReportMailer | undefined =>
  config.providers.email ? reportMailer(config.providers.email, REPORT_MAIL_TIMEOUT_MS) : undefined;

export const analyticsWiring: ModuleWiring = {
  name: 'analytics',
  routes: (deps) => [
    (app, http) => registerAnalyticsRoutes(app, http, { publicUrl: deps.config.publicUrl }),
    (app, http) => registerAnalyticsOnCallRoutes(app, http),
    (app, http) => registerReportSubscriptionRoutes(app, http, { canEmail: deps.config.providers.email !== undefined }),
  ],
  reconcilers: (deps) => [createRollupCompactor({ db: deps.db, clock: deps.clock })],
  // Emailed reports (analytics.mailing.ts): the period's plan in its transaction, each email on a lease.
  jobHandlers(deps) {
    const mailer = mailerFor(deps.config);
    const plan: JobHandler<PlanReportPayload> = {
      kind: PLAN_REPORT_JOB,
      run: (job: ClaimedJob<PlanReportPayload>, ctx) => planReportEmails(ctx.db, ctx.clock, job.payload),
    };
    const send: JobHandler<SendReportPayload> = {
      kind: SEND_REPORT_JOB,
      mode: 'lease',
      timeoutMs: REPORT_MAIL_TIMEOUT_MS,
      async run(job, ctx) {
        if (!mailer) throw new Error('Email is not set up (TOCSIN_SMTP_URL): the report cannot be sent.');
        await sendReportEmail(ctx.db, ctx.clock, mailer, job.payload, deps.config.publicUrl);
      },
      async onFinalFailure(job, error, ctx) {
        ctx.logger.error({ job: job.id, payload: job.payload, err: error.message }, 'an emailed report was not sent');
      },
    };
    return [plan, send] as JobHandler[];
  },
  subscriptions: () => ({
    IncidentTriggered: [async (payload, ctx) => snapshotOpened(ctx.db, ctx.clock, payload)],
    IncidentDeclared: [async (payload, ctx) => snapshotDeclared(ctx.db, ctx.clock, payload)],
    IncidentAcknowledged: [async (payload, ctx) => snapshotAcknowledged(ctx.db, ctx.clock, payload)],
    IncidentResolved: [async (payload, ctx) => snapshotResolved(ctx.db, ctx.clock, payload)],
    IncidentStageChanged: [async (payload, ctx) => snapshotStageChanged(ctx.db, ctx.clock, payload)],
    IncidentEscalated: [async (payload, ctx) => snapshotEscalated(ctx.db, ctx.clock, payload)],
    IncidentMerged: [async (payload, ctx) => snapshotMerged(ctx.db, ctx.clock, payload)],
  }),
  async start({ metrics, db, clock }) {
    const remove = registerAnalyticsGauges(metrics.registry, db, clock);
    return async () => remove();
  },
};

/**
 * Sending the emailed reports, as two kinds of queued job on the injected
 * clock. The period's job (transactional, run at the send instant) plans one
 * email job per recipient and the next period's job, and moves the
 * subscription on, in one transaction: a period is planned once, whichever
 * node claims it and however often the servers restart. Each email job
 * (lease mode: SMTP is outside the database) is keyed by subscription, month
 * and recipient, sends one message whose Message-ID is derived from that key,
 * and records the delivery, so a repeat after a lost lease sends nothing.
 */
import type { Db } from '../../db/client.js';
import { enqueueJob } from '../../db/outbox.js';
import type { Actor } from '../../lib/actor.js';
import { roleAtLeast } from '../../lib/actor.js';
import type { Clock } from '../../lib/clock.js';
import { reportCsv } from './analytics.csv.js';
import { monthName, reportFileName, reportText, type ReportView } from './analytics.format.js';
import { resolveFilter, type Audience } from './analytics.filters.js';
import { reportHtml } from './analytics.html.js';
import { renderReportPdf } from './analytics.pdf.js';
import type { Report } from './analytics.schema.js';
import { monthBounds, reportFigures } from './analytics.service.js';
import { periodAfter, PLAN_REPORT_JOB, enqueuePlan, type PlanReportPayload } from './analytics.subscriptions.js';
import {
  findSubscriptionRow,
  hasDelivery,
  lockSubscriptionRow,
  recordDelivery,
  updateSubscriptionRow,
} from './analytics.subscriptions.repo.js';

export { PLAN_REPORT_JOB };
export const SEND_REPORT_JOB = 'analytics.report-email';

export interface SendReportPayload {
  subscriptionId: string;
  month: string;
  /** `user:<id>` or `email:<address>` */
  recipient: string;
}

/** One report email; the composition root sends it over SMTP. */
export interface ReportMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Same key, same Message-ID: a repeat is the same message to mail clients that de-duplicate. */
  idempotencyKey: string;
  attachments: Array<{ filename: string; content: Buffer; contentType: string }>;
}

export interface ReportMailer {
  send(mail: ReportMail): Promise<void>;
}

const mailKey = (p: SendReportPayload) => `analytics-report-mail:${p.subscriptionId}:${p.month}:${p.recipient}`;

/** The period's job: plans its emails and the next period, once. A stale job (rescheduled, paused, deleted) does nothing. */
export async function planReportEmails(db: Db, clock: Clock, payload: PlanReportPayload): Promise<void> {
  const row = await lockSubscriptionRow(db, payload.subscriptionId);
  if (!row || row.paused || row.next_month !== payload.month) return;
  if (row.next_send_at.toISOString() !== payload.sendAt) return;
  const now = clock.now();
  const recipients = [
    ...row.recipient_user_ids.map((id) => `user:${id}`),
    ...row.recipient_emails.map((address) => `email:${address}`),
  ];
  for (const recipient of recipients) {
    const mail: SendReportPayload = { subscriptionId: row.id, month: payload.month, recipient };
    await enqueueJob(db, { kind: SEND_REPORT_JOB, key: mailKey(mail), payload: mail, runAt: now }, now);
  }
  const next = periodAfter(payload.month, row);
  await updateSubscriptionRow(db, row.id, { next_month: next.month, next_send_at: next.sendAt });
  await enqueuePlan(db, row.id, next, now);
}

/** Who reads the report, and whether they see incident titles: a person as in the UI, an address as a share link. */
async function audienceOf(
  db: Db,
  recipient: string,
  showTitles: boolean,
): Promise<{ to: string; audience: Audience; titles: boolean } | undefined> {
  if (recipient.startsWith('email:')) return { to: recipient.slice(6), audience: 'public', titles: showTitles };
  const user = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'is_disabled'])
    .where('id', '=', recipient.slice(5))
    .executeTakeFirst();
  if (!user || user.is_disabled) return undefined;
  if (!roleAtLeast(user.role, 'viewer')) return { to: user.email, audience: 'public', titles: showTitles };
  const actor: Actor = {
    type: 'user',
    userId: user.id,
    label: user.name,
    role: user.role,
    scopes: ['read'],
    via: 'token',
  };
  return { to: user.email, audience: actor, titles: true };
}

/** An email job: the report as that recipient may read it, in HTML and text, with the CSV and the PDF attached. */
export async function sendReportEmail(
  db: Db,
  clock: Clock,
  mailer: ReportMailer,
  payload: SendReportPayload,
  publicUrl: string,
): Promise<void> {
  const row = await findSubscriptionRow(db, payload.subscriptionId);
  if (!row) return; // deleted since: nothing to send
  if (await hasDelivery(db, row.id, payload.month, payload.recipient)) return;
  const reader = await audienceOf(db, payload.recipient, row.show_incident_titles);
  if (!reader) return; // a person removed or disabled since
  const now = clock.now();
  const { from, to } = monthBounds(payload.month, row.time_zone);
  const filter = {
    ...resolveFilter({ from: from.toISOString(), to: to.toISOString(), tz: row.time_zone }, now),
    teamIds: row.team_id ? [row.team_id] : [],
    serviceIds: row.service_ids,
  };
  const team = row.team_id
    ? await db.selectFrom('teams').select(['id', 'slug', 'name']).where('id', '=', row.team_id).executeTakeFirst()
    : undefined;
  const figures = await reportFigures(db, reader.audience, now, filter);
  const report: Report = {
    title: `${team?.name ?? 'All teams'}: ${monthName(payload.month)}`,
    team: team ?? null,
    month: payload.month,
    from: from.toISOString(),
    to: to.toISOString(),
    timeZone: row.time_zone,
    ...figures,
    breaches: figures.breaches.map((b) => (reader.titles ? b : { ...b, title: '' })),
  };
  const view: ReportView = {
    ...report,
    breaches: report.breaches.map((b) => ({ ...b, title: reader.titles ? b.title : null })),
  };
  const query = new URLSearchParams({ month: payload.month, tz: row.time_zone, ...(team && { team: team.slug }) });
  const webUrl = `${publicUrl.replace(/\/$/, '')}/app/analytics/report?${query.toString()}`;
  const isPerson = reader.audience !== 'public';
  await mailer.send({
    to: reader.to,
    subject: `SLA report — ${report.title}`,
    text:
      reportText(view) + (isPerson ? `\nOpen it in Tocsin: ${webUrl}\n` : '') + `\nSent because of "${row.name}".\n`,
    html: reportHtml(view, {
      links: isPerson ? [{ label: 'Open it in Tocsin', url: webUrl }] : [],
      footer: `Sent by Tocsin because of the emailed report "${row.name}". The CSV and the PDF are attached.`,
    }),
    idempotencyKey: mailKey(payload),
    attachments: [
      { filename: reportFileName(report, 'csv'), content: Buffer.from(reportCsv(report)), contentType: 'text/csv' },
      { filename: reportFileName(report, 'pdf'), content: await renderReportPdf(view), contentType: 'application/pdf' },
    ],
  });
  await recordDelivery(db, row.id, payload.month, payload.recipient, clock.now());
}

/**
 * Emailed monthly reports (docs/analytics.md, "Emailed reports"): a
 * subscription names a team (or every team) and services, the day and time
 * of the month to send in a time zone, and who gets it: people with an
 * account (each reads the report as they would in the UI) and plain
 * addresses (read as a share link is: no private incident, titles only when
 * chosen). Admins manage every subscription, a team's managers those of
 * their team; changes are audited. Each period is planned by one queued job
 * (analytics.mailing.ts), keyed by the month and its due instant.
 */
import { DateTime } from 'luxon';
import { inTransaction, type Db } from '../../db/client.js';
import { enqueueJob } from '../../db/outbox.js';
import { roleAtLeast, type Actor } from '../../lib/actor.js';
import { badRequest, forbidden, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { recordAudit } from '../audit/index.js';
import { withDb, type Ctx } from '../context.js';
import { getTeam } from '../teams/index.js';
import {
  CreateReportSubscriptionSchema,
  UpdateReportSubscriptionSchema,
  type CreateReportSubscriptionInput,
  type ReportSubscription,
  type UpdateReportSubscriptionInput,
} from './analytics.schema.js';
import {
  deleteSubscriptionRow,
  findSubscriptionRow,
  insertSubscriptionRow,
  listSubscriptionRows,
  lockSubscriptionRow,
  updateSubscriptionRow,
  type SubscriptionRow,
} from './analytics.subscriptions.repo.js';

export const PLAN_REPORT_JOB = 'analytics.report-due';
export interface PlanReportPayload {
  subscriptionId: string;
  month: string;
  sendAt: string;
}

interface Schedule {
  day_of_month: number;
  send_time: string;
  time_zone: string;
}

/** When the report of `month` is sent: that day and time of the month after, in the zone (luxon moves a time in a DST gap on). */
export function sendInstantOf(month: string, schedule: Schedule): Date {
  const [hour, minute] = schedule.send_time.split(':').map(Number);
  return DateTime.fromFormat(month, 'yyyy-MM', { zone: schedule.time_zone })
    .plus({ months: 1 })
    .set({ day: schedule.day_of_month, hour: hour!, minute: minute! })
    .toJSDate();
}

const monthAfter = (month: string): string =>
  DateTime.fromFormat(month, 'yyyy-MM', { zone: 'UTC' }).plus({ months: 1 }).toFormat('yyyy-MM');

/** The first period whose send instant is after `now`, and not before `notBefore` (a month not sent yet). */
export function nextPeriod(now: Date, schedule: Schedule, notBefore?: string): { month: string; sendAt: Date } {
  let month = DateTime.fromJSDate(now, { zone: schedule.time_zone }).minus({ months: 1 }).toFormat('yyyy-MM');
  if (sendInstantOf(month, schedule).getTime() <= now.getTime()) month = monthAfter(month);
  if (notBefore && month < notBefore) month = notBefore;
  return { month, sendAt: sendInstantOf(month, schedule) };
}

/** The period after `month`: what a period's job plans once it has sent hers. */
export function periodAfter(month: string, schedule: Schedule): { month: string; sendAt: Date } {
  const next = monthAfter(month);
  return { month: next, sendAt: sendInstantOf(next, schedule) };
}

export async function enqueuePlan(db: Db, id: string, period: { month: string; sendAt: Date }, now: Date) {
  const payload: PlanReportPayload = { subscriptionId: id, month: period.month, sendAt: period.sendAt.toISOString() };
  await enqueueJob(
    db,
    {
      kind: PLAN_REPORT_JOB,
      key: `analytics-report:${id}:${period.month}:${payload.sendAt}`,
      payload,
      runAt: period.sendAt,
    },
    now,
  );
}

const toSubscription = (row: SubscriptionRow): ReportSubscription => ({
  id: row.id,
  name: row.name,
  teamId: row.team_id,
  serviceIds: row.service_ids,
  dayOfMonth: row.day_of_month,
  sendTime: row.send_time,
  timeZone: row.time_zone,
  recipientUserIds: row.recipient_user_ids,
  recipientEmails: row.recipient_emails,
  showIncidentTitles: row.show_incident_titles,
  paused: row.paused,
  nextMonth: row.next_month,
  nextSendAt: row.next_send_at.toISOString(),
  lastSentAt: row.last_sent_at ? new Date(row.last_sent_at).toISOString() : null,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

/** Admins manage every subscription; a team's managers those of their team (and none of every team). */
async function requireManager(ctx: Ctx, teamId: string | null, what: string): Promise<void> {
  const actor = ctx.actor;
  if (actor.type === 'system' || roleAtLeast(actor.role, 'admin')) return;
  if (teamId) {
    const team = await getTeam(ctx, teamId);
    if (team.members.some((m) => m.userId === actor.userId && m.role === 'manager')) return;
  }
  throw forbidden(`Only admins, or managers of the report's team, may ${what}.`);
}

async function checkRecipients(db: Db, userIds: readonly string[], emails: readonly string[]): Promise<void> {
  if (userIds.length + emails.length === 0) {
    throw badRequest('Give at least one recipient: "recipientUserIds" (people) or "recipientEmails" (addresses).');
  }
  if (userIds.length === 0) return;
  const users = await db
    .selectFrom('users')
    .select(['id', 'role'])
    .where('id', 'in', [...userIds])
    .execute();
  const missing = userIds.filter((id) => !users.some((u) => u.id === id));
  if (missing.length > 0)
    throw badRequest(`No user ${missing.join(', ')}: give the ids of existing people.`, { missing });
  const cannot = users.filter((u) => !roleAtLeast(u.role, 'viewer')).map((u) => u.id);
  if (cannot.length > 0) {
    throw badRequest(
      `User ${cannot.join(', ')} cannot read analytics (below viewer): send to their address in "recipientEmails" instead.`,
      { cannot },
    );
  }
}

const actorId = (actor: Actor) => (actor.type === 'user' ? actor.userId : null);

export async function listReportSubscriptions(ctx: Ctx): Promise<ReportSubscription[]> {
  const rows = await listSubscriptionRows(ctx.db);
  const actor = ctx.actor;
  if (actor.type === 'system' || roleAtLeast(actor.role, 'admin')) return rows.map(toSubscription);
  // A manager sees the subscriptions of the teams they manage.
  const managed = await ctx.db
    .selectFrom('team_memberships')
    .select('team_id')
    .where('user_id', '=', actor.userId)
    .where('role', '=', 'manager')
    .execute();
  const teams = new Set(managed.map((m) => m.team_id));
  if (teams.size === 0) throw forbidden('Only admins, or managers of a team, may see emailed reports.');
  return rows.filter((row) => row.team_id && teams.has(row.team_id)).map(toSubscription);
}

export async function createReportSubscription(
  ctx: Ctx,
  raw: CreateReportSubscriptionInput,
): Promise<ReportSubscription> {
  const input = CreateReportSubscriptionSchema.parse(raw);
  if (input.teamId) await getTeam(ctx, input.teamId);
  await requireManager(ctx, input.teamId, 'email reports on a schedule');
  await checkRecipients(ctx.db, input.recipientUserIds, input.recipientEmails);
  const now = ctx.clock.now();
  const schedule = { day_of_month: input.dayOfMonth, send_time: input.sendTime, time_zone: input.timeZone };
  const period = nextPeriod(now, schedule);
  const id = newId(now);
  return inTransaction(ctx.db, async (tx) => {
    await insertSubscriptionRow(tx, {
      id,
      name: input.name,
      team_id: input.teamId,
      service_ids: input.serviceIds,
      ...schedule,
      recipient_user_ids: [...new Set(input.recipientUserIds)],
      recipient_emails: [...new Set(input.recipientEmails.map((e) => e.toLowerCase()))],
      show_incident_titles: input.showIncidentTitles,
      paused: false,
      next_month: period.month,
      next_send_at: period.sendAt,
      created_by: actorId(ctx.actor),
      created_at: now,
      updated_at: now,
    });
    await enqueuePlan(tx, id, period, now);
    const created = toSubscription((await findSubscriptionRow(tx, id))!);
    await recordAudit(withDb(ctx, tx), {
      action: 'analytics_report_subscription.created',
      entityType: 'analytics_report_subscription',
      entityId: id,
      after: created,
    });
    return created;
  });
}

export async function updateReportSubscription(
  ctx: Ctx,
  id: string,
  raw: UpdateReportSubscriptionInput,
): Promise<ReportSubscription> {
  const input = UpdateReportSubscriptionSchema.parse(raw);
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (tx) => {
    const row = await lockSubscriptionRow(tx, id);
    if (!row) throw notFound('Report subscription', id);
    const c = withDb(ctx, tx);
    await requireManager(c, row.team_id, 'change this emailed report');
    if (input.teamId) {
      await getTeam(c, input.teamId);
      await requireManager(c, input.teamId, 'email reports of that team');
    } else if (input.teamId === null) await requireManager(c, null, 'email the report of every team');
    const userIds = input.recipientUserIds ?? row.recipient_user_ids;
    const emails = input.recipientEmails?.map((e) => e.toLowerCase()) ?? row.recipient_emails;
    await checkRecipients(tx, userIds, emails);
    const before = toSubscription((await findSubscriptionRow(tx, id))!);
    const schedule = {
      day_of_month: input.dayOfMonth ?? row.day_of_month,
      send_time: input.sendTime ?? row.send_time,
      time_zone: input.timeZone ?? row.time_zone,
    };
    const paused = input.paused ?? row.paused;
    const rescheduled =
      schedule.day_of_month !== row.day_of_month ||
      schedule.send_time !== row.send_time ||
      schedule.time_zone !== row.time_zone ||
      (row.paused && !paused);
    // A new schedule (or a resume) plans the next period from now; the job planned before finds it stale and does nothing.
    const period = rescheduled
      ? nextPeriod(now, schedule, row.paused ? undefined : row.next_month)
      : { month: row.next_month, sendAt: row.next_send_at };
    await updateSubscriptionRow(tx, id, {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.teamId !== undefined && { team_id: input.teamId }),
      ...(input.serviceIds !== undefined && { service_ids: input.serviceIds }),
      ...schedule,
      recipient_user_ids: [...new Set(userIds)],
      recipient_emails: [...new Set(emails)],
      ...(input.showIncidentTitles !== undefined && { show_incident_titles: input.showIncidentTitles }),
      paused,
      next_month: period.month,
      next_send_at: period.sendAt,
      updated_at: now,
    });
    if (rescheduled && !paused) await enqueuePlan(tx, id, period, now);
    const after = toSubscription((await findSubscriptionRow(tx, id))!);
    await recordAudit(c, {
      action: 'analytics_report_subscription.updated',
      entityType: 'analytics_report_subscription',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

export async function deleteReportSubscription(ctx: Ctx, id: string): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    const row = await findSubscriptionRow(tx, id);
    if (!row) throw notFound('Report subscription', id);
    const c = withDb(ctx, tx);
    await requireManager(c, row.team_id, 'stop this emailed report');
    await deleteSubscriptionRow(tx, id);
    await recordAudit(c, {
      action: 'analytics_report_subscription.deleted',
      entityType: 'analytics_report_subscription',
      entityId: id,
      before: toSubscription(row),
    });
  });
}

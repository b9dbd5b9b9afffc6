/**
 * Read-only links to a report for people without an account (seed 000:
 * "customers … view the dashboard", "other stakeholders … compliance metrics
 * on request"): scoped to teams and services, a fixed month or the rolling
 * last month, expiring and revocable. What a link shows never includes a
 * private incident (it is read as the `public` audience), names no person,
 * and lists breaches by number unless its creator chose titles. Admins
 * create, list and revoke them, audited; the token is shown once.
 */
import { DateTime } from 'luxon';
import type { Selectable } from 'kysely';
import { inTransaction } from '../../db/client.js';
import type { AnalyticsShareLinksTable } from '../../db/schema.js';
import { AppError, badRequest, notFound } from '../../lib/errors.js';
import { hashSecret, newId, newSecret } from '../../lib/ids.js';
import { requireRole } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { withDb, type Ctx } from '../context.js';
import type { Clock } from '../../lib/clock.js';
import type { Db } from '../../db/client.js';
import { resolveFilter } from './analytics.filters.js';
import {
  findShareLinkByHash,
  insertShareLink,
  listShareLinkRows,
  markShareLinkOpened,
  revokeShareLinkRow,
} from './analytics.repo.js';
import type { CreateShareLinkInput, ShareLink, SharedReport } from './analytics.schema.js';
import { CreateShareLinkSchema } from './analytics.schema.js';
import { monthBounds, reportFigures } from './analytics.service.js';

const YEAR_MS = 366 * 86_400_000;

const toShareLink = (row: Selectable<AnalyticsShareLinksTable>): ShareLink => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  teamIds: row.team_ids,
  serviceIds: row.service_ids,
  month: row.month,
  timeZone: row.time_zone,
  showIncidentTitles: row.show_incident_titles,
  expiresAt: row.expires_at.toISOString(),
  revokedAt: row.revoked_at?.toISOString() ?? null,
  createdAt: row.created_at.toISOString(),
  lastOpenedAt: row.last_opened_at?.toISOString() ?? null,
});

export async function createShareLink(
  ctx: Ctx,
  raw: CreateShareLinkInput,
  publicUrl: string,
): Promise<ShareLink & { token: string; url: string; jsonUrl: string }> {
  requireRole(ctx.actor, 'admin', 'share analytics with people who have no account');
  const input = CreateShareLinkSchema.parse(raw);
  const now = ctx.clock.now();
  const expiresAt = new Date(input.expiresAt);
  if (expiresAt.getTime() <= now.getTime() || expiresAt.getTime() > now.getTime() + YEAR_MS) {
    throw badRequest('"expiresAt" must be in the future and at most a year ahead.', { expiresAt: input.expiresAt });
  }
  const token = newSecret('tsl');
  return inTransaction(ctx.db, async (tx) => {
    const row = await insertShareLink(tx, {
      id: newId(now),
      name: input.name,
      token_hash: hashSecret(token),
      prefix: token.slice(0, 8),
      team_ids: input.teamIds,
      service_ids: input.serviceIds,
      month: input.month,
      time_zone: input.timeZone,
      show_incident_titles: input.showIncidentTitles,
      expires_at: expiresAt,
      revoked_at: null,
      created_by: ctx.actor.type === 'user' ? ctx.actor.userId : null,
      created_at: now,
      last_opened_at: null,
    });
    const link = toShareLink(row);
    await recordAudit(withDb(ctx, tx), {
      action: 'analytics_share_link.created',
      entityType: 'analytics_share_link',
      entityId: link.id,
      after: link,
    });
    const base = publicUrl.replace(/\/$/, '');
    return {
      ...link,
      token,
      url: `${base}/shared/analytics/${token}`,
      jsonUrl: `${base}/api/v1/shared/analytics/${token}`,
    };
  });
}

export async function listShareLinks(ctx: Ctx): Promise<ShareLink[]> {
  requireRole(ctx.actor, 'admin', 'list analytics share links');
  return (await listShareLinkRows(ctx.db)).map(toShareLink);
}

export async function revokeShareLink(ctx: Ctx, id: string): Promise<ShareLink> {
  requireRole(ctx.actor, 'admin', 'revoke analytics share links');
  return inTransaction(ctx.db, async (tx) => {
    const row = await revokeShareLinkRow(tx, id, ctx.clock.now());
    if (!row) throw notFound('Share link', id);
    const link = toShareLink(row);
    await recordAudit(withDb(ctx, tx), {
      action: 'analytics_share_link.revoked',
      entityType: 'analytics_share_link',
      entityId: link.id,
      after: link,
    });
    return link;
  });
}

/** What the holder of a link sees; 404 for a wrong, revoked or expired token (which one is nobody's business). */
export async function openSharedReport(db: Db, clock: Clock, token: string): Promise<SharedReport> {
  const now = clock.now();
  const row = await findShareLinkByHash(db, hashSecret(token));
  if (!row || row.revoked_at || row.expires_at.getTime() <= now.getTime()) {
    throw new AppError('not_found', 'No report at this address: the link was revoked, has expired, or is wrong.');
  }
  await markShareLinkOpened(db, row.id, now);
  const month = row.month ?? DateTime.fromJSDate(now, { zone: row.time_zone }).minus({ months: 1 }).toFormat('yyyy-MM');
  const { from, to } = monthBounds(month, row.time_zone);
  const filter = {
    ...resolveFilter({ from: from.toISOString(), to: to.toISOString(), tz: row.time_zone }, now),
    teamIds: row.team_ids,
    serviceIds: row.service_ids,
  };
  const figures = await reportFigures(db, 'public', now, filter);
  return {
    name: row.name,
    month,
    from: from.toISOString(),
    to: to.toISOString(),
    timeZone: row.time_zone,
    overall: figures.overall,
    bySeverity: figures.bySeverity,
    byService: figures.byService,
    breaches: figures.breaches.map((b) => ({
      number: b.number,
      title: row.show_incident_titles ? b.title : null,
      openedAt: b.openedAt,
      severity: b.severity,
      urgency: b.urgency,
      breaches: b.breaches,
    })),
  };
}

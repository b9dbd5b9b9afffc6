/**
 * Private calendar feeds: a secret URL per person or per schedule that
 * calendar apps subscribe to (webcal). The secret is shown once; only its
 * SHA-256 is stored; revoking it, or disabling whoever created it, makes the
 * URL answer 404. Feeds cover 30 days back and a year ahead, overrides
 * included, from the same calculator as paging.
 */
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, notFound } from '../../lib/errors.js';
import { hashSecret, isUuid, newId, newSecret } from '../../lib/ids.js';
import { requireRole, requireScope } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import type { Ctx } from '../context.js';
import { getUserRecord } from '../users/index.js';
import { eventUid, renderIcs, type FeedContent, type FeedEvent } from './calendar-ics.js';
import { CreateFeedSchema, type CreateFeedInput, type Feed, type FeedJson } from './feeds.schema.js';
import { findFeedByHash, findFeedRow, insertFeed, markFeedRevoked, selectFeeds, type FeedRow } from './feeds.repo.js';
import { finalShifts } from './oncall/timeline.js';
import { DAY_MS } from './oncall/zone-rules.js';
import { loadTimelines } from './oncall.service.js';
import { scheduleIdsOfPerson } from './my-oncall.service.js';
import { findScheduleRow, selectSchedules } from './schedules.repo.js';
import { isAdmin, actorUserId } from './schedules.access.js';
import { iso, loadPeople } from './schedules.view.js';

export const FEED_PAST_MS = 30 * DAY_MS;
export const FEED_FUTURE_MS = 365 * DAY_MS;

async function subjectName(db: Db, row: Pick<FeedRow, 'kind' | 'subject_id'>): Promise<string | undefined> {
  if (row.kind === 'user') return (await getUserRecord(db, row.subject_id))?.name;
  return (await findScheduleRow(db, row.subject_id))?.name;
}

async function toFeed(db: Db, row: FeedRow): Promise<Feed> {
  return {
    id: row.id,
    kind: row.kind,
    subjectId: row.subject_id,
    subjectName: (await subjectName(db, row)) ?? '(deleted)',
    createdAt: iso(row.created_at),
    revokedAt: row.revoked_at ? iso(row.revoked_at) : null,
  };
}

/** Creates a feed; the token in the answer is the only copy of the secret. */
export async function createFeed(ctx: Ctx, input: CreateFeedInput): Promise<{ feed: Feed; token: string }> {
  requireRole(ctx.actor, 'viewer', 'create calendar feeds');
  requireScope(ctx.actor, 'write', 'create calendar feeds');
  const data = CreateFeedSchema.parse(input);
  const self = actorUserId(ctx.actor);
  if (!self) throw new AppError('bad_request', 'Calendar feeds belong to a user: create them as one.');
  let subjectId: string;
  if (data.kind === 'user') {
    subjectId = data.subject ?? self;
    if (subjectId !== self && !isAdmin(ctx.actor))
      throw new AppError('forbidden', "Only an admin can create a calendar feed of someone else's shifts.");
    if (!isUuid(subjectId) || !(await getUserRecord(ctx.db, subjectId))) throw notFound('User', subjectId);
  } else {
    if (!data.subject) throw new AppError('bad_request', 'Name the schedule: subject (its id or name).');
    const schedule = await findScheduleRow(ctx.db, data.subject);
    if (!schedule) throw notFound('Schedule', data.subject);
    subjectId = schedule.id;
  }
  const token = newSecret('tcal', 24);
  const now = ctx.clock.now();
  const row = await insertFeed(ctx.db, {
    id: newId(now),
    kind: data.kind,
    subject_id: subjectId,
    token_hash: hashSecret(token),
    created_by: self,
    created_at: now,
    revoked_at: null,
  });
  const feed = await toFeed(ctx.db, row);
  await recordAudit(ctx, {
    action: 'calendar_feed.created',
    entityType: 'calendar_feed',
    entityId: row.id,
    after: feed,
  });
  return { feed, token };
}

/** Your feeds; admins see everyone's. */
export async function listFeeds(ctx: Ctx): Promise<Feed[]> {
  requireRole(ctx.actor, 'viewer', 'list calendar feeds');
  const rows = await selectFeeds(
    ctx.db,
    isAdmin(ctx.actor) ? undefined : (actorUserId(ctx.actor) ?? '00000000-0000-0000-0000-000000000000'),
  );
  return Promise.all(rows.map((r) => toFeed(ctx.db, r)));
}

export async function revokeFeed(ctx: Ctx, id: string): Promise<Feed> {
  requireRole(ctx.actor, 'viewer', 'revoke calendar feeds');
  requireScope(ctx.actor, 'write', 'revoke calendar feeds');
  const row = isUuid(id) ? await findFeedRow(ctx.db, id) : undefined;
  if (!row) throw notFound('Calendar feed', id);
  if (row.created_by !== actorUserId(ctx.actor) && !isAdmin(ctx.actor))
    throw new AppError('forbidden', 'Only whoever created a calendar feed, or an admin, can revoke it.');
  if (row.revoked_at) return toFeed(ctx.db, row);
  const revoked = await markFeedRevoked(ctx.db, row.id, ctx.clock.now());
  const feed = await toFeed(ctx.db, revoked);
  await recordAudit(ctx, {
    action: 'calendar_feed.revoked',
    entityType: 'calendar_feed',
    entityId: row.id,
    before: await toFeed(ctx.db, row),
    after: feed,
  });
  return feed;
}

/**
 * What a feed shows now, or undefined when its token is unknown or revoked,
 * its subject is gone, or whoever created it is disabled: a feed is a
 * credential of its creator, so it stops with their sessions and tokens (and
 * works again if they are enabled again, as their tokens do).
 */
async function feedContent(
  db: Db,
  clock: Clock,
  token: string,
): Promise<{ content: FeedContent; from: Date; to: Date } | undefined> {
  const row = await findFeedByHash(db, hashSecret(token));
  if (!row || row.revoked_at) return undefined;
  const creator = await getUserRecord(db, row.created_by);
  if (!creator || creator.is_disabled) return undefined;
  const now = clock.now();
  const from = new Date(now.getTime() - FEED_PAST_MS);
  const to = new Date(now.getTime() + FEED_FUTURE_MS);
  let scheduleIds: string[];
  let name: string;
  if (row.kind === 'schedule') {
    const schedule = await findScheduleRow(db, row.subject_id);
    if (!schedule) return undefined;
    scheduleIds = [schedule.id];
    name = `On call: ${schedule.name}`;
  } else {
    const user = await getUserRecord(db, row.subject_id);
    if (!user) return undefined;
    scheduleIds = await scheduleIdsOfPerson(db, user.id);
    name = `${user.name}: on call`;
  }
  const schedules = await selectSchedules(db, { ids: scheduleIds });
  const timelines = await loadTimelines(
    db,
    schedules.map((s) => s.id),
    from,
    to,
  );
  const events: FeedEvent[] = [];
  for (const schedule of schedules) {
    for (const shift of finalShifts(timelines.get(schedule.id)!, from.getTime(), to.getTime())) {
      if (row.kind === 'user' && shift.userId !== row.subject_id) continue;
      events.push({
        scheduleId: schedule.id,
        scheduleName: schedule.name,
        userId: shift.userId,
        userName: '',
        start: shift.start,
        end: shift.end,
      });
    }
  }
  const people = await loadPeople(
    db,
    events.map((e) => e.userId),
  );
  for (const event of events) event.userName = people.nameOf(event.userId);
  events.sort(
    (a, b) => a.start - b.start || a.scheduleName.localeCompare(b.scheduleName) || a.userName.localeCompare(b.userName),
  );
  const description =
    row.kind === 'user' ? 'Shifts on call in Tocsin, overrides included.' : 'Who is on call, overrides included.';
  return { content: { name, description, kind: row.kind, events, generatedAt: now }, from, to };
}

export async function renderFeedIcs(db: Db, clock: Clock, token: string): Promise<string | undefined> {
  const found = await feedContent(db, clock, token);
  return found && renderIcs(found.content);
}

export async function renderFeedJson(db: Db, clock: Clock, token: string): Promise<FeedJson | undefined> {
  const found = await feedContent(db, clock, token);
  if (!found) return undefined;
  const { content, from, to } = found;
  return {
    name: content.name,
    kind: content.kind,
    generatedAt: iso(content.generatedAt),
    from: iso(from),
    to: iso(to),
    shifts: content.events.map((e) => ({
      uid: eventUid(e),
      scheduleId: e.scheduleId,
      scheduleName: e.scheduleName,
      userId: e.userId,
      name: e.userName,
      start: iso(e.start),
      end: iso(e.end),
    })),
  };
}

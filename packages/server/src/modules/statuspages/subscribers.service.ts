/**
 * Status page subscriptions. The public signs up by email (double opt-in:
 * nothing is sent but the confirmation until the link is used), confirms,
 * and unsubscribes with one click; sign-up answers the same whether or not
 * the address was known. Admins list and remove subscribers, add webhook
 * subscribers and set the page's Slack and Teams announcement URLs.
 * Private pages offer no sign-up (only admins add recipients to them).
 */
import { inTransaction, type Db } from '../../db/client.js';
import { enqueueJob } from '../../db/outbox.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, notFound } from '../../lib/errors.js';
import { isUuid, newId } from '../../lib/ids.js';
import { requireRole } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { targetProblem } from '../channels/index.js';
import { withDb, type Ctx } from '../context.js';
import { requirePage } from './pages.service.js';
import { baseUrlOf } from './render.snapshot.js';
import { findPageRow, selectComponents } from './statuspages.repo.js';
import { parseStatusPageInput } from './statuspages.schema.js';
import {
  deleteAnnouncer,
  deleteSubscriberRow,
  findSubscriberByHash,
  findSubscriberByTarget,
  findSubscriberRow,
  insertSubscriber,
  selectAnnouncers,
  selectSubscribers,
  setSubscriberComponents,
  updateSubscriberRow,
  upsertAnnouncer,
  type SubscriberListRow,
} from './subscribers.repo.js';
import {
  CreateWebhookSubscriberSchema,
  SignUpSchema,
  UpdateAnnouncementsSchema,
  type Announcements,
  type CreateWebhookSubscriberInput,
  type SignUpInput,
  type Subscriber,
  type SubscriberList,
  type UpdateAnnouncementsInput,
} from './subscribers.schema.js';
import { confirmToken, tokenHash, unsubscribeToken } from './subscribers.tokens.js';
import {
  CONFIRM_MAIL_JOB,
  subscriberKeyPurpose,
  SUBSCRIBER_MAX_ATTEMPTS,
  type SubscribersDeps,
} from './subscribers.types.js';

/** How long a confirmation link works. */
export const CONFIRM_LINK_DAYS = 7;

/** The answer to every accepted sign-up, known address or not. */
export const SIGN_UP_ANSWER =
  'Thank you. If this address is not subscribed yet, a mail with a confirmation link is on its way: updates are sent only after you confirm.';

const toSubscriber = (row: SubscriberListRow): Subscriber => ({
  id: row.id,
  kind: row.kind,
  target: row.target,
  state: row.confirmed_at ? 'confirmed' : 'unconfirmed',
  components: row.all_components ? null : row.component_ids,
  sent: row.sent,
  createdAt: row.created_at.toISOString(),
  confirmedAt: row.confirmed_at?.toISOString() ?? null,
});

async function requireComponentsOnPage(db: Db, pageId: string, ids: string[], what: string): Promise<string[]> {
  const unique = [...new Set(ids)];
  const known = new Set((await selectComponents(db, pageId)).map((c) => c.id));
  const unknown = unique.filter((id) => !known.has(id));
  if (unknown.length > 0)
    throw new AppError('validation_failed', `Invalid ${what}: components: not on this page: ${unknown.join(', ')}`);
  return unique;
}

/** A page the public may subscribe to: it exists and is public (private pages offer no sign-up). */
async function requirePublicPage(db: Db, pageIdOrSlug: string, lock = false) {
  const page = await findPageRow(db, pageIdOrSlug, lock);
  if (!page || page.visibility !== 'public') throw notFound('Public status page', pageIdOrSlug);
  return page;
}

/**
 * Asks for a subscription. A new or still unconfirmed address is (re)sent a
 * confirmation link (its component choice replaced); a confirmed one is left
 * as it is, and nothing tells the caller which happened.
 */
export async function signUp(
  db: Db,
  clock: Clock,
  deps: SubscribersDeps,
  pageIdOrSlug: string,
  input: SignUpInput,
): Promise<{ message: string }> {
  const data = parseStatusPageInput(SignUpSchema, input, 'subscription');
  if (!deps.mail)
    throw new AppError(
      'unavailable',
      'This status page cannot send email (no SMTP server is configured): subscribe by RSS or Atom instead.',
    );
  const key = await deps.linkKey();
  await inTransaction(db, async (tx) => {
    const page = await requirePublicPage(tx, pageIdOrSlug, true);
    const components = await requireComponentsOnPage(tx, page.id, data.components ?? [], 'subscription');
    const now = clock.now();
    let row = await findSubscriberByTarget(tx, page.id, 'email', data.email);
    if (row?.confirmed_at) return;
    if (!row) {
      const id = newId(now);
      row = await insertSubscriber(tx, {
        id,
        page_id: page.id,
        kind: 'email',
        target: data.email,
        all_components: components.length === 0,
        confirmed_at: null,
        confirm_token_hash: tokenHash(confirmToken(key, id, now)),
        confirm_requested_at: now,
        unsubscribe_token_hash: tokenHash(unsubscribeToken(key, id)),
        created_at: now,
        updated_at: now,
      });
    } else {
      await updateSubscriberRow(tx, row.id, {
        all_components: components.length === 0,
        confirm_token_hash: tokenHash(confirmToken(key, row.id, now)),
        confirm_requested_at: now,
        updated_at: now,
      });
    }
    await setSubscriberComponents(tx, row.id, components);
    await enqueueJob(
      tx,
      {
        kind: CONFIRM_MAIL_JOB,
        key: `${CONFIRM_MAIL_JOB}:${row.id}:${now.getTime()}`,
        payload: { subscriberId: row.id, requestedAt: now.getTime() },
        runAt: now,
        maxAttempts: SUBSCRIBER_MAX_ATTEMPTS,
      },
      now,
    );
  });
  return { message: SIGN_UP_ANSWER };
}

export interface LinkOutcome {
  ok: boolean;
  message: string;
  pageName: string | null;
  pageUrl: string | null;
}

async function pageOf(db: Db, pageId: string, publicUrl: string) {
  const page = await findPageRow(db, pageId);
  return page
    ? { pageName: page.name, pageUrl: baseUrlOf({ slug: page.slug, hostName: page.host_name }, publicUrl) }
    : { pageName: null, pageUrl: null };
}

/** Confirms the subscription a confirmation link names; from then on it is sent updates. */
export async function confirmSubscription(
  db: Db,
  clock: Clock,
  deps: SubscribersDeps,
  token: string,
): Promise<LinkOutcome> {
  return inTransaction(db, async (tx) => {
    const row = token ? await findSubscriberByHash(tx, 'confirm_token_hash', tokenHash(token)) : undefined;
    if (!row || row.confirmed_at)
      return {
        ok: false,
        message:
          'This confirmation link is not valid: it was used already, replaced by a newer one, or the subscription was removed. Sign up again on the status page.',
        pageName: null,
        pageUrl: null,
      };
    const now = clock.now();
    const page = await pageOf(tx, row.page_id, deps.publicUrl);
    if (now.getTime() - row.confirm_requested_at!.getTime() > CONFIRM_LINK_DAYS * 86_400_000)
      return {
        ok: false,
        message: `This confirmation link expired (links work for ${CONFIRM_LINK_DAYS} days). Sign up again on the status page.`,
        ...page,
      };
    await updateSubscriberRow(tx, row.id, { confirmed_at: now, confirm_token_hash: null, updated_at: now });
    return { ok: true, message: `You are subscribed to ${page.pageName ?? 'the status page'}'s updates.`, ...page };
  });
}

/** The subscription an unsubscribe link names, for the page that offers the button. */
export async function findByUnsubscribeToken(db: Db, deps: SubscribersDeps, token: string) {
  const row = token ? await findSubscriberByHash(db, 'unsubscribe_token_hash', tokenHash(token)) : undefined;
  return row ? { target: row.target, ...(await pageOf(db, row.page_id, deps.publicUrl)) } : undefined;
}

/** One-click unsubscribe (RFC 8058): removes the subscription; saying so again when it is gone already. */
export async function unsubscribe(db: Db, deps: SubscribersDeps, token: string): Promise<LinkOutcome> {
  return inTransaction(db, async (tx) => {
    const row = token ? await findSubscriberByHash(tx, 'unsubscribe_token_hash', tokenHash(token)) : undefined;
    if (!row) return { ok: true, message: 'This address is not subscribed (any more).', pageName: null, pageUrl: null };
    const page = await pageOf(tx, row.page_id, deps.publicUrl);
    await deleteSubscriberRow(tx, row.page_id, row.id);
    return {
      ok: true,
      message: `You are unsubscribed: ${page.pageName ?? 'the status page'} sends you nothing more.`,
      ...page,
    };
  });
}

// Admins.

export async function listSubscribers(ctx: Ctx, pageIdOrSlug: string): Promise<SubscriberList> {
  requireRole(ctx.actor, 'admin', 'read status page subscribers');
  const page = await requirePage(ctx.db, pageIdOrSlug);
  const items = (await selectSubscribers(ctx.db, page.id)).map(toSubscriber);
  const count = (f: (s: Subscriber) => boolean) => items.filter(f).length;
  return {
    items,
    counts: {
      confirmed: count((s) => s.state === 'confirmed'),
      unconfirmed: count((s) => s.state === 'unconfirmed'),
      email: count((s) => s.kind === 'email'),
      webhook: count((s) => s.kind === 'webhook'),
    },
  };
}

export async function removeSubscriber(ctx: Ctx, pageIdOrSlug: string, id: string): Promise<void> {
  requireRole(ctx.actor, 'admin', 'remove status page subscribers');
  await inTransaction(ctx.db, async (tx) => {
    const page = await requirePage(tx, pageIdOrSlug);
    const before = isUuid(id) ? await findSubscriberRow(tx, id) : undefined;
    if (!before || before.page_id !== page.id || !(await deleteSubscriberRow(tx, page.id, id)))
      throw notFound('Subscriber', id);
    await recordAudit(withDb(ctx, tx), {
      action: 'statuspage.subscriber_removed',
      entityType: 'status_page_subscriber',
      entityId: id,
      before: { pageId: page.id, kind: before.kind },
    });
  });
}

/** A webhook subscriber, confirmed at once (an admin added it); the answer carries its signing secret, shown once. */
export async function addWebhookSubscriber(
  ctx: Ctx,
  deps: SubscribersDeps,
  pageIdOrSlug: string,
  input: CreateWebhookSubscriberInput,
): Promise<Subscriber & { secret: string }> {
  requireRole(ctx.actor, 'admin', 'add status page webhook subscribers');
  const data = parseStatusPageInput(CreateWebhookSubscriberSchema, input, 'webhook subscriber');
  const problem = targetProblem('webhook', data.url);
  if (problem) throw new AppError('validation_failed', `Invalid webhook subscriber: url: ${problem}`);
  const key = await deps.linkKey();
  const row = await inTransaction(ctx.db, async (tx) => {
    const page = await requirePage(tx, pageIdOrSlug, true);
    const components = await requireComponentsOnPage(tx, page.id, data.components ?? [], 'webhook subscriber');
    if (await findSubscriberByTarget(tx, page.id, 'webhook', data.url))
      throw new AppError('conflict', `This page already sends its updates to ${data.url}`);
    const now = ctx.clock.now();
    const id = newId(now);
    await insertSubscriber(tx, {
      id,
      page_id: page.id,
      kind: 'webhook',
      target: data.url,
      all_components: components.length === 0,
      confirmed_at: now,
      confirm_token_hash: null,
      confirm_requested_at: null,
      unsubscribe_token_hash: tokenHash(unsubscribeToken(key, id)),
      created_at: now,
      updated_at: now,
    });
    await setSubscriberComponents(tx, id, components);
    await recordAudit(withDb(ctx, tx), {
      action: 'statuspage.subscriber_added',
      entityType: 'status_page_subscriber',
      entityId: id,
      after: { pageId: page.id, kind: 'webhook', url: new URL(data.url).origin, components },
    });
    return (await selectSubscribers(tx, page.id)).find((s) => s.id === id)!;
  });
  return { ...toSubscriber(row), secret: await deps.signingKey(subscriberKeyPurpose(row.id, row.secret_version)) };
}

export async function getAnnouncements(ctx: Ctx, pageIdOrSlug: string): Promise<Announcements> {
  requireRole(ctx.actor, 'admin', 'read status page announcements');
  const page = await requirePage(ctx.db, pageIdOrSlug);
  const rows = await selectAnnouncers(ctx.db, page.id);
  return {
    slack: rows.find((r) => r.kind === 'slack')?.url ?? null,
    teams: rows.find((r) => r.kind === 'teams')?.url ?? null,
  };
}

/** Sets (a URL), removes (null) or keeps (left out) each of the page's chat announcement URLs. */
export async function setAnnouncements(
  ctx: Ctx,
  pageIdOrSlug: string,
  input: UpdateAnnouncementsInput,
): Promise<Announcements> {
  requireRole(ctx.actor, 'admin', 'change status page announcements');
  const data = parseStatusPageInput(UpdateAnnouncementsSchema, input, 'announcements');
  for (const kind of ['slack', 'teams'] as const) {
    const url = data[kind];
    const problem = url ? targetProblem('teams', url) : undefined;
    if (problem)
      throw new AppError(
        'validation_failed',
        `Invalid announcements: ${kind}: ${problem.replace('teams channels', 'incoming webhooks')}`,
      );
  }
  await inTransaction(ctx.db, async (tx) => {
    const page = await requirePage(tx, pageIdOrSlug, true);
    const now = ctx.clock.now();
    for (const kind of ['slack', 'teams'] as const) {
      const url = data[kind];
      if (url === undefined) continue;
      if (url === null || url === '') await deleteAnnouncer(tx, page.id, kind);
      else await upsertAnnouncer(tx, { id: newId(now), page_id: page.id, kind, url, created_at: now, updated_at: now });
    }
    await recordAudit(withDb(ctx, tx), {
      action: 'statuspage.announcements_changed',
      entityType: 'status_page',
      entityId: page.id,
      after: {
        slack: data.slack === undefined ? 'kept' : data.slack ? 'set' : 'removed',
        teams: data.teams === undefined ? 'kept' : data.teams ? 'set' : 'removed',
      },
    });
  });
  return getAnnouncements(ctx, pageIdOrSlug);
}

/**
 * Status page subscriptions over HTTP. Admin API: a page's subscribers
 * (list, remove, add a webhook) and its Slack and Teams announcement URLs.
 * Public, without JavaScript: the sign-up form's POST on the page
 * (/status/<slug>/subscribe, HTML answers) and its JSON twin, and the
 * confirmation and one-click unsubscribe links (GET shows a button, because
 * mail scanners fetch links; POST acts, which RFC 8058's one-click
 * unsubscribe also sends). Sign-up is rate-limited here, at the edge. The
 * JSON sign-up answers CORS (any origin, no credentials) for widgets.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { escapeHtml } from '../../lib/html.js';
import { smallPage } from '../small-page.js';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isAppError } from '../../lib/errors.js';
import {
  addWebhookSubscriber,
  AnnouncementsSchema,
  confirmSubscription,
  CreateWebhookSubscriberSchema,
  findByUnsubscribeToken,
  getAnnouncements,
  listSubscribers,
  removeSubscriber,
  setAnnouncements,
  signUp,
  SignUpAnswerSchema,
  SignUpLimits,
  SignUpSchema,
  SubscriberListSchema,
  unsubscribe,
  UpdateAnnouncementsSchema,
  WebhookSubscriberWithSecretSchema,
  type LinkOutcome,
  type SubscribersDeps,
} from '../../modules/statuspages/index.js';
import { ctxOf, type HttpDeps } from '../context.js';
import { STATUS_FOR_CODE } from '../errors.js';
import { withFormBodies } from './notify-actions.routes.js';
import { ErrorSchema, IdParams, privateErrors } from './shared.js';

const tags = ['status pages'];
const SubscriberParams = z.strictObject({
  id: z.string().min(1).max(200).describe('page uuid or slug'),
  subscriberId: z.string().min(1).max(200),
});
const TokenQuery = z.strictObject({ token: z.string().max(200).default('') });
const SlugParams = z.strictObject({ slug: z.string().min(1).max(63) });

/** CORS for the JSON sign-up: any origin, no credentials (no Access-Control-Allow-Credentials). */
const ANY_ORIGIN = { 'access-control-allow-origin': '*' };
const SIGN_UP_CORS = { ...ANY_ORIGIN, 'access-control-expose-headers': 'retry-after' };
const SIGN_UP_PREFLIGHT = {
  ...ANY_ORIGIN,
  'access-control-allow-methods': 'POST',
  'access-control-allow-headers': 'content-type',
  'access-control-max-age': '86400',
};

const backTo = (outcome: Pick<LinkOutcome, 'pageName' | 'pageUrl'>) =>
  outcome.pageUrl
    ? `<p><a href="${escapeHtml(outcome.pageUrl)}">Back to ${escapeHtml(outcome.pageName ?? 'the status page')}</a></p>`
    : '';

/** The form sends components as repeated fields; one value arrives as a string. */
function formInput(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  const form = new URLSearchParams(body);
  const components = form.getAll('components').filter((c) => c !== '');
  return { email: form.get('email') ?? '', ...(components.length > 0 && { components }) };
}

export function registerStatusPageSubscriberRoutes(
  app: FastifyInstance,
  http: HttpDeps,
  deps: SubscribersDeps,
  limits: SignUpLimits,
): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/status-pages/:id/subscribers', {
    schema: {
      tags,
      summary: "A status page's subscribers with their state and counts (admin)",
      params: IdParams,
      response: { 200: SubscriberListSchema, ...privateErrors },
    },
    handler: async (request) => listSubscribers(ctxOf(http, request), request.params.id),
  });

  r.post('/api/v1/status-pages/:id/subscribers', {
    schema: {
      tags,
      summary: 'Add a webhook subscriber, sent each update signed like outgoing webhooks (admin)',
      params: IdParams,
      body: CreateWebhookSubscriberSchema,
      response: { 201: WebhookSubscriberWithSecretSchema, ...privateErrors },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await addWebhookSubscriber(ctxOf(http, request), deps, request.params.id, request.body)),
  });

  r.delete('/api/v1/status-pages/:id/subscribers/:subscriberId', {
    schema: {
      tags,
      summary: 'Remove a subscriber (admin)',
      params: SubscriberParams,
      response: { 204: z.null(), ...privateErrors },
    },
    handler: async (request, reply) => {
      await removeSubscriber(ctxOf(http, request), request.params.id, request.params.subscriberId);
      return reply.status(204).send(null);
    },
  });

  r.get('/api/v1/status-pages/:id/announcements', {
    schema: {
      tags,
      summary: "A status page's Slack and Teams announcement URLs (admin)",
      params: IdParams,
      response: { 200: AnnouncementsSchema, ...privateErrors },
    },
    handler: async (request) => getAnnouncements(ctxOf(http, request), request.params.id),
  });

  r.put('/api/v1/status-pages/:id/announcements', {
    schema: {
      tags,
      summary: 'Set (URL), remove (null) or keep (left out) the Slack and Teams announcement URLs (admin)',
      params: IdParams,
      body: UpdateAnnouncementsSchema,
      response: { 200: AnnouncementsSchema, ...privateErrors },
    },
    handler: async (request) => setAnnouncements(ctxOf(http, request), request.params.id, request.body),
  });

  const takeLimit = (request: FastifyRequest, input: unknown) => {
    const email = (input as { email?: unknown } | null)?.email;
    limits.take(request.ip, typeof email === 'string' ? email : undefined);
  };

  // Anyone's widget may sign visitors up from its own site: any origin may POST JSON here and read
  // the answer (errors included), never with credentials; the limits and validation stay as they are.
  r.options('/api/v1/status-pages/:id/subscribe', {
    config: { public: true },
    schema: { hide: true, params: IdParams },
    handler: async (_request, reply) => reply.headers(SIGN_UP_PREFLIGHT).status(204).send(),
  });

  r.post('/api/v1/status-pages/:id/subscribe', {
    config: { public: true },
    onRequest: async (_request, reply) => {
      reply.headers(SIGN_UP_CORS);
    },
    schema: {
      tags,
      summary: 'Subscribe an email address to a public status page (public; answers the same for a known address)',
      description:
        'Sends a confirmation link unless the address is confirmed already; nothing else is sent until it is used. ' +
        'Rate-limited per client and per address (429). Callable from any origin (CORS, without credentials), ' +
        'so a widget on another site can sign visitors up.',
      params: IdParams,
      body: SignUpSchema,
      response: { 202: SignUpAnswerSchema, 429: ErrorSchema, ...privateErrors },
    },
    handler: async (request, reply) => {
      takeLimit(request, request.body);
      return reply.status(202).send(await signUp(http.db, http.clock, deps, request.params.id, request.body));
    },
  });

  return withFormBodies(app, (child) => {
    const f = child.withTypeProvider<ZodTypeProvider>();
    const hidden = { config: { public: true } } as const;

    f.post('/status/:slug/subscribe', {
      ...hidden,
      schema: { hide: true, params: SlugParams },
      handler: async (request, reply) => {
        const input = formInput(request.body);
        const back = `<p><a href="${escapeHtml(`${http.config.publicUrl}/status/${request.params.slug}/`)}">Back to the status page</a></p>`;
        try {
          takeLimit(request, input);
          const answer = await signUp(http.db, http.clock, deps, request.params.slug, input as never);
          return smallPage(reply, 202, 'Check your inbox', `<p>${escapeHtml(answer.message)}</p>${back}`);
        } catch (error) {
          if (!isAppError(error)) throw error;
          const status = STATUS_FOR_CODE[error.code] ?? 400;
          if (status >= 500 && error.code !== 'unavailable') throw error;
          return smallPage(reply, status, 'Not subscribed', `<p>${escapeHtml(error.message)}</p>${back}`);
        }
      },
    });

    f.get('/status-subscriptions/confirm', {
      ...hidden,
      schema: { hide: true, querystring: TokenQuery },
      handler: async (request, reply) =>
        smallPage(
          reply,
          200,
          'Confirm your subscription',
          `<form method="post" action="/status-subscriptions/confirm?token=${escapeHtml(encodeURIComponent(request.query.token))}"><p><button type="submit">Confirm the subscription</button></p></form>`,
        ),
    });

    f.post('/status-subscriptions/confirm', {
      ...hidden,
      schema: { hide: true, querystring: TokenQuery },
      handler: async (request, reply) => {
        const outcome = await confirmSubscription(http.db, http.clock, deps, request.query.token);
        return smallPage(
          reply,
          outcome.ok ? 200 : 400,
          outcome.ok ? 'Subscribed' : 'Not confirmed',
          `<p>${escapeHtml(outcome.message)}</p>${backTo(outcome)}`,
        );
      },
    });

    f.get('/status-subscriptions/unsubscribe', {
      ...hidden,
      schema: { hide: true, querystring: TokenQuery },
      handler: async (request, reply) => {
        const found = await findByUnsubscribeToken(http.db, deps, request.query.token);
        if (!found) return smallPage(reply, 200, 'Not subscribed', '<p>This address is not subscribed (any more).</p>');
        return smallPage(
          reply,
          200,
          `Unsubscribe from ${found.pageName ?? 'the status page'}?`,
          `<p>${escapeHtml(found.target)} will receive no more updates.</p>` +
            `<form method="post" action="/status-subscriptions/unsubscribe?token=${escapeHtml(encodeURIComponent(request.query.token))}"><p><button type="submit">Unsubscribe</button></p></form>`,
        );
      },
    });

    // RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" here; the form's button does the same.
    f.post('/status-subscriptions/unsubscribe', {
      ...hidden,
      schema: { hide: true, querystring: TokenQuery },
      handler: async (request, reply) => {
        const outcome = await unsubscribe(http.db, deps, request.query.token);
        return smallPage(reply, 200, 'Unsubscribed', `<p>${escapeHtml(outcome.message)}</p>${backTo(outcome)}`);
      },
    });
  });
}

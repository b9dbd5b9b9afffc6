/**
 * Acting from a notification: the signed links in emails and webhooks.
 * GET /a/{token} only shows a confirmation page with a button (mail scanners
 * and link previews fetch links, and must change nothing); the button POSTs
 * to the same address, which acknowledges or resolves as the person the
 * message was sent to. Public: the signed, expiring token is the credential.
 * Also home to what every "act from a notification" route shares.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { escapeHtml } from '../../lib/html.js';
import { smallPage } from '../small-page.js';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { resolveAsResponder } from '../../modules/response/index.js';
import { z } from 'zod';
import { AppError, isAppError } from '../../lib/errors.js';
import type { Source } from '../../lib/source.js';
import { actorForUser } from '../../modules/auth/index.js';
import { acknowledgeIncident, getIncidentSummary, type Incident } from '../../modules/incidents/index.js';
import { checkActionToken, type IncidentAction, type NotifyDeps } from '../../modules/notify/index.js';
import { getUserRecord } from '../../modules/users/index.js';
import type { HttpDeps } from '../context.js';
import { STATUS_FOR_CODE } from '../errors.js';

/** Registers routes in a child context that accepts form-encoded bodies, kept as the raw string (signatures need it). */
export async function withFormBodies(app: FastifyInstance, register: (child: FastifyInstance) => void): Promise<void> {
  await app.register(async (child) => {
    child.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 256 * 1024 },
      (_request, body, done) => done(null, body),
    );
    register(child);
  });
}

/**
 * Acknowledges or resolves as the person a notification reached, through
 * `source` (how they answered: email_link, sms_reply, voice, slack); errors
 * are AppErrors.
 */
export async function actAs(
  http: HttpDeps,
  userId: string,
  incidentId: string,
  action: IncidentAction,
  source: Source,
  requestId: string,
): Promise<Incident> {
  const user = await getUserRecord(http.db, userId);
  if (!user || user.is_disabled)
    throw new AppError('forbidden', 'The person this notification was sent to no longer has access to Tocsin');
  const ctx = {
    db: http.db,
    clock: http.clock,
    actor: actorForUser(user, 'token', ['read', 'write']),
    source,
    requestId,
  };
  // A declared incident is resolved only by its owner (ADR 17), from a page as from anywhere.
  return action === 'acknowledge' ? acknowledgeIncident(ctx, incidentId) : resolveAsResponder(ctx, incidentId);
}

const VERB: Record<IncidentAction, { button: string; done: string }> = {
  acknowledge: { button: 'Acknowledge', done: 'acknowledged' },
  resolve: { button: 'Resolve', done: 'resolved' },
};

const TokenParams = z.strictObject({ token: z.string().min(1).max(4000) });
const ActionQuery = z.strictObject({
  via: z.enum(['push']).optional().describe("push: the link was followed from a push notification's button"),
});

export function registerNotifyActionRoutes(app: FastifyInstance, http: HttpDeps, deps: NotifyDeps): Promise<void> {
  const incidentLink = (id: string, label: string) =>
    `<p><a href="${escapeHtml(`${http.config.publicUrl}/app/incidents/${id}`)}">${escapeHtml(label)}</a></p>`;

  const refuse = (reply: FastifyReply, reason: string) =>
    reason === 'expired'
      ? smallPage(
          reply,
          410,
          'This link has expired',
          '<p>Links in notifications work for 72 hours. Open the incident in Tocsin to act on it.</p>',
        )
      : smallPage(
          reply,
          403,
          'This link is not valid',
          '<p>It may have been cut short by your mail program. Open the incident in Tocsin instead.</p>',
        );

  return withFormBodies(app, (child) => {
    const r = child.withTypeProvider<ZodTypeProvider>();

    r.get('/a/:token', {
      config: { public: true },
      schema: { hide: true, params: TokenParams },
      handler: async (request, reply) => {
        const check = await checkActionToken(deps, http.clock, request.params.token);
        if (!check.ok) return refuse(reply, check.reason);
        const { claims } = check;
        const [incident, user] = await Promise.all([
          getIncidentSummary(http.db, claims.incidentId),
          getUserRecord(http.db, claims.userId),
        ]);
        if (!incident || !user)
          return smallPage(reply, 404, 'This incident is gone', '<p>It may have been deleted.</p>');
        const verb = VERB[claims.action];
        const state =
          incident.status === 'resolved' || (incident.status === 'acknowledged' && claims.action === 'acknowledge')
            ? `<p>It is already <strong>${incident.status}</strong>.</p>${incidentLink(incident.id, 'Open the incident')}`
            : `<form method="post" action="/a/${escapeHtml(request.params.token)}"><p><button type="submit">${verb.button}</button></p></form>`;
        return smallPage(
          reply,
          200,
          `${verb.button} incident #${incident.number}?`,
          `<p><strong>${escapeHtml(incident.title)}</strong> on ${escapeHtml(incident.serviceName)} (${incident.status}).</p>` +
            `<p>You will ${claims.action} it as ${escapeHtml(user.name)}.</p>${state}`,
        );
      },
    });

    r.post('/a/:token', {
      config: { public: true },
      schema: { hide: true, params: TokenParams, querystring: ActionQuery },
      handler: async (request, reply) => {
        const check = await checkActionToken(deps, http.clock, request.params.token);
        if (!check.ok) return refuse(reply, check.reason);
        const { claims } = check;
        // The same signed link serves email, webhooks and push; "via" only labels the timeline entry, it grants nothing.
        const source = request.query.via === 'push' ? 'push' : 'email_link';
        try {
          const incident = await actAs(http, claims.userId, claims.incidentId, claims.action, source, request.id);
          return smallPage(
            reply,
            200,
            `Incident #${incident.number} ${VERB[claims.action].done}`,
            `<p>${escapeHtml(incident.title)}</p>${incidentLink(incident.id, 'Open the incident')}`,
          );
        } catch (error) {
          if (!isAppError(error)) throw error;
          return smallPage(
            reply,
            STATUS_FOR_CODE[error.code],
            'That did not work',
            `<p>${escapeHtml(error.message)}</p>${incidentLink(claims.incidentId, 'Open the incident')}`,
          );
        }
      },
    });
  });
}

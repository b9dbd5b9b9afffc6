/**
 * The ingest endpoints: every HTTP way alerts come in, all public (the
 * routing key in the URL or body is the address, as with PagerDuty). Bodies
 * are read whatever the Content-Type says (senders vary) and checked by the
 * source's adapter, so errors come back in the vendor's shape: PagerDuty's
 * for /v2/enqueue and the v1 endpoint, Tocsin's everywhere else.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  AlertmanagerBodySchema,
  createIngestEdge,
  DatadogBodySchema,
  EventsV1BodySchema,
  EventsV2BodySchema,
  GrafanaBodySchema,
  INGEST_PATHS,
  INGEST_SOURCES,
  ingestAddressFor,
  PdAcceptedSchema,
  PdErrorSchema,
  PdV1AcceptedSchema,
  type HttpSourceName,
  type IngestOutcome,
  type KeyChanges,
  type PingOutcome,
} from '../../modules/ingest/index.js';
import { isAppError } from '../../lib/errors.js';
import { findBadText } from '../bad-text.js';
import type { HttpDeps } from '../context.js';
import { errorBody, STATUS_FOR_CODE } from '../errors.js';
import { ErrorSchema } from './shared.js';

/** How a route answers: PagerDuty v2, PagerDuty v1, or Tocsin's own shapes. */
type ReplyStyle = 'pd_v2' | 'pd_v1' | 'tocsin';

declare module 'fastify' {
  interface FastifyContextConfig {
    ingestReply?: ReplyStyle;
  }
}

export interface IngestRouteOptions {
  /** Events per integration key per minute on this node. */
  ratePerMinute: number;
  /** The inbound-email domain, to tell senders of email keys where to write. */
  emailDomain?: string | undefined;
  /** How long a found routing key is remembered at most (default 5 s). */
  routingCacheMs?: number;
  /** What this node hears of integration key changes: a remembered key is forgotten when one changes. */
  keyChanges?: KeyChanges;
}

/** PagerDuty's documented limit on an event. */
export const PD_BODY_LIMIT_BYTES = 512 * 1024;

const PD_INVALID = { status: 'invalid event', message: 'Event object is invalid' };
const PD_THROTTLED = {
  status: 'throttle event',
  message: 'Requests for this service are arriving too quickly.  Please retry later.',
};
const PD_UNAVAILABLE = {
  status: 'unavailable',
  message: 'Tocsin cannot store events right now: retry shortly.',
  errors: [],
};
const UNAVAILABLE = 'Tocsin cannot store events right now: retry shortly (nothing was stored).';

const IngestAcceptedSchema = z.object({
  status: z.literal('accepted'),
  events: z.number().int(),
  dedupKeys: z.array(z.string()),
});
const HeartbeatPingedSchema = z.object({ status: z.literal('ok'), nextDueAt: z.string() });
const RoutingKeyParams = z.object({ routingKey: z.string().describe("The integration key's routing key") });
const pdResponses = (style: 'pd_v2' | 'pd_v1') =>
  style === 'pd_v2'
    ? { 202: PdAcceptedSchema, 400: PdErrorSchema, 413: PdErrorSchema, 429: PdErrorSchema, 503: PdErrorSchema }
    : {
        200: PdV1AcceptedSchema,
        400: PdErrorSchema,
        403: PdErrorSchema.describe('Throttled (v1 signals it with 403)'),
        413: PdErrorSchema,
        503: PdErrorSchema,
      };
const tocsinErrors = { 400: ErrorSchema, 404: ErrorSchema, 413: ErrorSchema, 429: ErrorSchema, 503: ErrorSchema };

/** Sends an outcome in the route's style. */
function answer(
  reply: FastifyReply,
  style: ReplyStyle,
  outcome: IngestOutcome,
  where: { publicUrl: string; emailDomain?: string | undefined },
) {
  const pd = style !== 'tocsin';
  switch (outcome.kind) {
    case 'accepted': {
      const dedupKeys = outcome.events.map((e) => e.dedupKey);
      if (style === 'pd_v2')
        return reply.status(202).send({ status: 'success', message: 'Event processed', dedup_key: dedupKeys[0] });
      if (style === 'pd_v1')
        return reply.status(200).send({ status: 'success', message: 'Event processed', incident_key: dedupKeys[0] });
      return reply.status(202).send({ status: 'accepted', events: dedupKeys.length, dedupKeys });
    }
    case 'invalid':
      if (pd) return reply.status(400).send({ ...PD_INVALID, errors: outcome.errors });
      return reply.status(400).send(
        errorBody('validation_failed', `The payload is invalid: ${outcome.errors.slice(0, 3).join('; ')}`, {
          errors: outcome.errors,
        }),
      );
    case 'unknown_key':
      if (pd)
        return reply.status(400).send({ ...PD_INVALID, errors: ['Invalid routing key: no integration has this key'] });
      return reply
        .status(404)
        .send(
          errorBody(
            'not_found',
            "No integration key has this routing key: copy the URL again from the service's integrations.",
          ),
        );
    case 'wrong_type': {
      const message = `This routing key belongs to a ${outcome.keyType} integration, not ${outcome.expected}: send its events as ${ingestAddressFor(outcome.keyType, outcome.routingKey, where)}`;
      if (pd) return reply.status(400).send({ ...PD_INVALID, errors: [message] });
      return reply.status(400).send(errorBody('bad_request', message, { keyType: outcome.keyType }));
    }
    case 'throttled':
      reply.header('retry-after', String(outcome.retryAfterSeconds));
      // PagerDuty's v1 API signals throttling with 403.
      if (pd) return reply.status(style === 'pd_v1' ? 403 : 429).send(PD_THROTTLED);
      return reply
        .status(429)
        .send(
          errorBody(
            'rate_limited',
            `Too many events for this integration key: retry in ${outcome.retryAfterSeconds} s.`,
            { retryAfterSeconds: outcome.retryAfterSeconds },
          ),
        );
    case 'unavailable':
      reply.log.error({ err: outcome.error }, 'ingest: could not store events');
      reply.header('retry-after', '5');
      return reply.status(503).send(pd ? PD_UNAVAILABLE : errorBody('unavailable', UNAVAILABLE));
  }
}

/** The body as JSON (or a form, as Datadog's "encode as form" sends), whatever the Content-Type says. */
function decodeBody(request: FastifyRequest): { ok: true; body: unknown } | { ok: false; error: string } {
  const raw = request.body;
  if (!Buffer.isBuffer(raw) || raw.length === 0)
    return { ok: false, error: 'The body is empty: send the event as JSON' };
  const text = raw.toString('utf8');
  let body: unknown;
  if (/application\/x-www-form-urlencoded/i.test(request.headers['content-type'] ?? '')) {
    body = Object.fromEntries(new URLSearchParams(text));
  } else {
    try {
      body = JSON.parse(text) as unknown;
    } catch (error) {
      return { ok: false, error: `JSON parse error: ${(error as Error).message}` };
    }
  }
  // The server's guard sees these bodies only as bytes: NUL and lone surrogates are refused here.
  const bad = findBadText(body, 'body');
  return bad ? { ok: false, error: `${bad.path}: ${bad.message}` } : { ok: true, body };
}

function badBody(reply: FastifyReply, style: ReplyStyle, status: number, message: string) {
  if (style === 'tocsin')
    return reply.status(status).send(errorBody(status === 413 ? 'payload_too_large' : 'bad_request', message));
  if (status === 400 && message.startsWith('JSON parse error')) {
    return reply
      .status(400)
      .send({ status: 'Unrecognized object', message: 'Event object format is unrecognized', errors: [message] });
  }
  return reply.status(status).send({ ...PD_INVALID, errors: [message] });
}

const skipValidation = () => () => true;
const plainJson = () => (data: unknown) => JSON.stringify(data);

export async function registerIngestRoutes(
  app: FastifyInstance,
  deps: HttpDeps,
  options: IngestRouteOptions,
): Promise<void> {
  const edge = createIngestEdge({
    db: deps.db,
    clock: deps.clock,
    ratePerMinute: options.ratePerMinute,
    routingCacheMs: options.routingCacheMs,
    keyChanges: options.keyChanges,
  });
  const where = { publicUrl: deps.config.publicUrl, emailDomain: options.emailDomain };

  await app.register(async (scope) => {
    // Every body arrives as bytes; the handler decodes it and answers in the vendor's shape.
    scope.removeAllContentTypeParsers();
    scope.addHook('onRequest', async (request) => {
      if (request.headers['content-type']?.trim() === '') delete request.headers['content-type'];
    });
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    scope.setErrorHandler((error: FastifyError, request, reply) => {
      const style = request.routeOptions.config?.ingestReply ?? 'tocsin';
      if (isAppError(error) && STATUS_FOR_CODE[error.code] < 500) {
        // Refused at the edge (bad text in the path, a cookie...): Tocsin's shape, or the vendor's.
        if (style === 'tocsin')
          return reply.status(STATUS_FOR_CODE[error.code]).send(errorBody(error.code, error.message, error.details));
        return badBody(reply, style, STATUS_FOR_CODE[error.code], error.message);
      }
      const status = error.statusCode ?? 500;
      if (status === 413)
        return badBody(
          reply,
          style,
          413,
          `The request body is larger than the limit of ${request.routeOptions.bodyLimit ?? deps.config.bodyLimitBytes} bytes`,
        );
      if (status >= 400 && status < 500) return badBody(reply, style, status, error.message);
      // Anything else is ours, not the sender's: ask for a retry rather than lose the event.
      return answer(reply, style, { kind: 'unavailable', error }, where);
    });

    const sources: Array<{
      name: HttpSourceName;
      style: ReplyStyle;
      summary: string;
      body: z.ZodType;
      bodyLimit?: number;
    }> = [
      {
        name: 'events_v2',
        style: 'pd_v2',
        summary: 'PagerDuty Events API v2: send an alert event (wire-compatible)',
        body: EventsV2BodySchema,
        bodyLimit: PD_BODY_LIMIT_BYTES,
      },
      {
        name: 'events_v1',
        style: 'pd_v1',
        summary: 'PagerDuty Events API v1 (legacy): send an event (wire-compatible)',
        body: EventsV1BodySchema,
        bodyLimit: PD_BODY_LIMIT_BYTES,
      },
      {
        name: 'alertmanager',
        style: 'tocsin',
        summary: 'Prometheus Alertmanager webhook receiver',
        body: AlertmanagerBodySchema,
      },
      { name: 'grafana', style: 'tocsin', summary: 'Grafana alerting webhook contact point', body: GrafanaBodySchema },
      {
        name: 'datadog',
        style: 'tocsin',
        summary: "Datadog webhook (with Tocsin's payload template)",
        body: DatadogBodySchema,
      },
      {
        name: 'webhook',
        style: 'tocsin',
        summary: "Generic JSON webhook, read through the key's field mapping",
        body: z.unknown(),
      },
    ];
    for (const { name, style, summary, body, bodyLimit } of sources) {
      const source = INGEST_SOURCES[name];
      const keyInPath = INGEST_PATHS[name].includes(':routingKey');
      scope.post(INGEST_PATHS[name], {
        config: { public: true, ingestReply: style },
        ...(bodyLimit !== undefined && { bodyLimit }),
        schema: {
          tags: ['ingest'],
          summary,
          ...(keyInPath && { params: RoutingKeyParams }),
          body,
          response: style === 'tocsin' ? { 202: IngestAcceptedSchema, ...tocsinErrors } : pdResponses(style),
        },
        validatorCompiler: skipValidation,
        serializerCompiler: plainJson,
        handler: async (request, reply) => {
          const decoded = decodeBody(request);
          if (!decoded.ok) return badBody(reply, style, 400, decoded.error);
          const routingKey = keyInPath ? (request.params as { routingKey: string }).routingKey : undefined;
          return answer(reply, style, await edge.receive(source, { routingKey, body: decoded.body }), where);
        },
      });
    }

    scope.route({
      method: ['GET', 'POST'],
      url: INGEST_PATHS.heartbeat,
      config: { public: true, ingestReply: 'tocsin' },
      schema: {
        tags: ['ingest'],
        summary: 'Heartbeat monitor: record a ping (silence past the interval triggers an alert)',
        params: RoutingKeyParams,
        response: { 200: HeartbeatPingedSchema, ...tocsinErrors, 409: ErrorSchema },
      },
      validatorCompiler: skipValidation,
      serializerCompiler: plainJson,
      handler: async (request, reply) => {
        const outcome: PingOutcome = await edge.ping((request.params as { routingKey: string }).routingKey);
        if (outcome.kind === 'pinged')
          return reply.status(200).send({ status: 'ok', nextDueAt: outcome.nextDueAt.toISOString() });
        if (outcome.kind === 'not_set_up') {
          return reply
            .status(409)
            .send(
              errorBody(
                'conflict',
                'This heartbeat integration has no monitor settings (interval): recreate the integration key.',
              ),
            );
        }
        return answer(reply, 'tocsin', outcome, where);
      },
    });
  });
}

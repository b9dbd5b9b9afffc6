/**
 * The ingest endpoints: every HTTP way alerts come in, all public (the
 * routing key in the URL or body is the address, as with PagerDuty). Bodies
 * are read whatever the Content-Type says (senders vary) and checked by the
 * source's adapter, so errors come back in the vendor's shape: PagerDuty's
 * for /v2/enqueue and the v1 endpoint, Tocsin's everywhere else.
 */
import type { IncomingMessage } from 'node:http';
import type { FastifyBaseLogger, FastifyError, FastifyInstance, FastifyReply } from 'fastify';
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
  type IngestSource,
  type IngestOutcome,
  type KeyChanges,
  type PingOutcome,
} from '../../modules/ingest/index.js';
import { isAppError } from '../../lib/errors.js';
import { findBadText } from '../bad-text.js';
import type { HttpDeps } from '../context.js';
import type { FastLane, LaneAnswer } from '../front-door.js';
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

/** An answer to an ingest request, whoever sends it (the Fastify route or the lane before it). */
export interface IngestAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Ours, not the sender's: logged. */
  error?: unknown;
}

/** An outcome as an answer in the route's style. */
function answerOf(
  style: ReplyStyle,
  outcome: IngestOutcome,
  where: { publicUrl: string; emailDomain?: string | undefined },
): IngestAnswer {
  const pd = style !== 'tocsin';
  switch (outcome.kind) {
    case 'accepted': {
      const dedupKeys = outcome.events.map((e) => e.dedupKey);
      if (style === 'pd_v2')
        return { status: 202, body: { status: 'success', message: 'Event processed', dedup_key: dedupKeys[0] } };
      if (style === 'pd_v1')
        return { status: 200, body: { status: 'success', message: 'Event processed', incident_key: dedupKeys[0] } };
      return { status: 202, body: { status: 'accepted', events: dedupKeys.length, dedupKeys } };
    }
    case 'invalid':
      if (pd) return { status: 400, body: { ...PD_INVALID, errors: outcome.errors } };
      return {
        status: 400,
        body: errorBody('validation_failed', `The payload is invalid: ${outcome.errors.slice(0, 3).join('; ')}`, {
          errors: outcome.errors,
        }),
      };
    case 'unknown_key':
      if (pd)
        return { status: 400, body: { ...PD_INVALID, errors: ['Invalid routing key: no integration has this key'] } };
      return {
        status: 404,
        body: errorBody(
          'not_found',
          "No integration key has this routing key: copy the URL again from the service's integrations.",
        ),
      };
    case 'wrong_type': {
      const message = `This routing key belongs to a ${outcome.keyType} integration, not ${outcome.expected}: send its events as ${ingestAddressFor(outcome.keyType, outcome.routingKey, where)}`;
      if (pd) return { status: 400, body: { ...PD_INVALID, errors: [message] } };
      return { status: 400, body: errorBody('bad_request', message, { keyType: outcome.keyType }) };
    }
    case 'throttled': {
      const headers = { 'retry-after': String(outcome.retryAfterSeconds) };
      // PagerDuty's v1 API signals throttling with 403.
      if (pd) return { status: style === 'pd_v1' ? 403 : 429, body: PD_THROTTLED, headers };
      return {
        status: 429,
        headers,
        body: errorBody(
          'rate_limited',
          `Too many events for this integration key: retry in ${outcome.retryAfterSeconds} s.`,
          { retryAfterSeconds: outcome.retryAfterSeconds },
        ),
      };
    }
    case 'unavailable':
      return {
        status: 503,
        headers: { 'retry-after': '5' },
        body: pd ? PD_UNAVAILABLE : errorBody('unavailable', UNAVAILABLE),
        error: outcome.error,
      };
  }
}

/** Sends an answer through Fastify. */
function send(reply: FastifyReply, answer: IngestAnswer) {
  if (answer.error !== undefined) reply.log.error({ err: answer.error }, 'ingest: could not store events');
  if (answer.headers) reply.headers(answer.headers);
  return reply.status(answer.status).send(answer.body);
}

/** The body as JSON (or a form, as Datadog's "encode as form" sends), whatever the Content-Type says. */
function decodeBody(
  raw: unknown,
  contentType: string | undefined,
): { ok: true; body: unknown; json?: string } | { ok: false; error: string } {
  if (!Buffer.isBuffer(raw) || raw.length === 0)
    return { ok: false, error: 'The body is empty: send the event as JSON' };
  const text = raw.toString('utf8');
  let body: unknown;
  let json: string | undefined;
  if (/application\/x-www-form-urlencoded/i.test(contentType ?? '')) {
    body = Object.fromEntries(new URLSearchParams(text));
  } else {
    json = text;
    try {
      body = JSON.parse(text) as unknown;
    } catch (error) {
      return { ok: false, error: `JSON parse error: ${(error as Error).message}` };
    }
  }
  // The server's guard sees these bodies only as bytes: NUL and lone surrogates are refused here.
  const bad = findBadText(body, 'body');
  return bad ? { ok: false, error: `${bad.path}: ${bad.message}` } : { ok: true, body, json };
}

function badBodyOf(style: ReplyStyle, status: number, message: string): IngestAnswer {
  if (style === 'tocsin')
    return { status, body: errorBody(status === 413 ? 'payload_too_large' : 'bad_request', message) };
  if (status === 400 && message.startsWith('JSON parse error')) {
    return {
      status: 400,
      body: { status: 'Unrecognized object', message: 'Event object format is unrecognized', errors: [message] },
    };
  }
  return { status, body: { ...PD_INVALID, errors: [message] } };
}

const tooLarge = (limit: number) => `The request body is larger than the limit of ${limit} bytes`;

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
  /** The whole path for an HTTP source, from the body's bytes to the answer, for the route and the lane alike. */
  const receive = async (
    route: LaneRoute,
    routingKey: string | undefined,
    raw: unknown,
    contentType: string | undefined,
  ): Promise<IngestAnswer> => {
    const decoded = decodeBody(raw, contentType);
    if (!decoded.ok) return badBodyOf(route.style, 400, decoded.error);
    return answerOf(
      route.style,
      await edge.receive(route.source, { routingKey, body: decoded.body, bodyJson: decoded.json }),
      where,
    );
  };
  const laneRoutes: LaneRoute[] = [];
  app.fastLanes.push(ingestLane(laneRoutes, receive, app.log));

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
        return send(reply, badBodyOf(style, STATUS_FOR_CODE[error.code], error.message));
      }
      const status = error.statusCode ?? 500;
      if (status === 413)
        return send(
          reply,
          badBodyOf(style, 413, tooLarge(request.routeOptions.bodyLimit ?? deps.config.bodyLimitBytes)),
        );
      if (status >= 400 && status < 500) return send(reply, badBodyOf(style, status, error.message));
      // Anything else is ours, not the sender's: ask for a retry rather than lose the event.
      return send(reply, answerOf(style, { kind: 'unavailable', error }, where));
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
      const lane: LaneRoute = {
        path: INGEST_PATHS[name],
        source,
        style,
        bodyLimit: bodyLimit ?? deps.config.bodyLimitBytes,
        keyInPath,
      };
      laneRoutes.push(lane);
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
          const routingKey = keyInPath ? (request.params as { routingKey: string }).routingKey : undefined;
          return send(reply, await receive(lane, routingKey, request.body, request.headers['content-type']));
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
        return send(reply, answerOf('tocsin', outcome, where));
      },
    });
  });
}

/** An ingest route as its lane sees it. */
interface LaneRoute {
  /** Its INGEST_PATHS pattern: the route's label in the latency metric, as Fastify's. */
  path: string;
  source: IngestSource;
  style: ReplyStyle;
  bodyLimit: number;
  keyInPath: boolean;
}

type Receive = (
  route: LaneRoute,
  routingKey: string | undefined,
  raw: unknown,
  contentType: string | undefined,
) => Promise<IngestAnswer>;

/**
 * Routing keys as Tocsin makes them; a key with anything else in it
 * (percent-encoding...) goes on to Fastify, and so does one longer than
 * Fastify's longest path parameter (maxParamLength, 100), which it answers
 * with 414.
 */
const PLAIN_KEY_RE = /^[A-Za-z0-9_-]{1,100}$/;

const TOO_LARGE = Symbol('too large');

/**
 * The ingest endpoints' lane (http/front-door.ts): a POST to one of their
 * paths with no query string, no cookie, no Content-Encoding or Expect, a
 * plain routing key and no bad text in its headers is read and answered
 * here, before Fastify, exactly as its route would answer it (the same
 * decoding, edge and answers); anything else goes on to the route. So the
 * answers to the odd requests (an encoded key, a NUL in a cookie) stay
 * Fastify's, and the lane only has the plain case to get right.
 */
function ingestLane(routes: LaneRoute[], receive: Receive, log: FastifyBaseLogger): FastLane {
  let exact: Map<string, LaneRoute> | undefined;
  let byPrefix: Map<string, LaneRoute> | undefined;
  const toLane = (answer: IngestAnswer): LaneAnswer => {
    if (answer.error !== undefined) log.error({ err: answer.error }, 'ingest: could not store events');
    return {
      status: answer.status,
      body: JSON.stringify(answer.body),
      ...(answer.headers && { headers: answer.headers }),
    };
  };
  return (req, path) => {
    if (!exact || !byPrefix) {
      // The routes are all registered by the first request.
      exact = new Map(routes.filter((r) => !r.keyInPath).map((r) => [r.path, r]));
      byPrefix = new Map(routes.filter((r) => r.keyInPath).map((r) => [r.path.replace(':routingKey', ''), r]));
    }
    if (req.url !== path) return undefined;
    let route = exact.get(path);
    let routingKey: string | undefined;
    if (!route) {
      const slash = path.lastIndexOf('/');
      route = byPrefix.get(path.slice(0, slash + 1));
      routingKey = path.slice(slash + 1);
      if (!route || !PLAIN_KEY_RE.test(routingKey)) return undefined;
    }
    const { headers } = req;
    if (
      headers.cookie !== undefined ||
      headers['content-encoding'] !== undefined ||
      headers.expect !== undefined ||
      findBadText(headers, 'headers')
    )
      return undefined;
    const taken = route;
    return {
      route: taken.path,
      async answer(request) {
        const body = await readBody(request, taken.bodyLimit);
        if (body === undefined) return undefined;
        if (body === TOO_LARGE)
          return { ...toLane(badBodyOf(taken.style, 413, tooLarge(taken.bodyLimit))), closeConnection: true };
        const contentType = headers['content-type']?.trim() || undefined;
        return toLane(await receive(taken, routingKey, body, contentType));
      },
    };
  };
}

/** The request's body, or TOO_LARGE past `limit` bytes (the rest is not read), or undefined if the client went away. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | typeof TOO_LARGE | undefined> {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) return Promise.resolve(TOO_LARGE);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData);
      req.pause();
      resolve(TOO_LARGE);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks, size)));
    req.on('error', () => resolve(undefined));
    req.on('aborted', () => resolve(undefined));
  });
}

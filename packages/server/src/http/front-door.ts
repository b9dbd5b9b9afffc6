/**
 * The front door: answers that need neither the database nor a session
 * (status pages, from memory) are written by Node's HTTP server before a
 * request reaches Fastify. A request served here skips Fastify's routing,
 * its hooks (request id, bad text, cookies, sessions, logging) and its
 * per-request objects; what those would have added is added here: the
 * security headers (SECURITY_HEADERS, shared with the server's onSend), the
 * request id and the latency metric. Headers are built once per answer
 * object: a status page's answers are built once per render.
 *
 * The doors only read the method, host, URL and conditional headers, and
 * only answer exact paths they know, so what the bad-text guard refuses
 * cannot change an answer. Behind a trusted proxy, X-Forwarded-Host names
 * the host; Fastify works that out, so such a request goes through, and the
 * same doors answer it from an onRequest hook (frontDoorHook).
 *
 * Lanes (FastLane) take requests they answer themselves, asynchronously,
 * before Fastify: the ingest endpoints (routes/ingest.routes.ts), which
 * then skip Fastify's hooks, routing and reply (ADR 35). A lane decides from the method, URL and headers alone,
 * takes only the plain case (anything unusual goes on to Fastify, which
 * answers it as always), and gives back JSON text; the security headers,
 * the request id, the latency metric under the route's own label and the
 * debug request line are added here.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyReply, onRequestHookHandler } from 'fastify';
import type { Logger } from '../lib/logger.js';
import { internalErrorBody } from './errors.js';
import type { Metrics } from './metrics.js';

/** A request as a front door sees it: no session, no body, no parsed query. */
export interface FrontDoorRequest {
  method: string;
  /** The host name, without port, as the client (or a trusted proxy) named it. */
  hostname: string;
  /** The path and query as sent. */
  url: string;
  headers: IncomingHttpHeaders;
}

export interface FrontDoorAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

/** Answers a request from memory, or undefined when it is not this door's to answer. Never async. */
export type FrontDoor = (request: FrontDoorRequest) => FrontDoorAnswer | undefined;

/** Sent with every response, whoever answers it (the server's onSend adds them to Fastify's). */
export const SECURITY_HEADERS = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin' } as const;
/** Framing is refused unless an answer says otherwise. */
export const DEFAULT_FRAME_OPTIONS = 'DENY';

export const REQUEST_ID_RE = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request id: the caller's X-Request-Id when sane, else a new one. */
export function requestIdOf(headers: IncomingHttpHeaders): string {
  const incoming = headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID_RE.test(incoming) ? incoming : randomUUID();
}

/** The route label front-door answers carry in tocsin_http_request_duration_seconds. */
export const FRONT_DOOR_ROUTE = 'front door';

/** Marks a request the doors were asked about before Fastify, so the hook does not ask again. */
const ASKED = Symbol('tocsin.frontDoorAsked');

function hostnameOf(host: string): string {
  if (host[0] === '[') return host.slice(0, host.indexOf(']') + 1);
  const colon = host.indexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

function ask(doors: FrontDoor[], request: FrontDoorRequest): FrontDoorAnswer | undefined {
  for (const door of doors) {
    const answer = door(request);
    if (answer) return answer;
  }
  return undefined;
}

const LANE_SECURITY_HEADERS: string[] = [
  ...Object.entries(SECURITY_HEADERS).flat(),
  'x-frame-options',
  DEFAULT_FRAME_OPTIONS,
];

/** Each answer's header list, built on its first use: Node writes a list as it is. */
const rawHeadersOf = new WeakMap<FrontDoorAnswer, string[]>();

function rawHeaders(answer: FrontDoorAnswer): string[] {
  let raw = rawHeadersOf.get(answer);
  if (raw) return raw;
  raw = [];
  for (const [name, value] of Object.entries(answer.headers)) raw.push(name, value);
  if (answer.status !== 304) raw.push('content-length', String(Buffer.byteLength(answer.body)));
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) raw.push(name, value);
  if (answer.headers['x-frame-options'] === undefined) raw.push('x-frame-options', DEFAULT_FRAME_OPTIONS);
  rawHeadersOf.set(answer, raw);
  return raw;
}

/** What a lane answers: JSON text with its status (and headers of its own). */
export interface LaneAnswer {
  status: number;
  /** JSON text. */
  body: string;
  headers?: Record<string, string>;
  /** Close the connection after the answer (a body left unread). */
  closeConnection?: boolean;
}

/** A request a lane took: its route label, and the work that reads it and answers (undefined: the client went away). */
export interface LaneTaken {
  route: string;
  answer(req: IncomingMessage): Promise<LaneAnswer | undefined>;
}

/**
 * Takes a request to answer before Fastify, or leaves it (undefined). It sees
 * the request before its body is read; `path` is the URL without its query.
 */
export type FastLane = (req: IncomingMessage, path: string) => LaneTaken | undefined;

/**
 * The handler Node's server calls first: true when a door answered or a
 * lane took the request (the response is written, or will be), false to
 * hand the request to Fastify. `lanes` may be added to after the server is
 * made (routes register theirs).
 */
export function answerBeforeFastify(
  doors: FrontDoor[],
  lanes: readonly FastLane[],
  options: { trustsProxies: boolean; metrics: Metrics; logger?: Logger },
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const observers = new Map<string, { observe(seconds: number): void }>();
  const observe = (method: string, route: string, status: number, seconds: number) => {
    const key = `${method} ${route} ${status}`;
    let observer = observers.get(key);
    if (!observer) {
      observer = options.metrics.httpDuration.labels(method, route, String(status));
      observers.set(key, observer);
    }
    observer.observe(seconds);
  };
  const serveLane = (taken: LaneTaken, req: IncomingMessage, res: ServerResponse, path: string, started: number) => {
    const requestId = requestIdOf(req.headers);
    taken
      .answer(req)
      .catch((error: unknown): LaneAnswer => {
        options.logger?.error({ err: error, reqId: requestId }, 'request failed before Fastify');
        return {
          status: 500,
          body: JSON.stringify(internalErrorBody(requestId)),
        };
      })
      .then((answer) => {
        if (!answer) return res.destroy();
        const raw: string[] = ['content-type', 'application/json; charset=utf-8'];
        for (const [name, value] of Object.entries(answer.headers ?? {})) raw.push(name, value);
        raw.push('content-length', String(Buffer.byteLength(answer.body)), 'x-request-id', requestId);
        raw.push(...LANE_SECURITY_HEADERS);
        if (answer.closeConnection) raw.push('connection', 'close');
        res.writeHead(answer.status, raw);
        res.end(answer.body);
        const ms = performance.now() - started;
        observe('POST', taken.route, answer.status, ms / 1000);
        if (options.logger?.isLevelEnabled('debug'))
          options.logger.debug(
            { reqId: requestId, method: 'POST', url: path, statusCode: answer.status, ms },
            'request',
          );
      })
      .catch(() => res.destroy());
  };
  return (req, res) => {
    if (lanes.length > 0 && req.method === 'POST') {
      const url = req.url ?? '/';
      const query = url.indexOf('?');
      const path = query === -1 ? url : url.slice(0, query);
      for (const lane of lanes) {
        const taken = lane(req, path);
        if (!taken) continue;
        serveLane(taken, req, res, path, performance.now());
        return true;
      }
    }
    if (doors.length === 0) return false;
    const started = performance.now();
    const { headers } = req;
    if (options.trustsProxies && headers['x-forwarded-host'] !== undefined) return false;
    (req as { [ASKED]?: boolean })[ASKED] = true;
    const method = req.method ?? 'GET';
    const answer = ask(doors, { method, hostname: hostnameOf(headers.host ?? ''), url: req.url ?? '/', headers });
    if (!answer) return false;
    const raw = rawHeaders(answer).slice();
    raw.push('x-request-id', requestIdOf(headers));
    res.writeHead(answer.status, raw);
    res.end(answer.status === 304 ? undefined : answer.body);
    observe(method, FRONT_DOOR_ROUTE, answer.status, (performance.now() - started) / 1000);
    return true;
  };
}

/** The same doors as an onRequest hook, for requests that went on to Fastify unasked (X-Forwarded-Host). */
export function frontDoorHook(doors: FrontDoor[]): onRequestHookHandler {
  return function frontDoor(request, reply, done) {
    if ((request.raw as { [ASKED]?: boolean })[ASKED]) return done();
    const answer = ask(doors, {
      method: request.method,
      hostname: request.hostname,
      url: request.url,
      headers: request.headers,
    });
    if (!answer) return done();
    sendAnswer(reply, answer);
  };
}

/** Sends a front-door answer through Fastify (the hook, and routes that answer the same way). */
export function sendAnswer(reply: FastifyReply, answer: FrontDoorAnswer): FastifyReply {
  reply.headers(answer.headers);
  return reply.status(answer.status).send(answer.body);
}

/**
 * The one error mapper: every failure leaves the server as
 * {"error":{"code","message","details"}} with a 4xx/5xx status; stack traces
 * never do. Domain codes map to statuses here and nowhere else.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { isAppError, type ErrorCode } from '../lib/errors.js';

export const STATUS_FOR_CODE: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export const errorBody = (code: string, message: string, details?: unknown): ErrorBody => ({
  error: details === undefined ? { code, message } : { code, message, details },
});

/** The answer to a failure of ours: no detail, the request id to find it in the server log. */
export const internalErrorBody = (requestId: string) =>
  errorBody('internal', `Internal error (request ${requestId}); the details are in the server log.`);

const CODE_FOR_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

/** Human wording for Fastify's own client errors. */
function fastifyMessage(error: FastifyError, bodyLimit: number): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return `The request body is larger than the limit of ${bodyLimit} bytes: send less data.`;
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Unsupported Content-Type: send JSON with "Content-Type: application/json".';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The body is empty but Content-Type says JSON: send a JSON object or drop the header.';
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return `The body is not valid JSON: ${error.message}`;
    default:
      if (error instanceof SyntaxError) return `The body is not valid JSON: ${error.message}`;
      return error.message;
  }
}

function describeIssues(issues: Array<{ path: string; message: string }>): string {
  const shown = issues.slice(0, 5).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  return `Invalid request: ${shown.join('; ')}${issues.length > 5 ? ` (and ${issues.length - 5} more)` : ''}`;
}

/**
 * PostgreSQL errors that reach the edge despite validation: a value of the
 * wrong shape is the caller's fault (400), a unique race or a deadlock with
 * another request is a conflict (409: the transaction rolled back, try again),
 * and a database that is down, full or too slow (a statement timed out) is
 * temporary (503: retry, after Retry-After seconds). The database's own text
 * never leaves: it names tables, columns and values, and means nothing to a
 * caller. It goes to the log instead.
 */
function databaseError(error: unknown): { status: number; code: string; message: string } | undefined {
  const pgCode = (error as { code?: unknown }).code;
  if (typeof pgCode !== 'string') return undefined;
  if (/^22/.test(pgCode)) {
    return {
      status: 400,
      code: 'bad_request',
      message: 'A value is out of range or has the wrong format for its field: check the values you sent.',
    };
  }
  if (pgCode === '23505')
    return {
      status: 409,
      code: 'conflict',
      message: 'That already exists (it was created at the same moment by another request).',
    };
  // A deadlock victim or a serialization failure: PostgreSQL rolled the whole transaction back, so nothing of
  // it was saved and the same request may simply be sent again (another change collided with it).
  if (pgCode === '40P01' || pgCode === '40001')
    return {
      status: 409,
      code: 'conflict',
      message: 'This change collided with another made at the same moment, and nothing of it was saved: try again.',
    };
  if (
    /^(08|53|57P)/.test(pgCode) ||
    pgCode === '57014' ||
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT'].includes(pgCode)
  ) {
    return { status: 503, code: 'unavailable', message: 'Tocsin cannot reach its database right now: retry shortly.' };
  }
  return undefined;
}

/** A rate limit's wait, when its error says it (details.retryAfterSeconds): sent as Retry-After with the 429. */
function retryAfterSeconds(details: unknown): number | undefined {
  if (typeof details !== 'object' || details === null || !('retryAfterSeconds' in details)) return undefined;
  const seconds = (details as { retryAfterSeconds: unknown }).retryAfterSeconds;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : undefined;
}

/** Seconds a client is asked to wait before retrying after a 503. */
export const RETRY_AFTER_UNAVAILABLE_SECONDS = 5;

export function handleError(bodyLimit: number) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => ({
        path: [
          error.validationContext,
          ...String(v.instancePath ?? '')
            .split('/')
            .filter(Boolean),
        ]
          .filter(Boolean)
          .join('.'),
        message: v.message ?? 'is invalid',
      }));
      return reply.status(400).send(errorBody('validation_failed', describeIssues(issues), { issues }));
    }
    if (error instanceof ZodError) {
      const issues = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      return reply.status(400).send(errorBody('validation_failed', describeIssues(issues), { issues }));
    }
    if (isAppError(error)) {
      const status = STATUS_FOR_CODE[error.code];
      if (status >= 500) request.log.error({ err: error }, 'request failed');
      if (status === 503) reply.header('retry-after', String(RETRY_AFTER_UNAVAILABLE_SECONDS));
      const wait = retryAfterSeconds(error.details);
      if (status === 429 && wait !== undefined) reply.header('retry-after', String(wait));
      return reply.status(status).send(errorBody(error.code, error.message, error.details));
    }
    const database = databaseError(error);
    if (database) {
      if (database.status >= 500) {
        request.log.error({ err: error }, 'database unavailable');
        reply.header('retry-after', String(RETRY_AFTER_UNAVAILABLE_SECONDS));
      } else request.log.info({ err: error }, 'database refused a value from the request');
      return reply.status(database.status).send(errorBody(database.code, database.message));
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its schema');
      return reply.status(500).send(internalErrorBody(request.id));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply
        .status(status)
        .send(errorBody(CODE_FOR_STATUS[status] ?? 'bad_request', fastifyMessage(error, bodyLimit)));
    }
    if (status === 503) {
      reply.header('retry-after', String(RETRY_AFTER_UNAVAILABLE_SECONDS));
      return reply
        .status(503)
        .send(errorBody('unavailable', 'Tocsin cannot reach its database right now: retry shortly.'));
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send(internalErrorBody(request.id));
  };
}

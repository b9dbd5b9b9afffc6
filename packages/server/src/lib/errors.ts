/**
 * AppError: the one error type domain code throws. It carries a stable `code`
 * that callers can rely on; only the HTTP layer turns codes into statuses.
 */

export type ErrorCode =
  | 'bad_request'
  | 'validation_failed'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, options: { details?: unknown; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options.details;
  }
}

export const notFound = (what: string, id: string): AppError =>
  new AppError('not_found', `${what} ${id} was not found`, { details: { id } });

export const conflict = (message: string, details?: unknown): AppError =>
  new AppError('conflict', message, { details });

export const forbidden = (message: string): AppError => new AppError('forbidden', message);

export const badRequest = (message: string, details?: unknown): AppError =>
  new AppError('bad_request', message, { details });

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;

/**
 * The logger: pino, JSON lines on stdout. Everything logs through a child of
 * this so request ids and component names travel with each line.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(options: { level?: string; name?: string } = {}): Logger {
  return pino({
    name: options.name ?? 'tocsin',
    level: options.level ?? 'info',
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'password', '*.password', 'token', '*.token'],
      censor: '[redacted]',
    },
  });
}

/** A logger that drops everything: for tests and one-shot CLI verbs. */
export const silentLogger: Logger = pino({ level: 'silent' });

/**
 * The inbound-email edge: an SMTP listener that accepts mail for
 * `<routing key>@<domain>` (email integration keys only; anyone else is
 * refused at RCPT TO with 550), parses it, and stores one event per
 * recipient key. 250 only after the events are committed; a database that
 * refuses gets 451, so the sending server queues the mail and retries.
 */
import type { AddressObject } from 'mailparser';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Logger } from '../../lib/logger.js';
import type { RoutedKey } from './ingest.types.js';
import { emailSettingsOf, emailToEvent, type InboundMail } from './email.adapter.js';
import type { IngestEdge } from './ingest.service.js';

export interface InboundEmailOptions {
  host: string;
  /** 0 picks a free port (tests); the actual one is logged and returned. */
  port: number;
  /** Mail for <routing key>@<domain> is accepted. */
  domain: string;
  edge: IngestEdge;
  logger: Logger;
  /** Largest message accepted, in bytes (default 1 MiB). */
  maxMessageBytes?: number;
}

export interface InboundEmailListener {
  port: number;
  stop(): Promise<void>;
}

type SmtpError = Error & { responseCode?: number };
const smtpError = (responseCode: number, message: string): SmtpError =>
  Object.assign(new Error(message), { responseCode });

const addresses = (value: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(value) ? value : value ? [value] : [])
    .flatMap((a) => a.value.map((v) => v.address ?? ''))
    .filter(Boolean);

export function mailFromParsed(parsed: Awaited<ReturnType<typeof simpleParser>>): InboundMail {
  const references =
    parsed.references === undefined ? [] : Array.isArray(parsed.references) ? parsed.references : [parsed.references];
  return {
    subject: parsed.subject,
    text: parsed.text,
    from: addresses(parsed.from)[0],
    to: addresses(parsed.to),
    messageId: parsed.messageId,
    inReplyTo: parsed.inReplyTo,
    references,
    date: parsed.date,
  };
}

export async function startInboundEmail(options: InboundEmailOptions): Promise<InboundEmailListener> {
  const { edge, logger } = options;
  const domain = options.domain.toLowerCase();
  const maxBytes = options.maxMessageBytes ?? 1024 * 1024;
  // session id → the keys its accepted recipients route to
  const recipients = new Map<string, Map<string, { routingKey: string; routed: RoutedKey }>>();

  async function onRcptTo(address: SMTPServerAddress, session: SMTPServerSession): Promise<void> {
    const [local = '', host = ''] = address.address.split(/@(?=[^@]*$)/);
    if (host.toLowerCase() !== domain)
      throw smtpError(550, `5.1.1 <${address.address}>: this server only takes mail for @${domain}`);
    // <key>+anything@domain works too, and a sender that upper-cased the key is forgiven.
    let routingKey = local.split('+')[0]!;
    let result = await edge.route(routingKey, 'email');
    if (result.kind === 'unknown_key' && routingKey !== routingKey.toLowerCase()) {
      routingKey = routingKey.toLowerCase();
      result = await edge.route(routingKey, 'email');
    }
    if (result.kind === 'unavailable') {
      logger.error({ err: result.error }, 'inbound email: routing lookup failed');
      throw smtpError(451, '4.3.0 Temporary failure looking up the recipient, try again later');
    }
    if (result.kind === 'unknown_key') throw smtpError(550, `5.1.1 <${address.address}>: no such integration key`);
    if (result.kind === 'wrong_type')
      throw smtpError(
        550,
        `5.1.1 <${address.address}>: this integration key is not an email integration (it is ${result.keyType})`,
      );
    const keys = recipients.get(session.id) ?? new Map();
    keys.set(result.routed.key.id, { routingKey, routed: result.routed });
    recipients.set(session.id, keys);
  }

  async function onData(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<string> {
    const parsed = await simpleParser(stream);
    if (stream.sizeExceeded) throw smtpError(552, `5.3.4 Message too big: the limit is ${maxBytes} bytes`);
    const mail = mailFromParsed(parsed);
    const keys = [...(recipients.get(session.id)?.values() ?? [])];
    recipients.delete(session.id);
    for (const { routingKey, routed } of keys) {
      const outcome = await edge.store(routingKey, routed, [emailToEvent(mail, emailSettingsOf(routed.key.settings))]);
      if (outcome.kind === 'throttled')
        throw smtpError(
          451,
          `4.7.1 Too many alerts for this integration key; try again in ${outcome.retryAfterSeconds} s`,
        );
      if (outcome.kind === 'unknown_key')
        throw smtpError(550, `5.1.1 <${routingKey}@${domain}>: no such integration key`);
      if (outcome.kind === 'invalid') throw smtpError(554, `5.6.0 ${outcome.errors.join('; ')}`);
      if (outcome.kind === 'unavailable') {
        logger.error({ err: outcome.error }, 'inbound email: could not store the alert');
        throw smtpError(451, '4.3.0 Temporary failure storing the alert, try again later');
      }
    }
    return `Accepted as ${keys.length} alert event${keys.length === 1 ? '' : 's'}`;
  }

  const server = new SMTPServer({
    banner: 'Tocsin inbound alerts',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: maxBytes,
    logger: false,
    onMailFrom(_address, session, callback) {
      recipients.delete(session.id); // a new transaction starts with no recipients
      callback();
    },
    onRcptTo(address, session, callback) {
      onRcptTo(address, session).then(
        () => callback(),
        (error: Error) => callback(error),
      );
    },
    onData(stream, session, callback) {
      onData(stream, session).then(
        (message) => callback(null, message),
        (error: SmtpError) => {
          stream.resume(); // drain whatever is left so the connection stays usable
          callback(error.responseCode ? error : smtpError(451, `4.3.0 ${error.message}`));
        },
      );
    },
    onClose(session) {
      recipients.delete(session.id);
    },
  });
  server.on('error', (err) => logger.warn({ err }, 'inbound email: connection error'));

  const port = await new Promise<number>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.server.off('error', reject);
      const bound = server.server.address();
      resolve(typeof bound === 'object' && bound ? bound.port : options.port);
    });
  });
  logger.info(
    { host: options.host, port, domain },
    `inbound email listening on ${options.host}:${port} for <routing key>@${domain}`,
  );
  return {
    port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

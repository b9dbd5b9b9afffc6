/**
 * The emailed reports' SMTP client (nodemailer, created here so domain code
 * never imports it): the same server and sender as notifications, a
 * Message-ID derived from the job's key, and the attachments.
 */
import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { ReportMailer } from '../../modules/analytics/index.js';

export function reportMailer(settings: { smtpUrl: string; from: string }, timeoutMs: number): ReportMailer {
  const transport = nodemailer.createTransport({
    url: settings.smtpUrl,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  const domain = /@([^>\s]+)>?\s*$/.exec(settings.from)?.[1] ?? 'tocsin.invalid';
  return {
    async send(mail) {
      await transport.sendMail({
        from: settings.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: `<${createHash('sha256').update(mail.idempotencyKey).digest('hex').slice(0, 32)}@${domain}>`,
        headers: { 'X-Tocsin-Idempotency-Key': mail.idempotencyKey },
        attachments: mail.attachments,
      });
    },
  };
}

/**
 * Email over SMTP. The SMTP client itself is injected (the composition root
 * backs it with nodemailer), so this file only shapes the message: subject,
 * a plain-text body, a small HTML body with the action links as buttons, and
 * a Message-ID derived from the idempotency key, so a retried send is the
 * same message to every mail client that de-duplicates.
 */
import { createHash } from 'node:crypto';
import type { MailTransport, NotificationProvider, OutboundMessage } from '../notify.types.js';
import { ProviderError, withDeadline } from './provider-error.js';

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function emailHtml(message: OutboundMessage): string {
  const paragraphs = message.text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
  const buttons = message.actions
    .filter((a) => a.url)
    .map(
      (a) =>
        `<a href="${escapeHtml(a.url!)}" style="display:inline-block;padding:8px 16px;margin-right:8px;background:#1f2937;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(a.label)}</a>`,
    )
    .join('');
  const links = message.links.map((l) => `<a href="${escapeHtml(l.url)}">${escapeHtml(l.label)}</a>`).join(' · ');
  return `<!doctype html><html><body style="font-family:sans-serif">${paragraphs}${buttons ? `<p>${buttons}</p>` : ''}${links ? `<p>${links}</p>` : ''}</body></html>`;
}

export function messageIdFor(idempotencyKey: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'tocsin.invalid';
  return `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}@${domain}>`;
}

export function createEmailProvider(
  settings: { from: string },
  transport: MailTransport,
  timeoutMs: number,
): NotificationProvider {
  return {
    type: 'email',
    async send(message, idempotencyKey) {
      const messageId = messageIdFor(idempotencyKey, settings.from);
      try {
        const info = await withDeadline(
          'email',
          'The SMTP server',
          transport.sendMail({
            from: settings.from,
            to: message.to,
            subject: message.subject,
            text: message.text,
            html: emailHtml(message),
            messageId,
            headers: { 'X-Tocsin-Idempotency-Key': idempotencyKey, 'X-Tocsin-Notification-Id': message.notificationId },
          }),
          timeoutMs,
        );
        return { providerMessageId: info.messageId || messageId };
      } catch (error) {
        if (error instanceof ProviderError) throw error;
        const err = error as Error & { responseCode?: number; response?: string };
        throw new ProviderError('email', `The SMTP server refused the message: ${err.response ?? err.message}`, {
          ...(err.responseCode !== undefined && { status: err.responseCode }),
        });
      }
    },
  };
}

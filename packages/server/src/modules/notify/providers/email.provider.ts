/**
 * Email over SMTP. The SMTP client itself is injected (the composition root
 * backs it with nodemailer), so this file only shapes the message: subject,
 * a plain-text body, a small HTML body with the action links as buttons first
 * (links named, never printed raw), and
 * a Message-ID derived from the idempotency key, so a retried send is the
 * same message to every mail client that de-duplicates.
 */
import { escapeHtml } from '../../../lib/html.js';
import { createHash } from 'node:crypto';
import type { MailTransport, NotificationProvider, OutboundMessage } from '../notify.types.js';
import { ProviderError, withDeadline } from './provider-error.js';

const BUTTON_STYLE =
  'display:inline-block;padding:10px 18px;margin:0 8px 8px 0;background:#1f2937;color:#fff;text-decoration:none;border-radius:4px;font-weight:bold';
const LABELLED_URL = /^(\s*)([^:\n]{1,80}): (https?:\/\/\S+)$/;
const BARE_URL = /https?:\/\/[^\s<>"]+/g;

/** A URL shown as a short anchor: its host and a hint of its path, never the whole signed address. */
function shortAnchor(url: string): string {
  let shown = url;
  try {
    const parsed = new URL(url);
    shown = parsed.host + (parsed.pathname.length > 1 ? '/…' : '');
  } catch {
    shown = url.slice(0, 40);
  }
  return `<a href="${escapeHtml(url)}">${escapeHtml(shown)}</a>`;
}

/** One line of the text body as HTML: "Label: URL" becomes a link named Label; a link a button already offers is left out. */
function lineHtml(line: string, onButtons: ReadonlySet<string>): string | undefined {
  const labelled = LABELLED_URL.exec(line);
  if (labelled) {
    const [, indent, label, url] = labelled;
    if (onButtons.has(url!)) return undefined;
    return `${'&nbsp;'.repeat(indent!.length)}<a href="${escapeHtml(url!)}">${escapeHtml(label!)}</a>`;
  }
  let html = '';
  let last = 0;
  for (const match of line.matchAll(BARE_URL)) {
    html += escapeHtml(line.slice(last, match.index)) + shortAnchor(match[0]);
    last = match.index + match[0].length;
  }
  const indent = /^\s*/.exec(line)![0].length;
  return '&nbsp;'.repeat(indent) + (html + escapeHtml(line.slice(last))).trimStart();
}

/**
 * The HTML body: the first paragraph (what happened), then the act buttons
 * (Acknowledge, Resolve, Open), then the rest of the text with every link
 * named rather than printed, so no long signed URL sits above the buttons.
 */
export function emailHtml(message: OutboundMessage): string {
  const buttons = [
    ...message.actions.filter((a) => a.url).map((a) => ({ label: a.label, url: a.url! })),
    ...message.links.map((l) => ({ label: l.label, url: l.url })),
  ];
  const onButtons = new Set(buttons.map((b) => b.url));
  const paragraphs = message.text
    .split(/\n{2,}/)
    .map((p) =>
      p
        .split('\n')
        .map((line) => lineHtml(line, onButtons))
        .filter((line): line is string => line !== undefined && line !== ''),
    )
    .filter((lines) => lines.length > 0)
    .map((lines) => `<p>${lines.join('<br>')}</p>`);
  const buttonsHtml = buttons
    .map((b) => `<a href="${escapeHtml(b.url)}" style="${BUTTON_STYLE}">${escapeHtml(b.label)}</a>`)
    .join('');
  const [first = '', ...rest] = paragraphs;
  return `<!doctype html><html><body style="font-family:sans-serif;line-height:1.4">${first}${buttonsHtml ? `<p>${buttonsHtml}</p>` : ''}${rest.join('')}</body></html>`;
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

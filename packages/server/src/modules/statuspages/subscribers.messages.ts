/**
 * What subscribers are sent about one page update, as pure functions: the
 * mail (text and HTML, with its unsubscribe link), the webhook body, and the
 * chat announcement. State words come from stateLabel, so updates in states
 * this file does not know (maintenance's) read right too.
 */
import { DateTime } from 'luxon';
import type { OutboundMessage } from '../notify/index.js';
import { markdownToSafeHtml } from './markdown.js';
import { escapeHtml } from './render-html.js';
import { baseUrlOf } from './render.snapshot.js';
import type { UpdateForMessage } from './subscribers.repo.js';
import { stateLabel } from './subscribers.types.js';

export interface UpdateMail {
  subject: string;
  text: string;
  html: string;
}

const pageUrlOf = (u: UpdateForMessage, publicUrl: string) =>
  baseUrlOf({ slug: u.slug, hostName: u.host_name }, publicUrl);

const whenText = (u: UpdateForMessage) =>
  DateTime.fromJSDate(u.created_at, { zone: u.time_zone }).setLocale('en-GB').toFormat('d LLL yyyy, HH:mm ZZZZ');

const subjectOf = (u: UpdateForMessage) => `[${u.page_name}] ${stateLabel(u.state)}: ${u.title}`;

export function updateMail(u: UpdateForMessage, publicUrl: string, unsubscribe: string): UpdateMail {
  const pageUrl = pageUrlOf(u, publicUrl);
  const affects = u.components.map((c) => c.name).join(', ');
  const text = [
    u.title,
    `${stateLabel(u.state)} · ${whenText(u)}`,
    ...(affects ? [`Affects: ${affects}`] : []),
    '',
    u.body,
    '',
    `Status page: ${pageUrl}`,
    '',
    `You receive this because you subscribed to ${u.page_name}'s status page.`,
    `Unsubscribe: ${unsubscribe}`,
  ].join('\n');
  const html =
    `<!doctype html><html><body style="font-family:sans-serif;line-height:1.4">` +
    `<h1 style="font-size:1.2em">${escapeHtml(u.title)}</h1>` +
    `<p><strong>${escapeHtml(stateLabel(u.state))}</strong> · ${escapeHtml(whenText(u))}</p>` +
    (affects ? `<p>Affects: ${escapeHtml(affects)}</p>` : '') +
    markdownToSafeHtml(u.body) +
    `<p><a href="${escapeHtml(pageUrl)}">Open the status page</a></p>` +
    `<p style="color:#57606a;font-size:.9em">You receive this because you subscribed to ${escapeHtml(u.page_name)}'s status page. ` +
    `<a href="${escapeHtml(unsubscribe)}">Unsubscribe</a></p></body></html>`;
  return { subject: subjectOf(u), text, html };
}

export function confirmMail(pageName: string, confirm: string): UpdateMail {
  const text = [
    `Someone (we hope you) asked to receive ${pageName}'s status updates at this address.`,
    '',
    `Confirm: ${confirm}`,
    '',
    'If it was not you, ignore this mail: nothing will be sent to you unless you confirm.',
  ].join('\n');
  const html =
    `<!doctype html><html><body style="font-family:sans-serif;line-height:1.4">` +
    `<p>Someone (we hope you) asked to receive ${escapeHtml(pageName)}'s status updates at this address.</p>` +
    `<p><a href="${escapeHtml(confirm)}" style="display:inline-block;padding:10px 18px;background:#1f2937;color:#fff;text-decoration:none;border-radius:4px;font-weight:bold">Confirm the subscription</a></p>` +
    `<p>If it was not you, ignore this mail: nothing will be sent to you unless you confirm.</p></body></html>`;
  return { subject: `Confirm your subscription to ${pageName} status`, text, html };
}

/** The JSON a webhook subscriber receives (signed like the project's outgoing webhooks). */
export function updateWebhookBody(u: UpdateForMessage, publicUrl: string, deliveryId: string) {
  return {
    id: deliveryId,
    event: 'statuspage.update',
    page: { id: u.page_id, slug: u.slug, name: u.page_name, url: pageUrlOf(u, publicUrl) },
    incident: {
      id: u.page_incident_id,
      title: u.title,
      components: u.components,
    },
    update: {
      id: u.update_id,
      state: u.state,
      stateLabel: stateLabel(u.state),
      body: u.body,
      createdAt: u.created_at.toISOString(),
    },
  };
}

/** The announcement as notify's providers take a message (Teams' card, Slack's blocks). */
export function updateAnnouncement(
  u: UpdateForMessage,
  publicUrl: string,
  to: string,
  deliveryId: string,
): OutboundMessage {
  const affects = u.components.map((c) => c.name).join(', ');
  const text = `${stateLabel(u.state)}: ${u.title}${affects ? ` (affects ${affects})` : ''}\n${u.body}`;
  return {
    kind: 'channel_notice',
    notificationId: deliveryId,
    to,
    subject: subjectOf(u),
    text,
    shortText: text.slice(0, 160),
    links: [{ label: 'Open the status page', url: pageUrlOf(u, publicUrl) }],
    actions: [],
  };
}

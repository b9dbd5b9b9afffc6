/**
 * Slack Block Kit for Tocsin's messages: why it was sent (a role, a change),
 * the incident (with a declared one's severity, stage and owner) and its
 * Acknowledge and Resolve buttons while they apply, then the alert behind a
 * page (source, severity, key details, the monitor's links), a list for bundles, plain
 * text for tests and codes. Button values carry only the incident id: the click is
 * authenticated by Slack's signature and acted on as the clicking user.
 */
import type { AlertContext } from '../../alerts/index.js';
import type { OutboundMessage } from '../notify.types.js';

export const SLACK_ACTION_IDS = { acknowledge: 'tocsin_acknowledge', resolve: 'tocsin_resolve' } as const;

/** Slack mrkdwn needs only &, < and > escaped. */
export const escapeMrkdwn = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

type Block = Record<string, unknown>;

const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text } });

export function slackBlocks(message: OutboundMessage): Block[] {
  const { incident } = message;
  if (message.bundle && message.bundle.length > 0) {
    const lines = message.bundle.map(
      ({ incident: i }) => `• <${i.url}|#${i.number}> ${escapeMrkdwn(i.title)} (${escapeMrkdwn(i.serviceName)})`,
    );
    return [section(`*${escapeMrkdwn(message.subject)}*`), section(lines.join('\n').slice(0, 2900))];
  }
  if (!incident) return [section(escapeMrkdwn(message.text).slice(0, 2900))];
  const response = incident.response;
  const blocks: Block[] = [
    ...(message.headline
      ? [
          section(
            `*${escapeMrkdwn(message.headline)}*${message.nextStep ? `\n${escapeMrkdwn(message.nextStep)}` : ''}`.slice(
              0,
              2900,
            ),
          ),
        ]
      : []),
    section(
      `*<${incident.url}|#${incident.number} ${escapeMrkdwn(incident.title)}>*\n` +
        (response
          ? `Severity: *${response.severity}*${response.nearMiss ? ' (near miss)' : ''} · Stage: *${response.stage}* · ` +
            `Owner: ${escapeMrkdwn(response.owner ?? 'nobody yet')}\n`
          : '') +
        `Service: ${escapeMrkdwn(incident.serviceName)} · Urgency: ${incident.urgency} · Status: *${incident.status}*`,
    ),
  ];
  // The buttons are the message's actions: what still applies, and none on a hand-off asked or a reminder.
  const buttons = message.actions.map(({ action }) => ({
    type: 'button',
    action_id: SLACK_ACTION_IDS[action],
    style: action === 'acknowledge' ? 'primary' : 'danger',
    text: { type: 'plain_text', text: action === 'acknowledge' ? 'Acknowledge' : 'Resolve' },
    value: incident.id,
  }));
  if (buttons.length > 0) blocks.push({ type: 'actions', block_id: 'tocsin_incident_actions', elements: buttons });
  // Under the buttons, the alert that fired: source, severity, key details and the monitor's links, named.
  if (incident.alert) blocks.push(section(alertMrkdwn(incident.alert, incident.title)));
  return blocks;
}

function alertMrkdwn(alert: AlertContext, title: string): string {
  const lines = [
    ...(alert.summary !== title ? [`*Alert:* ${escapeMrkdwn(alert.summary)}`] : []),
    `*Source:* ${escapeMrkdwn(alert.source)} · *Severity:* ${alert.severity}` +
      (alert.component ? ` · *Component:* ${escapeMrkdwn(alert.component)}` : ''),
    ...alert.details.map(({ key, value }) => `• ${escapeMrkdwn(key)}: ${escapeMrkdwn(value)}`),
    ...(alert.links.length > 0
      ? [alert.links.map((link) => `<${link.url}|${escapeMrkdwn(link.label).replace(/\|/g, '¦')}>`).join(' · ')]
      : []),
  ];
  // A section's text holds 3,000 characters: the details go first when it must be cut, the links are kept.
  const text = lines.join('\n');
  if (text.length <= 2900) return text;
  const linkLine = alert.links.length > 0 ? `\n${lines[lines.length - 1]}` : '';
  return `${text.slice(0, 2890 - linkLine.length)}…${linkLine}`;
}

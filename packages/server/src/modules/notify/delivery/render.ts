/**
 * Rendering: what each kind of message says, once, for every provider to
 * shape (subject and full text for email, Slack and webhooks; a short text for
 * SMS and speech; links and action affordances). Pure.
 */
import type { AlertContext } from '../../alerts/index.js';
import type { ScheduleNoticeDetails } from './handoffs.js';
import type { IncidentSummary } from '../../incidents/index.js';
import type { MessageAction, MessageIncident, NotificationKind, OutboundMessage } from '../notify.types.js';
import { replyHint } from '../reply-code.js';
import { VERIFICATION_TTL_MINUTES } from '../verification-code.js';
import {
  changeHeadline,
  offersIncidentActions,
  reasonHeadline,
  reasonNextStep,
  roleAsk,
  type IncidentChange,
  type PageReason,
} from './reasons.js';

export interface ActionLinks {
  acknowledge?: string;
  resolve?: string;
}

export interface RenderInput {
  kind: NotificationKind;
  notificationId: string;
  to: string;
  publicUrl: string;
  incident?: IncidentSummary;
  links?: ActionLinks;
  replyCode?: string | null;
  verificationCode?: string;
  methodLabel?: string;
  bundle?: Array<{ incident: IncidentSummary; links: ActionLinks; reason?: PageReason }>;
  handoff?: ScheduleNoticeDetails;
  /** A page's reason beyond the escalation (a role, a hand-off asked, a reminder). */
  reason?: PageReason;
  /** A channel notice's change (declared, severity, stage). */
  change?: IncidentChange;
  /** The alert behind a page's incident: source, severity, key details, the monitor's links. */
  alert?: AlertContext;
}

const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

export const incidentUrl = (publicUrl: string, incidentId: string): string =>
  `${publicUrl}/app/incidents/${incidentId}`;

function toMessageIncident(publicUrl: string, incident: IncidentSummary, alert?: AlertContext): MessageIncident {
  return {
    ...(alert && { alert }),
    id: incident.id,
    number: incident.number,
    title: incident.title,
    status: incident.status,
    urgency: incident.urgency,
    serviceName: incident.serviceName,
    url: incidentUrl(publicUrl, incident.id),
    ...(incident.response && {
      response: {
        severity: incident.response.severity,
        stage: incident.response.stage,
        nearMiss: incident.response.nearMiss,
        owner: incident.response.ownerName,
      },
    }),
  };
}

function actionsFor(links: ActionLinks | undefined, status: string): MessageAction[] {
  const actions: MessageAction[] = [];
  if (status === 'triggered')
    actions.push({
      action: 'acknowledge',
      label: 'Acknowledge',
      ...(links?.acknowledge && { url: links.acknowledge }),
    });
  if (status !== 'resolved')
    actions.push({ action: 'resolve', label: 'Resolve', ...(links?.resolve && { url: links.resolve }) });
  return actions;
}

/** A declared incident's severity, stage and owner, as the facts line starts. */
function responseFacts(incident: IncidentSummary): string[] {
  const response = incident.response;
  if (!response) return [];
  return [
    `Severity: ${response.severity}${response.nearMiss ? ' (near miss)' : ''}`,
    `Stage: ${response.stage}`,
    `Owner: ${response.ownerName ?? 'nobody yet'}`,
  ];
}

/** The alert behind the incident, under the actions: what fired, where, how bad, its key details and the monitor's links. */
export function alertLines(alert: AlertContext, title: string): string[] {
  const lines = [''];
  if (alert.summary !== title) lines.push(`Alert: ${alert.summary}`);
  lines.push(
    [
      `Source: ${alert.source}`,
      `Severity: ${alert.severity}`,
      ...(alert.component ? [`Component: ${alert.component}`] : []),
      ...(alert.alertCount > 1 ? [`${alert.alertCount} alerts (the newest shown)`] : []),
    ].join(' · '),
  );
  if (alert.details.length > 0) {
    lines.push('', 'Details:');
    for (const { key, value } of alert.details) lines.push(`  ${key}: ${value}`);
  }
  if (alert.links.length > 0) {
    lines.push('');
    for (const link of alert.links) lines.push(`${link.label}: ${link.url}`);
  }
  return lines;
}

function incidentText(
  incident: IncidentSummary,
  publicUrl: string,
  actions: MessageAction[],
  intro: string,
  alert?: AlertContext,
): string {
  const facts = [
    ...responseFacts(incident),
    `Urgency: ${incident.urgency}`,
    ...(incident.priority ? [`Priority: ${incident.priority}`] : []),
    `Status: ${incident.status}`,
  ];
  const lines = [`${intro}: ${incident.title}`, facts.join(' · '), ''];
  for (const action of actions) if (action.url) lines.push(`${action.label}: ${action.url}`);
  lines.push(`Open: ${incidentUrl(publicUrl, incident.id)}`);
  if (alert) lines.push(...alertLines(alert, incident.title));
  return lines.join('\n');
}

function base(input: RenderInput, fields: Omit<OutboundMessage, 'kind' | 'notificationId' | 'to'>): OutboundMessage {
  return { kind: input.kind, notificationId: input.notificationId, to: input.to, ...fields };
}

const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/** A schedule notice's subject (without the [Tocsin] tag) and text. */
function scheduleNoticeText(h: ScheduleNoticeDetails): { subject: string; text: string } {
  const span = `from ${when(h.startsAt)}${h.endsAt ? ` until ${when(h.endsAt)}` : ''}`;
  if (!('change' in h)) {
    return h.direction === 'on'
      ? { subject: `You are on call for ${h.scheduleName}`, text: `You are on call for ${h.scheduleName} ${span}.` }
      : {
          subject: `You are off call for ${h.scheduleName}`,
          text: `Your shift on ${h.scheduleName} ended at ${when(h.startsAt)}; you are off call. Thank you.`,
        };
  }
  const by = h.actorLabel ? ` (by ${h.actorLabel})` : '';
  const other = h.otherName ?? 'someone';
  switch (h.change) {
    case 'override_created':
      return h.direction === 'on'
        ? {
            subject: `You are on call for ${h.scheduleName} (override)`,
            text: `An override puts you on call for ${h.scheduleName} ${span}${by}.`,
          }
        : {
            subject: `${other} covers you on ${h.scheduleName}`,
            text: `${other} is on call for you on ${h.scheduleName} ${span}${by}: you are off call then.`,
          };
    case 'override_removed':
      return h.direction === 'on'
        ? {
            subject: `You are on call again for ${h.scheduleName}`,
            text: `The override by which ${other} covered you on ${h.scheduleName} ${span} was removed${by}: you are on call for that time again.`,
          }
        : {
            subject: `Override removed: you are off call for ${h.scheduleName}`,
            text: `The override that put you on call for ${h.scheduleName} ${span} was removed${by}: you are not on call for it.`,
          };
    case 'swap_offered':
      return {
        subject: `${other} asks for cover on ${h.scheduleName}`,
        text: `${other} offers their time on call for ${h.scheduleName} ${span}: take it from the schedule's swaps if you can cover it.${h.note ? ` Note: ${h.note}` : ''}`,
      };
    case 'swap_taken':
      return h.direction === 'on'
        ? {
            subject: `You cover ${other} on ${h.scheduleName}`,
            text: `You took ${other}'s swap: you are on call for ${h.scheduleName} ${span}.`,
          }
        : {
            subject: `${other} took your swap on ${h.scheduleName}`,
            text: `${other} took your swap: they are on call for you on ${h.scheduleName} ${span}; you are off call then.`,
          };
  }
}

export function renderMessage(input: RenderInput): OutboundMessage {
  const { publicUrl } = input;
  switch (input.kind) {
    case 'verification':
      return base(input, {
        subject: '[Tocsin] Your verification code',
        text:
          `Your Tocsin verification code is ${input.verificationCode}. It expires in ${VERIFICATION_TTL_MINUTES} minutes.\n\n` +
          'Enter it where you added this contact method. If you did not add it, ignore this message.',
        shortText: `Tocsin verification code: ${input.verificationCode} (expires in ${VERIFICATION_TTL_MINUTES} minutes)`,
        links: [],
        actions: [],
        ...(input.verificationCode && { verificationCode: input.verificationCode }),
      });
    case 'test':
      return base(input, {
        subject: '[Tocsin] Test notification',
        text: `This is a test notification from Tocsin to ${input.methodLabel ?? 'this contact method'}. If you can read it, Tocsin can reach you here.`,
        shortText: `Tocsin test notification: if you can read this, Tocsin can reach you here.`,
        links: [{ label: 'Open Tocsin', url: `${publicUrl}/app` }],
        actions: [],
      });
    case 'handoff': {
      const { subject, text } = scheduleNoticeText(input.handoff!);
      return base(input, {
        subject: `[Tocsin] ${subject}`,
        text: `${text}

Who is on call: ${publicUrl}/app/schedules`,
        shortText: `Tocsin: ${text}`,
        links: [{ label: 'Schedules', url: `${publicUrl}/app/schedules` }],
        actions: [],
      });
    }
    case 'bundle': {
      const items = input.bundle ?? [];
      const count = items.length;
      const list = items.map(({ incident }) => `#${incident.number} ${clip(incident.title, 40)}`);
      const textLines = items.flatMap(({ incident, links, reason }) => [
        `#${incident.number} ${incident.title} (${incident.serviceName})`,
        ...(reason ? [`  ${reasonHeadline(reason, incident)}`] : []),
        ...(links.acknowledge ? [`  Acknowledge: ${links.acknowledge}`] : []),
        `  Open: ${incidentUrl(publicUrl, incident.id)}`,
      ]);
      return base(input, {
        subject: `[Tocsin] You have ${count} new incident${count === 1 ? '' : 's'}`,
        text: [
          `You have ${count} new incident${count === 1 ? '' : 's'} (held back so they arrive as one message):`,
          '',
          ...textLines,
        ].join('\n'),
        shortText:
          clip(`Tocsin: you have ${count} new incident${count === 1 ? '' : 's'}: ${list.join(', ')}.`, 280) +
          ` Open ${publicUrl}/app/incidents`,
        links: [{ label: 'Open incidents', url: `${publicUrl}/app/incidents` }],
        actions: [],
        bundle: items.map(({ incident, links, reason }) => ({
          incident: toMessageIncident(publicUrl, incident),
          actions: offersIncidentActions(reason) ? actionsFor(links, incident.status) : [],
        })),
      });
    }
    case 'page':
    case 'channel_notice':
      return renderIncidentMessage(input);
  }
}

/** The most an SMS may hold before its reply hint, so the two fit one 160-character message. */
const smsBudget = (hint: string | undefined) => 160 - (hint ? hint.length + 1 : 0);

/** A page or a channel notice: the incident, and why this message (a role, a hand-off, a reminder, a change). */
function renderIncidentMessage(input: RenderInput): OutboundMessage {
  const { publicUrl } = input;
  const incident = input.incident!;
  const url = incidentUrl(publicUrl, incident.id);
  const reason = input.kind === 'page' ? input.reason : undefined;
  const change = input.kind === 'channel_notice' ? input.change : undefined;
  const actions = offersIncidentActions(reason) ? actionsFor(input.links, incident.status) : [];
  const intro =
    input.kind === 'page' && !reason
      ? `Incident #${incident.number} on ${incident.serviceName} needs you`
      : `Incident #${incident.number} on ${incident.serviceName}`;
  const alert = input.kind === 'page' ? input.alert : undefined;
  const card = incidentText(incident, publicUrl, actions, intro, alert);
  const hint = input.replyCode && offersIncidentActions(reason) ? replyHint(input.replyCode) : undefined;
  const severity = incident.response ? `${incident.response.severity} ` : '';
  const common = {
    links: [{ label: `Open incident #${incident.number}`, url }],
    actions,
    incident: toMessageIncident(publicUrl, incident, alert),
  };
  if (reason) {
    const headline = reasonHeadline(reason, incident);
    const next = reasonNextStep(reason, url);
    // A role page is a page ("Tocsin #12 ..." with its reply code); a hand-off or a reminder asks, with the way in.
    const short =
      reason.reason === 'role'
        ? `${clip(`Tocsin #${incident.number} ${severity}${clip(incident.serviceName, 30)}: ${roleAsk(reason)}. ${incident.title}`, smsBudget(hint) - 1)}.${hint ? ` ${hint}` : ''}`
        : `${clip(`Tocsin: ${headline}`, 110)}.${reason.reason === 'handoff_request' && reason.note ? ` Note: ${clip(reason.note, 60)}` : ''} ${url}`;
    return base(input, {
      subject: `[Tocsin] ${clip(headline, 150)}`,
      text: [`${headline}.`, '', card, ...(next ? ['', next] : [])].join('\n'),
      shortText: short,
      headline,
      ...(next && { nextStep: next }),
      why: reason,
      ...common,
    });
  }
  const plain = `Tocsin #${incident.number} ${severity}${clip(incident.serviceName, 30)}: ${clip(incident.title, 80)}.`;
  // The alert's severity and source when they still fit one SMS with its reply hint.
  const alertBit = alert ? ` ${alert.severity}, from ${clip(alert.source, 40)}.` : '';
  const short = plain.length + alertBit.length <= smsBudget(hint) ? plain + alertBit : plain;
  const headline = change && changeHeadline(change, incident);
  return base(input, {
    subject: headline
      ? `[Tocsin] ${clip(headline, 120)} (${clip(incident.title, 80)})`
      : `[Tocsin] #${incident.number} ${clip(incident.title, 120)} (${incident.serviceName})`,
    text: headline ? `${headline}\n\n${card}` : card,
    shortText: headline ? `Tocsin ${clip(headline, 150)}` : hint ? `${short} ${hint}` : short,
    ...(headline && { headline, why: change }),
    ...common,
  });
}

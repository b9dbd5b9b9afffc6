/**
 * Acting from a notification, notify's half: checking the signature or token
 * an inbound request carries, and turning it into (incident, person, action).
 * The HTTP layer then calls incidents' acknowledge/resolve as that person;
 * notify itself never does (incidents would otherwise depend on notify and
 * notify on incidents).
 */
import type { Db } from '../../../db/client.js';
import type { Clock } from '../../../lib/clock.js';
import { getIncidentSummary } from '../../incidents/index.js';
import { verifyActionToken, type ActionTokenCheck } from '../action-token.js';
import { selectUsableMethodsAt } from '../contact-methods.repo.js';
import { TWILIO_VOICE_PATH } from '../delivery/compose.js';
import { userName } from '../delivery/describe.js';
import { offersIncidentActions, pageReasonOf, reasonHeadline } from '../delivery/reasons.js';
import { keyFor, type NotifyDeps } from '../notify.deps.js';
import { findNotification } from '../notifications.repo.js';
import type { IncidentAction } from '../notify.types.js';
import { twimlMenu, twimlSay } from '../twiml.js';
import { checkSlackSignature, type SlackCheck } from './slack-signature.js';
import { isValidTwilioSignature } from './twilio-signature.js';

export async function checkActionToken(deps: NotifyDeps, clock: Clock, token: string): Promise<ActionTokenCheck> {
  return verifyActionToken(await keyFor(deps, 'action-links'), token, clock.now());
}

/** Whether a request really comes from Twilio; `path` is the request's path and query as received. */
export function checkTwilioRequest(
  deps: NotifyDeps,
  path: string,
  params: Record<string, string | string[]>,
  signature: string | undefined,
): boolean {
  const twilio = deps.settings.twilio;
  if (!twilio) return false;
  return isValidTwilioSignature(twilio.authToken, signature, `${deps.settings.publicUrl}${path}`, params);
}

export function checkSlackRequest(
  deps: NotifyDeps,
  headers: { signature: string | undefined; timestamp: string | undefined },
  rawBody: string,
  now: Date,
): SlackCheck {
  const slack = deps.settings.slack;
  if (!slack) return { ok: false, reason: 'Slack is not configured on this server' };
  return checkSlackSignature(slack.signingSecret, headers, rawBody, now);
}

/** The Tocsin person whose verified Slack contact method is this Slack member id. */
export async function findUserBySlackId(db: Db, slackUserId: string): Promise<string | undefined> {
  const [method] = await selectUsableMethodsAt(db, ['slack'], slackUserId);
  return method?.user_id;
}

const VOICE_KEYS: Record<string, IncidentAction> = { '4': 'acknowledge', '6': 'resolve' };

export const voiceGatherPath = (notificationId: string): string => `${TWILIO_VOICE_PATH}/gather?n=${notificationId}`;

/**
 * The TwiML a paged person hears when they answer: why (a role, a hand-off,
 * a reminder), the incident, then "press 4 or 6" while that applies.
 */
export async function voiceMenu(db: Db, deps: NotifyDeps, notificationId: string): Promise<string> {
  const row = await findNotification(db, notificationId);
  const incident = row?.incident_id ? await getIncidentSummary(db, row.incident_id) : undefined;
  if (!row || !incident) return twimlSay('This is Tocsin. This page is no longer available. Goodbye.');
  const reason = pageReasonOf(row.details);
  const severity = incident.response ? `, severity ${incident.response.severity}` : '';
  const intro =
    `This is Tocsin with a page for ${await userName(db, row.user_id)}. ` +
    (reason ? `${reasonHeadline(reason, incident)}. ` : '') +
    `Incident ${incident.number} on ${incident.serviceName}${severity}: ${incident.title}.`;
  if (!offersIncidentActions(reason)) return twimlSay(`${intro} Open the incident in Tocsin to answer. Goodbye.`);
  if (incident.status !== 'triggered') return twimlSay(`${intro} It is already ${incident.status}. Goodbye.`);
  return twimlMenu(
    `${intro} Press 4 to acknowledge. Press 6 to resolve.`,
    `${deps.settings.publicUrl}${voiceGatherPath(row.id)}`,
    'No key was pressed. Goodbye.',
  );
}

export type KeypressResult =
  { ok: true; incidentId: string; userId: string; action: IncidentAction } | { ok: false; twiml: string };

export async function voiceKeypress(
  db: Db,
  deps: NotifyDeps,
  notificationId: string,
  digits: string,
): Promise<KeypressResult> {
  const action = VOICE_KEYS[digits.trim()];
  const row = await findNotification(db, notificationId);
  if (!row?.incident_id || !row.user_id)
    return { ok: false, twiml: twimlSay('This page is no longer available. Goodbye.') };
  if (!action) {
    return {
      ok: false,
      twiml: twimlMenu(
        'That key does nothing. Press 4 to acknowledge. Press 6 to resolve.',
        `${deps.settings.publicUrl}${voiceGatherPath(row.id)}`,
        'Goodbye.',
      ),
    };
  }
  return { ok: true, incidentId: row.incident_id, userId: row.user_id, action };
}

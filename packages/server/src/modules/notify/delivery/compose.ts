/**
 * Turns a notification row into the message a provider sends: renders the
 * text, signs the action links, names the TwiML and status-callback URLs, and
 * picks the webhook signing key. Also the one place that says which provider
 * a contact method goes through.
 */
import type { Clock } from '../../../lib/clock.js';
import type { AlertContext } from '../../alerts/index.js';
import type { IncidentSummary } from '../../incidents/index.js';
import { ACTION_LINK_TTL_HOURS, signActionToken } from '../action-token.js';
import type { ScheduleNoticeDetails } from './handoffs.js';
import type { ContactMethodRow } from '../contact-methods.repo.js';
import { keyFor, webhookKeyScope, type NotifyDeps } from '../notify.deps.js';
import type { NotificationRow } from '../notifications.repo.js';
import type { NotificationProvider, OutboundMessage, ProviderType, PushKeys } from '../notify.types.js';
import { ProviderError } from '../providers/provider-error.js';
import { offersIncidentActions, pageReasonOf } from './reasons.js';
import { renderMessage, type ActionLinks } from './render.js';
import { addHours } from './time.js';

export const TWILIO_STATUS_PATH = '/api/v1/providers/twilio/status';
export const TWILIO_VOICE_PATH = '/api/v1/providers/twilio/voice';
export const ACTION_LINK_PATH = '/a';

const NOT_CONFIGURED: Record<ProviderType, string> = {
  email: 'Email is not configured on this server: set TOCSIN_SMTP_URL and TOCSIN_EMAIL_FROM',
  sms: 'SMS is not configured on this server: set TOCSIN_TWILIO_ACCOUNT_SID, TOCSIN_TWILIO_AUTH_TOKEN and TOCSIN_TWILIO_FROM',
  voice:
    'Voice calls are not configured on this server: set TOCSIN_TWILIO_ACCOUNT_SID, TOCSIN_TWILIO_AUTH_TOKEN and TOCSIN_TWILIO_FROM',
  slack: 'Slack is not configured on this server: set TOCSIN_SLACK_BOT_TOKEN and TOCSIN_SLACK_SIGNING_SECRET',
  webhook: 'Webhooks are not available',
  push: 'Push notifications are not available',
  teams: 'Teams is not available',
};

export function notConfiguredMessage(type: ProviderType): string {
  return NOT_CONFIGURED[type];
}

export function providerFor(deps: NotifyDeps, type: ProviderType): NotificationProvider {
  const provider = deps.providers[type];
  if (!provider) throw new ProviderError(type, NOT_CONFIGURED[type]);
  return provider;
}

/** Signed acknowledge/resolve links for one person and one incident. */
export async function actionLinks(
  deps: NotifyDeps,
  clock: Clock,
  notificationId: string,
  incidentId: string,
  userId: string,
): Promise<ActionLinks> {
  const key = await keyFor(deps, 'action-links');
  const expiresAt = addHours(clock.now(), ACTION_LINK_TTL_HOURS);
  const link = (action: 'acknowledge' | 'resolve') =>
    `${deps.settings.publicUrl}${ACTION_LINK_PATH}/${signActionToken(key, { notificationId, incidentId, userId, action, expiresAt })}`;
  return { acknowledge: link('acknowledge'), resolve: link('resolve') };
}

export interface ComposeContext {
  incident?: IncidentSummary;
  /** The alert behind a page's incident, when it came from one. */
  alert?: AlertContext;
  verificationCode?: string;
  bundle?: Array<{ row: NotificationRow; incident: IncidentSummary }>;
  handoff?: ScheduleNoticeDetails;
}

export async function composeForMethod(
  deps: NotifyDeps,
  clock: Clock,
  row: NotificationRow,
  method: ContactMethodRow,
  context: ComposeContext,
): Promise<OutboundMessage> {
  const { publicUrl } = deps.settings;
  const reason = row.kind === 'page' ? pageReasonOf(row.details) : undefined;
  const links =
    row.kind === 'page' && context.incident && row.user_id && offersIncidentActions(reason)
      ? await actionLinks(deps, clock, row.id, context.incident.id, row.user_id)
      : undefined;
  const bundle = context.bundle
    ? await Promise.all(
        context.bundle.map(async (item) => {
          const itemReason = pageReasonOf(item.row.details);
          return {
            incident: item.incident,
            links: offersIncidentActions(itemReason)
              ? await actionLinks(deps, clock, item.row.id, item.incident.id, item.row.user_id!)
              : {},
            ...(itemReason && { reason: itemReason }),
          };
        }),
      )
    : undefined;
  const message = renderMessage({
    kind: row.kind as OutboundMessage['kind'],
    notificationId: row.id,
    to: method.address,
    publicUrl,
    methodLabel: method.label,
    ...(context.incident && { incident: context.incident }),
    ...(context.alert && { alert: context.alert }),
    ...(links && { links }),
    ...(row.reply_code && { replyCode: row.reply_code }),
    ...(context.verificationCode && { verificationCode: context.verificationCode }),
    ...(bundle && { bundle }),
    ...(context.handoff && { handoff: context.handoff }),
    ...(reason && { reason }),
  });
  if (method.type === 'sms' || method.type === 'voice') message.statusCallbackUrl = `${publicUrl}${TWILIO_STATUS_PATH}`;
  if (method.type === 'voice' && row.kind === 'page') message.voiceUrl = `${publicUrl}${TWILIO_VOICE_PATH}?n=${row.id}`;
  if (method.type === 'webhook') message.signingKey = await keyFor(deps, webhookKeyScope('contact-method', method.id));
  if (method.type === 'push') message.pushKeys = method.push_keys as PushKeys;
  return message;
}

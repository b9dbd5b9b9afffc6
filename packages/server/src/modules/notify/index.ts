/**
 * Notify: reaching people. Owns contact methods (verified before use),
 * notification rules, and every message Tocsin sends (the notifications
 * table): pages planned from IncidentEscalated, channel notices, bundles when
 * a method is flooded, schedule notices (hand-offs, overrides, swaps), the
 * response's pages and posts that say why (a role, a hand-off asked, a
 * reminder, a change: response-notices.ts), test messages and verification
 * codes, through
 * providers (SMTP email, Twilio SMS and voice, Slack, webhooks, Teams) behind
 * one interface. It turns replies, keypresses, clicks and signed links back
 * into (incident, user, action) for the HTTP layer, which calls incidents;
 * notify itself never calls incidents' write use cases, and never imports a
 * vendor SDK (the SMTP client is injected).
 */
export type {
  ContactMethodType,
  IncidentAction,
  MailTransport,
  MessageAction,
  NotificationKind,
  NotificationProvider,
  NotificationStatus,
  NotifySettings,
  OutboundMessage,
  ProviderRegistry,
  ProviderType,
  SendResult,
  ThrottleSettings,
} from './notify.types.js';
export { CONTACT_METHOD_TYPES, DEFAULT_THROTTLE } from './notify.types.js';
export {
  ProviderError,
  fetchWithTimeout,
  type ProviderResponse,
  isPrivateRefusal,
  userChosenDestination,
} from './providers/provider-error.js';
export { checkAddress } from './contact-address.js';
export { provisionedContactEmails } from './contact-methods.config.js';
export { createProviders } from './providers/registry.js';
export { createEmailProvider } from './providers/email.provider.js';
export { createTwilioSmsProvider, createTwilioVoiceProvider } from './providers/twilio.provider.js';
export { createSlackProvider } from './providers/slack.provider.js';
export { createWebhookProvider } from './providers/webhook.provider.js';
export { createTeamsProvider } from './providers/teams.provider.js';
export { webhookSignature, isValidWebhookSignature } from './providers/webhook-signature.js';

// Settings and the per-process dependencies (built by the composition root).
export { createNotifyDeps, keyFor, webhookKeyScope, type NotifyDeps } from './notify.deps.js';

// Contact methods, rules, notifications: use cases and their schemas.
export {
  listContactMethods,
  getContactMethod,
  createContactMethod,
  updateContactMethod,
  deleteContactMethod,
  resendVerification,
  verifyContactMethod,
} from './contact-methods.service.js';
export { listRules, createRule, updateRule, deleteRule } from './rules.service.js';
export {
  listNotifications,
  sendTestNotification,
  getNotifyVCard,
  getPushPublicKey,
  getChannelSigningSecret,
} from './notifications.service.js';
export {
  ContactMethodSchema,
  CreateContactMethodSchema,
  UpdateContactMethodSchema,
  VerifyContactMethodSchema,
  NotificationRuleSchema,
  CreateRuleSchema,
  UpdateRuleSchema,
  NotificationSchema,
  NotificationQuerySchema,
  QueuedNotificationSchema,
} from './contact-methods.schema.js';
export type {
  ContactMethod,
  NotificationRule,
  Notification,
  CreateContactMethodInput,
  CreateRuleInput,
  UpdateRuleInput,
} from './contact-methods.schema.js';

// Delivery: planning from events, and the job bodies the engine runs.
export { planPages, type PlanPagesInput } from './delivery/plan-pages.js';
export { planChannelNotices, deliverChannelNotice, failChannelNotice } from './delivery/channel-notices.js';
export {
  announceDeclared,
  announceSeverityChange,
  announceStageChange,
  planHandoffRequest,
  planOwnerReminder,
  planStatusUpdateNotices,
  planUpdateReminder,
  planReviewReminder,
  planObjectivesMetNotice,
  planRolePage,
} from './delivery/response-notices.js';
export { planSlackUpdates, updateSlackMessage, type SlackUpdatePayload } from './delivery/incident-updates.js';
export { deliverNotification, recordSends, type SentRecord } from './delivery/deliver.js';
export type { Decision } from './delivery/decide.js';
export { failNotification } from './delivery/failure.js';
export { sendBundle, bundleNotificationId } from './delivery/bundle.js';
export { recordTwilioStatus, type TwilioStatusInput } from './delivery/status-callbacks.js';
export { resolveReplyCode, type ReplyResolution } from './delivery/reply-codes.js';
export {
  DELIVER_JOB,
  BUNDLE_JOB,
  CHANNEL_JOB,
  SLACK_UPDATE_JOB,
  type DeliverPayload,
  type BundlePayload,
} from './delivery/jobs.js';
export { TWILIO_STATUS_PATH, TWILIO_VOICE_PATH, ACTION_LINK_PATH } from './delivery/compose.js';

// Acting from a notification: checks and lookups for the HTTP layer.
export {
  checkActionToken,
  checkTwilioRequest,
  checkSlackRequest,
  findUserBySlackId,
  voiceMenu,
  voiceKeypress,
  voiceGatherPath,
  type KeypressResult,
} from './inbound/inbound.js';
export { SLACK_ACTION_IDS } from './providers/slack-blocks.js';
export { twimlMessage, twimlSay, twimlEmpty } from './twiml.js';
export { signActionToken, verifyActionToken, type ActionClaims, type ActionTokenCheck } from './action-token.js';
export {
  planHandoffNotices,
  type ShiftStartedPayload,
  type HandoffDetails,
  type ScheduleChangeDetails,
  type ScheduleNoticeDetails,
} from './delivery/handoffs.js';
export {
  planOverrideNotices,
  planSwapOfferedNotices,
  planSwapTakenNotices,
  type OverrideChange,
  type SwapOffer,
  type SwapTaking,
} from './delivery/schedule-notices.js';

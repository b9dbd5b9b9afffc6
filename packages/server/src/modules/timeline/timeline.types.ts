/**
 * The kinds of entry the incident timeline holds, each with the data it
 * carries, and what a writer passes. A kind that is not listed here does not
 * compile: adding one means adding it here, with its data.
 */
import type { Actor } from '../../lib/actor.js';
import type { Clock } from '../../lib/clock.js';
import type { Source } from '../../lib/source.js';
import type { Priority, Urgency } from '../services/index.js';

/** Every kind written, with its data; `undefined` for a kind that carries none. */
export interface TimelineKinds {
  // The incident's own story (incidents).
  triggered: {
    urgency: Urgency;
    priority: Priority | null;
    policy: { id: string; name: string };
    details?: string;
    firstPageAt?: string;
    policyHeld?: boolean;
  };
  alert_added: { alertId: string };
  acknowledged: undefined;
  snoozed: { minutes: number; until: string };
  resolved: undefined;
  alerts_resolved: undefined;
  reassigned: { userIds: string[] } | { policyId: string };
  escalate_requested: undefined;
  note: undefined;
  // Escalation (the engine).
  escalated: { level: number; loop: number; userIds: string[]; channelIds: string[]; notes: string[]; stepKey: string };
  escalation_exhausted: { loops: number };
  escalation_failed: undefined;
  snooze_ended: { level: number; loop: number };
  // Notifications (notify).
  notified:
    | { notificationId: string; userId: string | null; contactMethodId: string; type: string }
    | { notificationId: string; bundleId: string; userId: string | null; contactMethodId: string };
  notification_skipped: { userId: string; stepKey: string };
  notification_bundled: { notificationId: string; bundleAt: string };
  notification_retrying: { notificationId: string; attempt: number };
  notification_fallback:
    | { notificationId: string; userId: string }
    | { notificationId: string; failedNotificationId: string; contactMethodId: string };
  notification_failed:
    | { notificationId: string; userId: string | null; contactMethodId: string | null }
    | { notificationId: string; channelId: string | null };
  channel_notified: { notificationId: string; channelId: string };
  // The response (response module, ADR 17).
  declared: { severity: string; origin: string; nearMiss: boolean; page: string };
  severity_changed: { from: string; to: string; reason: string };
  stage_changed: { from: string; to: string };
  category_changed: { from: string | null; to: string | null };
  impacted_services_changed: { serviceIds: string[] };
  role_engaged: { roleId: string; role: string; userId: string; how: string; paged: boolean };
  role_not_engaged: { role: string; reason: string };
  owner_changed: { from: string | null; to: string | null; role: string | null };
  handoff_requested: { handoffId: string; role: string; toUserId: string };
  handoff_settled: { handoffId: string; role: string; state: 'accepted' | 'declined' | 'cancelled' };
  rule_fired: { rule: string };
  owner_reminded: { userId: string; minutes: number };
  status_update: { updateId: string; stage: string; audience: string[] };
  update_reminded: { userId: string; minutes: number };
  review_reminded: { userId: string; minutes: number; dueAt: string };
  linked: { otherId: string; kind: 'related' | 'merged_into' | 'merged_from' };
  unlinked: { otherId: string };
  stakeholder_added: { userId: string; reason: string };
  privacy_changed: { private: boolean };
  // The live state document (documents module).
  document_edited: {
    part: 'summary' | 'detailed_status' | 'stakeholders' | 'objectives' | 'actions' | 'links';
    version?: number;
  };
  objectives_met: { count: number; ownerId: string | null };
}

export type TimelineKind = keyof TimelineKinds;

/** What a deleted note reads, followed by who deleted it: the entry stays, its text does not. */
export const NOTE_DELETED_BY = 'Note deleted by ';

/** The kinds, for the API schema; `satisfies` keeps it the same set as TimelineKinds. */
export const TIMELINE_KINDS = [
  'triggered',
  'alert_added',
  'acknowledged',
  'snoozed',
  'resolved',
  'alerts_resolved',
  'reassigned',
  'escalate_requested',
  'note',
  'escalated',
  'escalation_exhausted',
  'escalation_failed',
  'snooze_ended',
  'notified',
  'notification_skipped',
  'notification_bundled',
  'notification_retrying',
  'notification_fallback',
  'notification_failed',
  'channel_notified',
  'declared',
  'severity_changed',
  'stage_changed',
  'category_changed',
  'impacted_services_changed',
  'role_engaged',
  'role_not_engaged',
  'owner_changed',
  'handoff_requested',
  'handoff_settled',
  'rule_fired',
  'owner_reminded',
  'status_update',
  'update_reminded',
  'review_reminded',
  'linked',
  'unlinked',
  'stakeholder_added',
  'privacy_changed',
  'document_edited',
  'objectives_met',
] as const satisfies readonly TimelineKind[];

/** A compile error unless TIMELINE_KINDS names every kind. */
type Missing = Exclude<TimelineKind, (typeof TIMELINE_KINDS)[number]>;
const everyKindListed: [Missing] extends [never] ? true : Missing = true;
void everyKindListed;

type DataOf<K extends TimelineKind> = [TimelineKinds[K]] extends [undefined]
  ? { data?: undefined }
  : { data: TimelineKinds[K] };

/** One entry to write: its kind, the sentence people read and the kind's data. */
export type TimelineEntryInput = { [K in TimelineKind]: { kind: K; message: string } & DataOf<K> }[TimelineKind];

/** Who writes an entry, through what, and when: a use case's Ctx is one; the engine and notify make their own. */
export interface TimelineContext {
  clock: Clock;
  actor: Actor;
  source: Source;
}

/** Shapes of services' paging settings, shared by alerts and incidents. */
import type { IntegrationType } from '../../db/schema.js';
import type { EscalationPolicySnapshot } from '../escalation/index.js';

export type Urgency = 'high' | 'low';
export type Priority = 'P1' | 'P2' | 'P3' | 'P4' | 'P5';
export type AlertSeverity = 'critical' | 'error' | 'warning' | 'info';

/** First matching rule wins; a rule with no `when` matches everything. */
export interface UrgencyRule {
  when?: { severity?: AlertSeverity[] };
  urgency: Urgency;
  priority: Priority | null;
}

/** Working hours in the service's time zone; ISO weekdays (1 = Monday ... 7 = Sunday). */
export interface BusinessHours {
  days: number[];
  /** "HH:MM", inclusive */
  start: string;
  /** "HH:MM", exclusive; may be earlier than start for hours that cross midnight */
  end: string;
}

export interface SlaTargets {
  high: { ackMinutes: number; resolveMinutes: number };
  low: { ackMinutes: number; resolveMinutes: number };
}

export type Grouping =
  { mode: 'dedup_key' } | { mode: 'window'; windowMinutes: number; field: 'group' | 'component' | 'class' | 'source' };

/** Everything the paging pipeline needs to know about a service at an instant. */
export interface PagingSettings {
  serviceId: string;
  slug: string;
  name: string;
  isDisabled: boolean;
  /** The team that owns the service now (incidents keep the one they opened with). */
  teamId: string | null;
  timeZone: string;
  businessHours: BusinessHours | null;
  urgencyRules: UrgencyRule[];
  slaTargets: SlaTargets;
  grouping: Grouping;
  noticeChannelIds: string[];
  isInMaintenance: boolean;
  policy: EscalationPolicySnapshot;
}

export const DEFAULT_URGENCY_RULES: UrgencyRule[] = [
  { when: { severity: ['critical'] }, urgency: 'high', priority: 'P1' },
  { when: { severity: ['error'] }, urgency: 'high', priority: 'P2' },
  { when: { severity: ['warning'] }, urgency: 'low', priority: 'P3' },
  { urgency: 'low', priority: 'P4' },
];

export const DEFAULT_SLA_TARGETS: SlaTargets = {
  high: { ackMinutes: 15, resolveMinutes: 240 },
  low: { ackMinutes: 240, resolveMinutes: 2880 },
};

/** The paging settings columns of a services row as read (jsonb comes back untyped). */
export interface PagingColumns {
  time_zone: string;
  business_hours: unknown;
  urgency_rules: unknown;
  sla_targets: unknown;
  grouping: unknown;
  notice_channel_ids: string[];
}

/** Those columns typed, for the paging pipeline and the API view alike. */
export function pagingColumnsOf(row: PagingColumns) {
  return {
    timeZone: row.time_zone,
    businessHours: row.business_hours as BusinessHours | null,
    urgencyRules: row.urgency_rules as UrgencyRule[],
    slaTargets: (row.sla_targets as SlaTargets | null) ?? DEFAULT_SLA_TARGETS,
    grouping: row.grouping as Grouping,
    noticeChannelIds: row.notice_channel_ids,
  };
}

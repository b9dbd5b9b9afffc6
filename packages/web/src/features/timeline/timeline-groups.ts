/**
 * The timeline's kinds in the groups people filter by, and the filter
 * itself. Every kind has a group: a new kind does not compile until it is
 * given one.
 */
import type { TimelineEntry, TimelineKind, TimelineSource } from './timeline.types';

export const TIMELINE_GROUPS = ['alerts', 'pages', 'status', 'roles', 'response', 'updates', 'notes'] as const;
export type TimelineGroup = (typeof TIMELINE_GROUPS)[number];

export const GROUP_LABELS: Record<TimelineGroup, string> = {
  alerts: 'Alerts',
  pages: 'Pages',
  status: 'Acknowledgements',
  roles: 'Roles',
  response: 'Stage & severity',
  updates: 'Updates',
  notes: 'Notes',
};

const GROUP_OF: Record<TimelineKind, TimelineGroup> = {
  triggered: 'alerts',
  alert_added: 'alerts',
  alerts_resolved: 'alerts',
  escalated: 'pages',
  escalation_exhausted: 'pages',
  escalation_failed: 'pages',
  snooze_ended: 'pages',
  reassigned: 'pages',
  escalate_requested: 'pages',
  notified: 'pages',
  notification_skipped: 'pages',
  notification_bundled: 'pages',
  notification_retrying: 'pages',
  notification_fallback: 'pages',
  notification_failed: 'pages',
  channel_notified: 'pages',
  acknowledged: 'status',
  snoozed: 'status',
  resolved: 'status',
  role_engaged: 'roles',
  role_not_engaged: 'roles',
  owner_changed: 'roles',
  handoff_requested: 'roles',
  handoff_settled: 'roles',
  owner_reminded: 'roles',
  declared: 'response',
  severity_changed: 'response',
  stage_changed: 'response',
  category_changed: 'response',
  impacted_services_changed: 'response',
  rule_fired: 'response',
  linked: 'response',
  unlinked: 'response',
  stakeholder_added: 'response',
  privacy_changed: 'response',
  status_update: 'updates',
  update_reminded: 'updates',
  review_reminded: 'updates',
  document_edited: 'updates',
  objectives_met: 'updates',
  note: 'notes',
};

export const groupOf = (kind: TimelineKind): TimelineGroup => GROUP_OF[kind];

/** No group and no source chosen means all of them. */
export interface TimelineView {
  groups: readonly TimelineGroup[];
  sources: readonly TimelineSource[];
  isStarredOnly: boolean;
}

export const ALL_ENTRIES: TimelineView = { groups: [], sources: [], isStarredOnly: false };

export const isFiltered = (view: TimelineView): boolean =>
  view.groups.length > 0 || view.sources.length > 0 || view.isStarredOnly;

export function showsEntry(view: TimelineView, entry: TimelineEntry): boolean {
  if (view.groups.length > 0 && !view.groups.includes(groupOf(entry.kind))) return false;
  if (view.sources.length > 0 && !view.sources.includes(entry.source)) return false;
  return !view.isStarredOnly || entry.starred !== null;
}

/** The notifications woven into the story are pages, sent by the engine, and never starred. */
export const showsNotifications = (view: TimelineView): boolean =>
  !view.isStarredOnly &&
  (view.groups.length === 0 || view.groups.includes('pages')) &&
  (view.sources.length === 0 || view.sources.includes('engine'));

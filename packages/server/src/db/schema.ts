/**
 * Row types of every table, as Kysely sees them. Each module's repo is the only
 * code that reads or writes its own tables; this file only describes them.
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<unknown, string, string>;
/** A jsonb column with a database default: optional on insert. */
type JsonWithDefault = ColumnType<unknown, string | undefined, string>;

export interface SettingsTable {
  key: string;
  value: Json;
  updated_at: Timestamp;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: 'owner' | 'admin' | 'responder' | 'viewer' | 'stakeholder';
  password_hash: string | null;
  time_zone: Generated<string>;
  is_disabled: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TeamsTable {
  id: string;
  slug: string;
  name: string;
  description: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TeamMembershipsTable {
  team_id: string;
  user_id: string;
  role: 'member' | 'manager';
  created_at: Timestamp;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  user_agent: Generated<string>;
  ip: Generated<string>;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  scopes: string[];
  created_at: Timestamp;
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface OidcIdentitiesTable {
  issuer: string;
  subject: string;
  user_id: string;
  created_at: Timestamp;
}

export interface OidcLoginStatesTable {
  state: string;
  nonce: string;
  code_verifier: string;
  return_to: string;
  expires_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  actor_type: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: Json | null;
  after: Json | null;
  request_id: string | null;
}

export interface EngineJobsTable {
  id: Generated<string>;
  kind: string;
  key: string | null;
  payload: Json;
  status: Generated<'pending' | 'done' | 'failed'>;
  run_at: Timestamp;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_by: string | null;
  locked_until: Timestamp | null;
  last_error: string | null;
  created_at: Timestamp;
  finished_at: Timestamp | null;
}

type Uuids = ColumnType<string[], string[] | undefined, string[]>;

export interface EscalationPoliciesTable {
  id: string;
  name: string;
  description: Generated<string>;
  team_id: string | null;
  levels: Json;
  repeat_count: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ChatChannelsTable {
  id: string;
  type: 'slack' | 'teams' | 'webhook';
  name: string;
  target: string;
  settings: JsonWithDefault;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ServicesTable {
  id: string;
  slug: string;
  name: string;
  description: Generated<string>;
  team_id: string | null;
  escalation_policy_id: string;
  time_zone: Generated<string>;
  business_hours: Json | null;
  urgency_rules: Json;
  sla_targets: Json;
  grouping: JsonWithDefault;
  notice_channel_ids: Uuids;
  is_disabled: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MaintenanceWindowsTable {
  id: string;
  service_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  reason: Generated<string>;
  created_by: string;
  created_at: Timestamp;
}

export type IntegrationType = 'events_v2' | 'alertmanager' | 'grafana' | 'datadog' | 'webhook' | 'email' | 'heartbeat';

export interface IntegrationKeysTable {
  id: string;
  service_id: string;
  type: IntegrationType;
  name: string;
  routing_key: string;
  settings: JsonWithDefault;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface InboundEventsTable {
  id: Generated<string>;
  integration_key_id: string;
  received_at: Timestamp;
  action: 'trigger' | 'acknowledge' | 'resolve';
  dedup_key: string;
  alert: Json;
  raw: Json;
  processed_at: Timestamp | null;
  result: string | null;
}

export interface IncidentsTable {
  id: string;
  number: Generated<string>;
  service_id: string;
  title: string;
  status: 'triggered' | 'acknowledged' | 'resolved';
  urgency: 'high' | 'low';
  priority: 'P1' | 'P2' | 'P3' | 'P4' | 'P5' | null;
  group_key: string | null;
  triggered_at: Timestamp;
  acknowledged_at: Timestamp | null;
  acknowledged_by: string | null;
  resolved_at: Timestamp | null;
  resolved_by: string | null;
  alert_count: Generated<number>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** When it was declared (or promoted from paged to declared); null for an incident only paged (ADR 17). */
  declared_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** An incident's escalation state (migration 0007): one row per incident, written only by the paging module. */
export interface IncidentEscalationsTable {
  incident_id: string;
  escalation_policy: Json;
  escalation_level: Generated<number>;
  escalation_loop: Generated<number>;
  /** Set only while the incident is triggered. */
  next_escalation_at: Timestamp | null;
  assignee_ids: Uuids;
  /** Set only while the incident is acknowledged. */
  snoozed_until: Timestamp | null;
  updated_at: Timestamp;
}

export interface AlertsTable {
  id: string;
  service_id: string;
  integration_key_id: string | null;
  incident_id: string | null;
  dedup_key: string;
  status: 'triggered' | 'acknowledged' | 'resolved' | 'suppressed';
  summary: string;
  source: Generated<string>;
  severity: 'critical' | 'error' | 'warning' | 'info';
  component: string | null;
  group: string | null;
  class: string | null;
  custom_details: Json | null;
  links: JsonWithDefault;
  images: JsonWithDefault;
  client: string | null;
  client_url: string | null;
  raw: Json;
  trigger_count: Generated<number>;
  first_triggered_at: Timestamp;
  last_triggered_at: Timestamp;
  acknowledged_at: Timestamp | null;
  resolved_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AlertEventsTable {
  id: Generated<string>;
  alert_id: string;
  inbound_event_id: string;
  action: 'trigger' | 'acknowledge' | 'resolve';
  received_at: Timestamp;
  source: Generated<string>;
  summary: string | null;
  payload: Json;
}

export interface IncidentTimelineTable {
  id: Generated<string>;
  incident_id: string;
  at: Timestamp;
  kind: string;
  actor_type: string;
  actor_id: string | null;
  actor_label: string;
  /** web, api, cli, email_link, sms_reply, slack, teams, voice, engine or ingest (lib/source.ts). */
  source: string;
  message: string;
  data: Json | null;
}

/** A star on a timeline entry, for the postmortem: one per entry (migration 0014). */
export interface IncidentTimelineStarsTable {
  entry_id: string;
  starred_at: Timestamp;
  actor_id: string;
  actor_label: string;
}

/** A note's versions after the first; `message` null is its deletion (migration 0014). */
export interface IncidentTimelineRevisionsTable {
  id: Generated<string>;
  entry_id: string;
  version: number;
  at: Timestamp;
  actor_id: string | null;
  actor_label: string;
  source: string;
  message: string | null;
}

export interface ContactMethodsTable {
  id: string;
  user_id: string;
  type: 'email' | 'sms' | 'voice' | 'slack' | 'webhook' | 'push';
  label: string;
  address: string;
  /** A push subscription's keys ({p256dh, auth}); set exactly for type push. */
  push_keys: ColumnType<unknown, string | null | undefined, string | null>;
  verified_at: Timestamp | null;
  verification_code_hash: string | null;
  verification_expires_at: Timestamp | null;
  verification_attempts: Generated<number>;
  disabled_at: Timestamp | null;
  /** Verified by an admin or config as code, without a code (email only). */
  provisioned_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  provisioned_by: ColumnType<string | null, string | null | undefined, string | null>;
  /** A push subscription the push service called gone (404/410); disabled with it. */
  expired_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface NotificationRulesTable {
  id: string;
  user_id: string;
  contact_method_id: string;
  urgency: 'high' | 'low';
  delay_minutes: number;
  created_at: Timestamp;
}

export interface NotificationsTable {
  id: string;
  idempotency_key: string;
  kind: 'page' | 'bundle' | 'test' | 'verification' | 'channel_notice' | 'handoff' | 'status_update';
  incident_id: string | null;
  user_id: string | null;
  contact_method_id: string | null;
  channel_id: string | null;
  status: 'queued' | 'sent' | 'delivered' | 'failed' | 'skipped' | 'bundled';
  provider: string | null;
  provider_message_id: string | null;
  reply_code: string | null;
  error: string | null;
  details: ColumnType<unknown, string | null | undefined, string | null>;
  attempts: Generated<number>;
  send_at: Timestamp;
  sent_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface HeartbeatsTable {
  integration_key_id: string;
  interval_seconds: number;
  last_ping_at: Timestamp | null;
  next_due_at: Timestamp | null;
  is_failing: Generated<boolean>;
}

export interface SchedulesTable {
  id: string;
  name: string;
  description: Generated<string>;
  team_id: string | null;
  time_zone: string;
  handoffs_checked_at: Timestamp;
  next_handoff_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ScheduleVersionsTable {
  id: string;
  schedule_id: string;
  number: number;
  effective_from: Timestamp;
  definition: Json;
  author_type: string;
  author_id: string | null;
  author_label: string;
  summary: string;
  restored_from_version: number | null;
  created_at: Timestamp;
}

export interface ScheduleOverridesTable {
  id: string;
  schedule_id: string;
  kind: 'add' | 'replace' | 'remove';
  user_id: string;
  replaces_user_id: string | null;
  starts_at: Timestamp;
  ends_at: Timestamp;
  note: Generated<string>;
  created_by_type: string;
  created_by_id: string | null;
  created_by_label: string;
  created_at: Timestamp;
  removed_at: Timestamp | null;
  removed_by_label: string | null;
}

export interface ScheduleSwapsTable {
  id: string;
  schedule_id: string;
  offered_by: string;
  requested_user_id: string | null;
  starts_at: Timestamp;
  ends_at: Timestamp;
  note: Generated<string>;
  status: 'open' | 'taken' | 'cancelled' | 'expired';
  taken_by: string | null;
  override_id: string | null;
  created_by_label: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CalendarFeedsTable {
  id: string;
  kind: 'user' | 'schedule';
  subject_id: string;
  token_hash: string;
  created_by: string;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
}

/** The organisation's severity definitions with their response settings (migration 0009; response module). */
export interface SeveritiesTable {
  key: 'S1' | 'S2' | 'S3' | 'S4';
  name: string;
  description: Generated<string>;
  engages_imoc: boolean;
  investigating_minutes: number | null;
  unacknowledged_minutes: number | null;
  troubleshoot_minutes: number | null;
  /** How often an update is owed (migration 0013; null = no cadence). */
  update_minutes: number | null;
  /** The owner is reminded when the detailed status has not been saved this long (migration 0017; null = never). */
  detailed_status_review_minutes: number | null;
  default_steps: JsonWithDefault;
  updated_at: Timestamp;
}

export interface IncidentCategoriesTable {
  slug: string;
  name: string;
  description: Generated<string>;
  builtin: Generated<boolean>;
  created_at: Timestamp;
}

export interface ResponseRolesTable {
  id: string;
  slug: string;
  name: string;
  alias: Generated<string>;
  description: Generated<string>;
  rank: number | null;
  schedule_id: string | null;
  builtin: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One row per declared incident (migration 0009; response module). */
export interface IncidentResponsesTable {
  incident_id: string;
  severity: 'S1' | 'S2' | 'S3' | 'S4';
  stage: 'investigating' | 'identified' | 'monitoring' | 'resolved' | 'closed';
  category: string | null;
  near_miss: Generated<boolean>;
  /** Seen only by its members (ADR 18). */
  private: Generated<boolean>;
  owner_id: string | null;
  owner_role_id: string | null;
  owner_since: Timestamp | null;
  declared_by: string | null;
  declared_by_label: string;
  declared_at: Timestamp;
  origin: 'declared' | 'reported' | 'promoted';
  announce_channel_id: string | null;
  stage_changed_at: Timestamp;
  resolved_at: Timestamp | null;
  closed_at: Timestamp | null;
  checklist_ticked: ColumnType<string[], string[] | undefined, string[]>;
  rules_settled: ColumnType<string[], string[] | undefined, string[]>;
  next_rule_at: Timestamp | null;
  /** The update cadence (migration 0013): last update posted, last reminder, next reminder due. */
  last_update_at: Timestamp | null;
  update_reminded_at: Timestamp | null;
  next_update_reminder_at: Timestamp | null;
  /** The detailed status's review (migration 0017): last unchanged save, last reminder, next reminder due. */
  review_confirmed_at: Timestamp | null;
  review_reminded_at: Timestamp | null;
  next_review_reminder_at: Timestamp | null;
  updated_at: Timestamp;
}

/** Status updates posted on a declared incident (migration 0013; response module). */
export interface IncidentUpdatesTable {
  id: string;
  incident_id: string;
  message: string;
  stage: 'investigating' | 'identified' | 'monitoring' | 'resolved' | 'closed';
  audience: string[];
  posted_by: string | null;
  posted_by_label: string;
  posted_at: Timestamp;
}

/** The canned update text per stage (migration 0013; response module). */
export interface UpdateTemplatesTable {
  stage: 'investigating' | 'identified' | 'monitoring' | 'resolved';
  body: string;
  updated_at: Timestamp;
}

export interface IncidentSeverityChangesTable {
  id: string;
  incident_id: string;
  from_severity: 'S1' | 'S2' | 'S3' | 'S4' | null;
  to_severity: 'S1' | 'S2' | 'S3' | 'S4';
  changed_by: string | null;
  changed_by_label: string;
  reason: Generated<string>;
  changed_at: Timestamp;
}

export interface IncidentRoleHoldersTable {
  id: string;
  incident_id: string;
  role_id: string;
  user_id: string;
  engaged_at: Timestamp;
  engaged_by_label: string;
  accepted_at: Timestamp | null;
  how: 'engaged' | 'took' | 'handoff' | 'declared';
  paged: boolean;
  ended_at: Timestamp | null;
}

export interface IncidentHandoffsTable {
  id: string;
  incident_id: string;
  role_id: string;
  from_user_id: string;
  to_user_id: string;
  note: Generated<string>;
  state: 'pending' | 'accepted' | 'declined' | 'cancelled';
  requested_at: Timestamp;
  settled_at: Timestamp | null;
}

export interface IncidentImpactedServicesTable {
  incident_id: string;
  service_id: string;
}

export interface IncidentStakeholdersTable {
  incident_id: string;
  user_id: string;
  reason: 'reporter' | 'subscriber';
  added_at: Timestamp;
}

export interface IncidentLinksTable {
  incident_id: string;
  other_id: string;
  kind: 'related' | 'merged_into' | 'merged_from';
  created_by_label: string;
  created_at: Timestamp;
}

export interface IncidentDocumentRevisionsTable {
  incident_id: string;
  section: 'summary' | 'detailed_status' | 'stakeholders';
  version: number;
  body: string;
  saved_by: string | null;
  saved_by_label: string;
  saved_at: Timestamp;
}

export interface IncidentResolutionObjectivesTable {
  id: string;
  seq: Generated<string>;
  incident_id: string;
  text: string;
  met_at: Timestamp | null;
  met_by_label: string | null;
  created_by_label: string;
  created_at: Timestamp;
}

export interface IncidentFollowupActionsTable {
  id: string;
  seq: Generated<string>;
  incident_id: string;
  text: string;
  owner_id: string | null;
  /** A calendar date, YYYY-MM-DD (pg's date type is read as text). */
  due_date: string | null;
  created_by_label: string;
  created_at: Timestamp;
}

export interface IncidentDocumentLinksTable {
  id: string;
  seq: Generated<string>;
  incident_id: string;
  label: string;
  url: string;
  created_by_label: string;
  created_at: Timestamp;
}

export interface WebhookSubscriptionsTable {
  id: string;
  url: string;
  /** Null: every incident event. */
  events: string[] | null;
  enabled: Generated<boolean>;
  description: Generated<string>;
  /** Receives private incidents' events too (ADR 18). */
  include_private: Generated<boolean>;
  secret_version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WebhookDeliveriesTable {
  id: string;
  subscription_id: string;
  event_id: string;
  event: string;
  incident_id: string | null;
  occurred_at: Timestamp;
  data: Json;
  status: 'pending' | 'delivered' | 'failed';
  attempts: Generated<number>;
  status_code: number | null;
  duration_ms: number | null;
  error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/**
 * Which incident changed, in what part, in which transaction: written only by
 * the triggers of migration 0015, read and pruned by the live module (ADR 19).
 */
export interface IncidentChangesTable {
  /** The writing transaction's id (bigint: xid8 fits). */
  xid: ColumnType<string, never, never>;
  incident_id: string;
  part: 'incident' | 'timeline' | 'alerts' | 'paging' | 'response' | 'document' | 'updates';
  at: ColumnType<Date, never, never>;
}

/** The highest xid pruned from incident_changes (one row). */
export interface IncidentChangesPrunedTable {
  singleton: Generated<boolean>;
  through: ColumnType<string, string | number, string | number>;
}

export interface SlaTargetsTable {
  scope: 'severity' | 'urgency';
  key: string;
  ack_minutes: number | null;
  ack_business_hours: Generated<boolean>;
  resolve_minutes: number | null;
  resolve_business_hours: Generated<boolean>;
  updated_at: Timestamp;
}

/** Analytics' snapshot of an incident at open, kept up to date with its clocks (migration 0016). */
export interface IncidentSlaTable {
  incident_id: string;
  opened_at: Timestamp;
  service_id: string;
  team_id: string | null;
  escalation_policy_id: string | null;
  urgency: 'high' | 'low';
  priority: 'P1' | 'P2' | 'P3' | 'P4' | 'P5' | null;
  severity: 'S1' | 'S2' | 'S3' | 'S4' | null;
  near_miss: Generated<boolean>;
  time_zone: string;
  business_hours: Json | null;
  ack_target_minutes: number | null;
  ack_business_hours: Generated<boolean>;
  ack_due_at: Timestamp | null;
  resolve_target_minutes: number | null;
  resolve_business_hours: Generated<boolean>;
  resolve_due_at: Timestamp | null;
  first_ack_at: Timestamp | null;
  first_ack_kind: 'person' | 'integration' | null;
  first_ack_by: string | null;
  mitigated_at: Timestamp | null;
  resolved_at: Timestamp | null;
  reopen_count: Generated<number>;
  escalation_count: Generated<number>;
  paged_user_ids: Uuids;
  merged_into: string | null;
  updated_at: Timestamp;
  /** Stored, generated from the columns above (migration 0022): the clocks in seconds, the severity as grouped, counted. */
  tta: ColumnType<number | null, never, never>;
  ttm: ColumnType<number | null, never, never>;
  ttr: ColumnType<number | null, never, never>;
  severity_key: ColumnType<string, never, never>;
  counted: ColumnType<boolean, never, never>;
}

/** Exact partial aggregates per UTC month and cell, appended by triggers on incident_sla (migrations 0022, 0025). */
export interface IncidentSlaRollupTable {
  month: string;
  service_id: string;
  team_id: string | null;
  escalation_policy_id: string | null;
  severity_key: string;
  delta: Generated<boolean>;
  incidents: string;
  counted: string;
  near_misses: string;
  tta_n: string;
  tta_sum: string;
  ttm_n: string;
  ttm_sum: string;
  ttr_n: string;
  ttr_sum: string;
  escalated: string;
  acked: string;
  acked_by_integration: string;
  settled_within: string;
  settled_breached: string;
  // Each clock's histogram (migration 0025): how many values in each octave of seconds, bucket 0 below 1 s.
  tta_h00: Generated<number>;
  tta_h01: Generated<number>;
  tta_h02: Generated<number>;
  tta_h03: Generated<number>;
  tta_h04: Generated<number>;
  tta_h05: Generated<number>;
  tta_h06: Generated<number>;
  tta_h07: Generated<number>;
  tta_h08: Generated<number>;
  tta_h09: Generated<number>;
  tta_h10: Generated<number>;
  tta_h11: Generated<number>;
  tta_h12: Generated<number>;
  tta_h13: Generated<number>;
  tta_h14: Generated<number>;
  tta_h15: Generated<number>;
  tta_h16: Generated<number>;
  tta_h17: Generated<number>;
  tta_h18: Generated<number>;
  tta_h19: Generated<number>;
  tta_h20: Generated<number>;
  tta_h21: Generated<number>;
  tta_h22: Generated<number>;
  tta_h23: Generated<number>;
  tta_h24: Generated<number>;
  ttm_h00: Generated<number>;
  ttm_h01: Generated<number>;
  ttm_h02: Generated<number>;
  ttm_h03: Generated<number>;
  ttm_h04: Generated<number>;
  ttm_h05: Generated<number>;
  ttm_h06: Generated<number>;
  ttm_h07: Generated<number>;
  ttm_h08: Generated<number>;
  ttm_h09: Generated<number>;
  ttm_h10: Generated<number>;
  ttm_h11: Generated<number>;
  ttm_h12: Generated<number>;
  ttm_h13: Generated<number>;
  ttm_h14: Generated<number>;
  ttm_h15: Generated<number>;
  ttm_h16: Generated<number>;
  ttm_h17: Generated<number>;
  ttm_h18: Generated<number>;
  ttm_h19: Generated<number>;
  ttm_h20: Generated<number>;
  ttm_h21: Generated<number>;
  ttm_h22: Generated<number>;
  ttm_h23: Generated<number>;
  ttm_h24: Generated<number>;
  ttr_h00: Generated<number>;
  ttr_h01: Generated<number>;
  ttr_h02: Generated<number>;
  ttr_h03: Generated<number>;
  ttr_h04: Generated<number>;
  ttr_h05: Generated<number>;
  ttr_h06: Generated<number>;
  ttr_h07: Generated<number>;
  ttr_h08: Generated<number>;
  ttr_h09: Generated<number>;
  ttr_h10: Generated<number>;
  ttr_h11: Generated<number>;
  ttr_h12: Generated<number>;
  ttr_h13: Generated<number>;
  ttr_h14: Generated<number>;
  ttr_h15: Generated<number>;
  ttr_h16: Generated<number>;
  ttr_h17: Generated<number>;
  ttr_h18: Generated<number>;
  ttr_h19: Generated<number>;
  ttr_h20: Generated<number>;
  ttr_h21: Generated<number>;
  ttr_h22: Generated<number>;
  ttr_h23: Generated<number>;
  ttr_h24: Generated<number>;
}

/** A read-only link to a report (migration 0016; analytics module). */
export interface AnalyticsShareLinksTable {
  id: string;
  name: string;
  token_hash: string;
  prefix: string;
  team_ids: Uuids;
  service_ids: Uuids;
  month: string | null;
  time_zone: Generated<string>;
  show_incident_titles: Generated<boolean>;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  last_opened_at: Timestamp | null;
}

/** An emailed monthly report (migration 0023; analytics module). */
export interface AnalyticsReportSubscriptionsTable {
  id: string;
  name: string;
  team_id: string | null;
  service_ids: Uuids;
  day_of_month: number;
  send_time: string;
  time_zone: string;
  recipient_user_ids: Uuids;
  recipient_emails: string[];
  show_incident_titles: boolean;
  paused: boolean;
  next_month: string;
  next_send_at: Timestamp;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One emailed report sent (migration 0023; analytics module). */
export interface AnalyticsReportDeliveriesTable {
  subscription_id: string;
  month: string;
  recipient: string;
  sent_at: Timestamp;
}

export type ComponentStatusValue =
  | 'operational'
  | 'degraded_performance'
  | 'partial_service_disruption'
  | 'service_disruption'
  | 'security_issue'
  | 'under_maintenance';
export type PageIncidentStateValue =
  'investigating' | 'identified' | 'monitoring' | 'resolved' | 'scheduled' | 'in_progress' | 'verifying' | 'completed';

export interface StatusPagesTable {
  id: string;
  slug: string;
  name: string;
  description: Generated<string>;
  visibility: 'public' | 'private';
  access_key: string | null;
  logo_url: string | null;
  brand_color: Generated<string>;
  link_color: Generated<string>;
  time_zone: Generated<string>;
  host_name: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StatusPageGroupsTable {
  id: string;
  page_id: string;
  name: string;
  position: Generated<number>;
  created_at: Timestamp;
}

export interface StatusPageComponentsTable {
  id: string;
  page_id: string;
  group_id: string | null;
  name: string;
  description: Generated<string>;
  position: Generated<number>;
  status: Generated<ComponentStatusValue>;
  service_id: string | null;
  status_from_signals: Generated<boolean>;
  status_overridden: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StatusPageIncidentsTable {
  id: string;
  seq: Generated<string>;
  page_id: string;
  title: string;
  state: PageIncidentStateValue;
  incident_id: string | null;
  disclosure_confirmed: Generated<boolean>;
  created_by_label: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  resolved_at: Timestamp | null;
  kind: Generated<'incident' | 'maintenance'>;
  scheduled_for: Timestamp | null;
  scheduled_until: Timestamp | null;
  next_transition_at: Timestamp | null;
}

export interface StatusPageIncidentComponentsTable {
  page_incident_id: string;
  component_id: string;
  status_before: ComponentStatusValue | null;
}

export interface StatusPageTemplatesTable {
  id: string;
  page_id: string;
  name: string;
  title: Generated<string>;
  body: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StatusPageIncidentUpdatesTable {
  id: string;
  seq: Generated<string>;
  page_incident_id: string;
  state: PageIncidentStateValue;
  body: string;
  created_by_label: string;
  created_at: Timestamp;
}

export interface StatusPageComponentHistoryTable {
  id: string;
  seq: Generated<string>;
  component_id: string;
  status: ComponentStatusValue;
  page_incident_id: string | null;
  set_by_label: string;
  at: Timestamp;
}

/** Status page subscribers (migration 0020; statuspages module). */
export interface StatusPageSubscribersTable {
  id: string;
  page_id: string;
  kind: 'email' | 'webhook';
  target: string;
  all_components: Generated<boolean>;
  confirmed_at: Timestamp | null;
  confirm_token_hash: string | null;
  confirm_requested_at: Timestamp | null;
  unsubscribe_token_hash: string;
  secret_version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StatusPageSubscriberComponentsTable {
  subscriber_id: string;
  component_id: string;
}

export interface StatusPageAnnouncersTable {
  id: string;
  page_id: string;
  kind: 'slack' | 'teams';
  url: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StatusPageDeliveriesTable {
  id: string;
  update_id: string;
  page_id: string;
  recipient_id: string;
  kind: 'email' | 'webhook' | 'slack' | 'teams';
  status: Generated<'pending' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

export interface Database {
  settings: SettingsTable;
  users: UsersTable;
  teams: TeamsTable;
  team_memberships: TeamMembershipsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  oidc_identities: OidcIdentitiesTable;
  oidc_login_states: OidcLoginStatesTable;
  audit_log: AuditLogTable;
  engine_jobs: EngineJobsTable;
  escalation_policies: EscalationPoliciesTable;
  chat_channels: ChatChannelsTable;
  services: ServicesTable;
  maintenance_windows: MaintenanceWindowsTable;
  integration_keys: IntegrationKeysTable;
  inbound_events: InboundEventsTable;
  incidents: IncidentsTable;
  incident_escalations: IncidentEscalationsTable;
  alerts: AlertsTable;
  alert_events: AlertEventsTable;
  incident_timeline: IncidentTimelineTable;
  incident_timeline_stars: IncidentTimelineStarsTable;
  incident_timeline_revisions: IncidentTimelineRevisionsTable;
  contact_methods: ContactMethodsTable;
  notification_rules: NotificationRulesTable;
  notifications: NotificationsTable;
  heartbeats: HeartbeatsTable;
  schedules: SchedulesTable;
  schedule_versions: ScheduleVersionsTable;
  schedule_overrides: ScheduleOverridesTable;
  schedule_swaps: ScheduleSwapsTable;
  calendar_feeds: CalendarFeedsTable;
  severities: SeveritiesTable;
  incident_categories: IncidentCategoriesTable;
  response_roles: ResponseRolesTable;
  incident_responses: IncidentResponsesTable;
  incident_updates: IncidentUpdatesTable;
  update_templates: UpdateTemplatesTable;
  incident_severity_changes: IncidentSeverityChangesTable;
  incident_role_holders: IncidentRoleHoldersTable;
  incident_handoffs: IncidentHandoffsTable;
  incident_impacted_services: IncidentImpactedServicesTable;
  incident_stakeholders: IncidentStakeholdersTable;
  incident_links: IncidentLinksTable;
  incident_document_revisions: IncidentDocumentRevisionsTable;
  incident_resolution_objectives: IncidentResolutionObjectivesTable;
  incident_followup_actions: IncidentFollowupActionsTable;
  incident_document_links: IncidentDocumentLinksTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  incident_changes: IncidentChangesTable;
  incident_changes_pruned: IncidentChangesPrunedTable;
  sla_targets: SlaTargetsTable;
  incident_sla: IncidentSlaTable;
  incident_sla_rollup: IncidentSlaRollupTable;
  analytics_share_links: AnalyticsShareLinksTable;
  analytics_report_subscriptions: AnalyticsReportSubscriptionsTable;
  analytics_report_deliveries: AnalyticsReportDeliveriesTable;
  status_pages: StatusPagesTable;
  status_page_groups: StatusPageGroupsTable;
  status_page_components: StatusPageComponentsTable;
  status_page_incidents: StatusPageIncidentsTable;
  status_page_incident_components: StatusPageIncidentComponentsTable;
  status_page_incident_updates: StatusPageIncidentUpdatesTable;
  status_page_component_history: StatusPageComponentHistoryTable;
  status_page_subscribers: StatusPageSubscribersTable;
  status_page_subscriber_components: StatusPageSubscriberComponentsTable;
  status_page_announcers: StatusPageAnnouncersTable;
  status_page_deliveries: StatusPageDeliveriesTable;
  status_page_templates: StatusPageTemplatesTable;
}

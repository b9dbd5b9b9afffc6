-- Paging core: services, escalation policies, integration keys, inbound
-- events, alerts, incidents with their timeline, contact methods, notification
-- rules, notifications, chat channels, heartbeats.

CREATE TABLE escalation_policies (
  id            uuid PRIMARY KEY,
  name          text NOT NULL,
  description   text NOT NULL DEFAULT '',
  team_id       uuid REFERENCES teams (id) ON DELETE SET NULL,
  -- [{ "delayMinutes": 15, "targets": [{ "type": "user"|"team"|"schedule"|"channel", "id": "..." }] }]
  levels        jsonb NOT NULL,
  -- How many more times the whole policy runs after the last level (0 = once).
  repeat_count  integer NOT NULL DEFAULT 0 CHECK (repeat_count BETWEEN 0 AND 9),
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL
);
CREATE UNIQUE INDEX escalation_policies_name_key ON escalation_policies (lower(name));

CREATE TABLE chat_channels (
  id          uuid PRIMARY KEY,
  type        text NOT NULL CHECK (type IN ('slack', 'teams', 'webhook')),
  name        text NOT NULL,
  -- Slack: the channel id; Teams and webhook: the URL to post to.
  target      text NOT NULL,
  settings    jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL
);
CREATE UNIQUE INDEX chat_channels_name_key ON chat_channels (lower(name));

CREATE TABLE services (
  id                    uuid PRIMARY KEY,
  slug                  text NOT NULL UNIQUE,
  name                  text NOT NULL,
  description           text NOT NULL DEFAULT '',
  team_id               uuid REFERENCES teams (id) ON DELETE SET NULL,
  escalation_policy_id  uuid NOT NULL REFERENCES escalation_policies (id) ON DELETE RESTRICT,
  time_zone             text NOT NULL DEFAULT 'UTC',
  -- null = always business hours; else { "days": [1..7 ISO weekdays], "start": "09:00", "end": "17:00" }
  business_hours        jsonb,
  -- ordered rules, first match wins: [{ "when": { "severity": [...] }, "urgency": "high"|"low", "priority": "P1".."P5" }]
  urgency_rules         jsonb NOT NULL,
  -- { "high": { "ackMinutes": 15, "resolveMinutes": 240 }, "low": { ... } }
  sla_targets           jsonb NOT NULL,
  -- { "mode": "dedup_key" } | { "mode": "window", "windowMinutes": 10, "field": "group"|"component"|"class"|"source" }
  grouping              jsonb NOT NULL DEFAULT '{"mode":"dedup_key"}'::jsonb,
  notice_channel_ids    uuid[] NOT NULL DEFAULT '{}',
  is_disabled           boolean NOT NULL DEFAULT false,
  created_at            timestamptz NOT NULL,
  updated_at            timestamptz NOT NULL
);

CREATE TABLE maintenance_windows (
  id          uuid PRIMARY KEY,
  service_id  uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
  starts_at   timestamptz NOT NULL,
  ends_at     timestamptz NOT NULL CHECK (ends_at > starts_at),
  reason      text NOT NULL DEFAULT '',
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL
);
CREATE INDEX maintenance_windows_service_idx ON maintenance_windows (service_id, ends_at);

-- An integration key routes events from one source into one service. The
-- routing key is the address senders use (like PagerDuty's integration key);
-- it is an identifier that can be rotated, not a user credential.
CREATE TABLE integration_keys (
  id           uuid PRIMARY KEY,
  service_id   uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
  type         text NOT NULL CHECK (type IN ('events_v2', 'alertmanager', 'grafana', 'datadog', 'webhook', 'email', 'heartbeat')),
  name         text NOT NULL,
  routing_key  text NOT NULL UNIQUE,
  -- webhook: field mapping; email: dedup rule; heartbeat: interval
  settings     jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL
);
CREATE INDEX integration_keys_service_idx ON integration_keys (service_id);

-- Every accepted event, stored before the sender hears 202, then processed in
-- order per (key, dedup key) by the engine.
CREATE TABLE inbound_events (
  id                  bigserial PRIMARY KEY,
  integration_key_id  uuid NOT NULL REFERENCES integration_keys (id) ON DELETE CASCADE,
  received_at         timestamptz NOT NULL,
  action              text NOT NULL CHECK (action IN ('trigger', 'acknowledge', 'resolve')),
  dedup_key           text NOT NULL,
  -- the normalised alert fields (summary, source, severity, links...)
  alert               jsonb NOT NULL,
  raw                 jsonb NOT NULL,
  processed_at        timestamptz,
  result              text
);
CREATE INDEX inbound_events_pending_idx ON inbound_events (id) WHERE processed_at IS NULL;
CREATE INDEX inbound_events_pending_key_idx ON inbound_events (integration_key_id, dedup_key, id) WHERE processed_at IS NULL;

CREATE SEQUENCE incident_number_seq;

CREATE TABLE incidents (
  id                   uuid PRIMARY KEY,
  number               bigint NOT NULL UNIQUE DEFAULT nextval('incident_number_seq'),
  service_id           uuid NOT NULL REFERENCES services (id) ON DELETE RESTRICT,
  title                text NOT NULL,
  status               text NOT NULL CHECK (status IN ('triggered', 'acknowledged', 'resolved')),
  urgency              text NOT NULL CHECK (urgency IN ('high', 'low')),
  priority             text CHECK (priority IN ('P1', 'P2', 'P3', 'P4', 'P5')),
  -- the grouping key alerts join on while the incident is open
  group_key            text,
  triggered_at         timestamptz NOT NULL,
  acknowledged_at      timestamptz,
  acknowledged_by      uuid REFERENCES users (id) ON DELETE SET NULL,
  resolved_at          timestamptz,
  resolved_by          uuid REFERENCES users (id) ON DELETE SET NULL,
  -- the policy as it was when the incident triggered (later edits do not apply)
  escalation_policy    jsonb NOT NULL,
  escalation_level     integer NOT NULL DEFAULT 0,
  escalation_loop      integer NOT NULL DEFAULT 0,
  -- when the engine should take the next escalation step; null = nothing due
  next_escalation_at   timestamptz,
  assignee_ids         uuid[] NOT NULL DEFAULT '{}',
  snoozed_until        timestamptz,
  alert_count          integer NOT NULL DEFAULT 0,
  created_by           text NOT NULL,
  created_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL
);
CREATE INDEX incidents_due_idx ON incidents (next_escalation_at) WHERE status = 'triggered' AND next_escalation_at IS NOT NULL;
CREATE INDEX incidents_service_idx ON incidents (service_id, triggered_at DESC);
CREATE INDEX incidents_status_idx ON incidents (status, triggered_at DESC);
CREATE UNIQUE INDEX incidents_open_group_idx ON incidents (service_id, group_key) WHERE status <> 'resolved' AND group_key IS NOT NULL;

CREATE TABLE alerts (
  id                  uuid PRIMARY KEY,
  service_id          uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
  integration_key_id  uuid REFERENCES integration_keys (id) ON DELETE SET NULL,
  incident_id         uuid REFERENCES incidents (id) ON DELETE SET NULL,
  dedup_key           text NOT NULL,
  status              text NOT NULL CHECK (status IN ('triggered', 'acknowledged', 'resolved', 'suppressed')),
  summary             text NOT NULL,
  source              text NOT NULL DEFAULT '',
  severity            text NOT NULL CHECK (severity IN ('critical', 'error', 'warning', 'info')),
  component           text,
  "group"             text,
  class               text,
  custom_details      jsonb,
  links               jsonb NOT NULL DEFAULT '[]'::jsonb,
  images              jsonb NOT NULL DEFAULT '[]'::jsonb,
  client              text,
  client_url          text,
  raw                 jsonb NOT NULL,
  trigger_count       integer NOT NULL DEFAULT 1,
  first_triggered_at  timestamptz NOT NULL,
  last_triggered_at   timestamptz NOT NULL,
  acknowledged_at     timestamptz,
  resolved_at         timestamptz,
  created_at          timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL
);
-- One open alert per dedup key within its integration key.
CREATE UNIQUE INDEX alerts_open_dedup_idx ON alerts (integration_key_id, dedup_key) WHERE status <> 'resolved';
CREATE INDEX alerts_incident_idx ON alerts (incident_id);

CREATE TABLE incident_timeline (
  id           bigserial PRIMARY KEY,
  incident_id  uuid NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  at           timestamptz NOT NULL,
  kind         text NOT NULL,
  actor_type   text NOT NULL,
  actor_id     text,
  actor_label  text NOT NULL,
  message      text NOT NULL,
  data         jsonb
);
CREATE INDEX incident_timeline_incident_idx ON incident_timeline (incident_id, id);

CREATE TABLE contact_methods (
  id                       uuid PRIMARY KEY,
  user_id                  uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  type                     text NOT NULL CHECK (type IN ('email', 'sms', 'voice', 'slack', 'webhook')),
  label                    text NOT NULL,
  address                  text NOT NULL,
  verified_at              timestamptz,
  verification_code_hash   text,
  verification_expires_at  timestamptz,
  verification_attempts    integer NOT NULL DEFAULT 0,
  disabled_at              timestamptz,
  created_at               timestamptz NOT NULL,
  updated_at               timestamptz NOT NULL
);
CREATE INDEX contact_methods_user_idx ON contact_methods (user_id);
CREATE UNIQUE INDEX contact_methods_user_address_key ON contact_methods (user_id, type, address);

CREATE TABLE notification_rules (
  id                 uuid PRIMARY KEY,
  user_id            uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  contact_method_id  uuid NOT NULL REFERENCES contact_methods (id) ON DELETE CASCADE,
  urgency            text NOT NULL CHECK (urgency IN ('high', 'low')),
  delay_minutes      integer NOT NULL CHECK (delay_minutes BETWEEN 0 AND 1440),
  created_at         timestamptz NOT NULL
);
CREATE INDEX notification_rules_user_idx ON notification_rules (user_id, urgency, delay_minutes);

-- One row per message Tocsin sends (or decides not to send), with its fate.
CREATE TABLE notifications (
  id                   uuid PRIMARY KEY,
  idempotency_key      text NOT NULL UNIQUE,
  kind                 text NOT NULL CHECK (kind IN ('page', 'bundle', 'test', 'verification', 'channel_notice', 'handoff', 'status_update')),
  incident_id          uuid REFERENCES incidents (id) ON DELETE CASCADE,
  user_id              uuid REFERENCES users (id) ON DELETE CASCADE,
  contact_method_id    uuid REFERENCES contact_methods (id) ON DELETE SET NULL,
  channel_id           uuid REFERENCES chat_channels (id) ON DELETE SET NULL,
  status               text NOT NULL CHECK (status IN ('queued', 'sent', 'delivered', 'failed', 'skipped', 'bundled')),
  provider             text,
  provider_message_id  text,
  -- what the person replies (SMS) to act on this incident
  reply_code           text,
  error                text,
  attempts             integer NOT NULL DEFAULT 0,
  send_at              timestamptz NOT NULL,
  sent_at              timestamptz,
  created_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL
);
CREATE INDEX notifications_incident_idx ON notifications (incident_id, created_at);
CREATE INDEX notifications_method_recent_idx ON notifications (contact_method_id, sent_at);
CREATE INDEX notifications_provider_message_idx ON notifications (provider, provider_message_id);

CREATE TABLE heartbeats (
  integration_key_id  uuid PRIMARY KEY REFERENCES integration_keys (id) ON DELETE CASCADE,
  interval_seconds    integer NOT NULL CHECK (interval_seconds BETWEEN 60 AND 604800),
  last_ping_at        timestamptz,
  -- when silence becomes an alert; the engine checks rows past it
  next_due_at         timestamptz,
  is_failing          boolean NOT NULL DEFAULT false
);
CREATE INDEX heartbeats_due_idx ON heartbeats (next_due_at) WHERE next_due_at IS NOT NULL;

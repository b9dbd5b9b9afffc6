-- SLA analytics (docs/analytics.md, ADR 21): the organisation's SLA targets,
-- and one snapshot row per incident written when it opens (team, policy,
-- urgency, priority, severity, targets and their due instants) and kept up to
-- date with the first acknowledgement, mitigation, resolution, escalations and
-- merges. Written only by the analytics module; everything else it reports is
-- read by joins.

CREATE TABLE sla_targets (
  -- 'severity' (S1..S4: declared incidents) or 'urgency' (high, low: paged-only incidents)
  scope                   text NOT NULL CHECK (scope IN ('severity', 'urgency')),
  key                     text NOT NULL CHECK (key IN ('S1', 'S2', 'S3', 'S4', 'high', 'low')),
  ack_minutes             integer CHECK (ack_minutes BETWEEN 1 AND 525600),
  -- count the minutes in the service's business hours (else wall time)
  ack_business_hours      boolean NOT NULL DEFAULT false,
  resolve_minutes         integer CHECK (resolve_minutes BETWEEN 1 AND 525600),
  resolve_business_hours  boolean NOT NULL DEFAULT false,
  updated_at              timestamptz NOT NULL,
  PRIMARY KEY (scope, key),
  CHECK ((scope = 'severity') = (key IN ('S1', 'S2', 'S3', 'S4')))
);

INSERT INTO sla_targets (scope, key, ack_minutes, ack_business_hours, resolve_minutes, resolve_business_hours, updated_at) VALUES
  ('severity', 'S1', 15, false, 240, false, now()),
  ('severity', 'S2', 15, false, 480, false, now()),
  ('severity', 'S3', 60, false, 1440, true, now()),
  ('severity', 'S4', 480, true, 2400, true, now()),
  ('urgency', 'high', 15, false, 240, false, now()),
  ('urgency', 'low', 480, true, 2400, true, now());

CREATE TABLE incident_sla (
  incident_id             uuid PRIMARY KEY REFERENCES incidents (id) ON DELETE CASCADE,
  -- = incidents.triggered_at, copied so period reports index on it with the team
  opened_at               timestamptz NOT NULL,
  service_id              uuid NOT NULL,
  team_id                 uuid,
  escalation_policy_id    uuid,
  urgency                 text NOT NULL CHECK (urgency IN ('high', 'low')),
  priority                text CHECK (priority IN ('P1', 'P2', 'P3', 'P4', 'P5')),
  -- the severity it was declared with; null for a paged-only incident
  severity                text CHECK (severity IN ('S1', 'S2', 'S3', 'S4')),
  near_miss               boolean NOT NULL DEFAULT false,
  -- the service's business hours and zone at open, for targets counted in business hours
  time_zone               text NOT NULL,
  business_hours          jsonb,
  ack_target_minutes      integer,
  ack_business_hours      boolean NOT NULL DEFAULT false,
  ack_due_at              timestamptz,
  resolve_target_minutes  integer,
  resolve_business_hours  boolean NOT NULL DEFAULT false,
  resolve_due_at          timestamptz,
  first_ack_at            timestamptz,
  -- 'person' or 'integration' (any system actor)
  first_ack_kind          text CHECK (first_ack_kind IN ('person', 'integration')),
  first_ack_by            uuid,
  mitigated_at            timestamptz,
  resolved_at             timestamptz,
  reopen_count            integer NOT NULL DEFAULT 0,
  -- steps past the policy's first level, and reassignments
  escalation_count        integer NOT NULL DEFAULT 0,
  paged_user_ids          uuid[] NOT NULL DEFAULT '{}',
  merged_into             uuid,
  updated_at              timestamptz NOT NULL
);
CREATE INDEX incident_sla_opened_idx ON incident_sla (opened_at);
CREATE INDEX incident_sla_team_opened_idx ON incident_sla (team_id, opened_at);
CREATE INDEX incident_sla_service_opened_idx ON incident_sla (service_id, opened_at);
-- open incidents past a due instant (the compliance gauge and "pending")
CREATE INDEX incident_sla_open_idx ON incident_sla (opened_at) WHERE resolved_at IS NULL;

-- Incidents opened before analytics existed: their snapshot is what can be
-- known now (the service's current team, wall-time urgency targets).
INSERT INTO incident_sla (incident_id, opened_at, service_id, team_id, escalation_policy_id, urgency, priority,
                          severity, near_miss, time_zone, business_hours, first_ack_at, first_ack_kind, first_ack_by,
                          resolved_at, updated_at)
SELECT i.id, i.triggered_at, i.service_id, s.team_id, s.escalation_policy_id, i.urgency, i.priority,
       r.severity, coalesce(r.near_miss, false), s.time_zone, s.business_hours, i.acknowledged_at,
       CASE WHEN i.acknowledged_at IS NULL THEN NULL WHEN i.acknowledged_by IS NULL THEN 'integration' ELSE 'person' END,
       i.acknowledged_by, coalesce(r.resolved_at, i.resolved_at), now()
FROM incidents i
JOIN services s ON s.id = i.service_id
LEFT JOIN incident_responses r ON r.incident_id = i.id;

-- Read-only links to a report for people without an account: scoped to teams
-- and services, a fixed month or the rolling last month; never private
-- incidents; expiring and revocable. The token is shown once; only its
-- SHA-256 is stored.
CREATE TABLE analytics_share_links (
  id                    uuid PRIMARY KEY,
  name                  text NOT NULL,
  token_hash            text NOT NULL UNIQUE,
  prefix                text NOT NULL,
  team_ids              uuid[] NOT NULL DEFAULT '{}',
  service_ids           uuid[] NOT NULL DEFAULT '{}',
  -- YYYY-MM; null = the month before the one the link is opened in
  month                 text CHECK (month ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  time_zone             text NOT NULL DEFAULT 'UTC',
  show_incident_titles  boolean NOT NULL DEFAULT false,
  expires_at            timestamptz NOT NULL,
  revoked_at            timestamptz,
  created_by            uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at            timestamptz NOT NULL,
  last_opened_at        timestamptz
);

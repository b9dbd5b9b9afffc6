-- Incident response beside paging (ADR 17): severity, stage, category,
-- impacted services, roles with one owner, hand-offs, stakeholders, links,
-- and the rules' due times. Written only by the response module, except
-- incidents.declared_at (the incidents module's: it behaves differently for
-- a declared incident).
--
-- Forward-only. db/migrate.ts applies it in one transaction under the
-- migration advisory lock.

ALTER TABLE incidents ADD COLUMN declared_at timestamptz;

-- The organisation's severity definitions: four fixed keys, each with the
-- response settings that depend on it.
CREATE TABLE severities (
  key                      text PRIMARY KEY CHECK (key IN ('S1', 'S2', 'S3', 'S4')),
  name                     text NOT NULL,
  description              text NOT NULL DEFAULT '',
  -- declaring it, or raising an incident to it, engages the IMOC at once
  engages_imoc             boolean NOT NULL,
  -- Investigating this long after the EOC engaged engages the IMOC (null = never)
  investigating_minutes    integer CHECK (investigating_minutes BETWEEN 1 AND 10080),
  -- paging unacknowledged this long after declaration engages the IMOC (null = never)
  unacknowledged_minutes   integer CHECK (unacknowledged_minutes BETWEEN 1 AND 10080),
  -- the owner troubleshooting this long is reminded to call for backup (null = never)
  troubleshoot_minutes     integer CHECK (troubleshoot_minutes BETWEEN 1 AND 10080),
  -- the optional declaration steps ticked by default, e.g. {"pageImoc": true}
  default_steps            jsonb NOT NULL DEFAULT '{}',
  updated_at               timestamptz NOT NULL
);

INSERT INTO severities (key, name, description, engages_imoc, investigating_minutes, unacknowledged_minutes, troubleshoot_minutes, default_steps, updated_at) VALUES
  ('S1', 'Critical', 'A service is down or data is at risk for many customers: all hands, public communication.', true, 30, 15, 15, '{"pageImoc": true, "pageCmoc": true}', now()),
  ('S2', 'Major', 'Customers are visibly impacted (SLO breached) on an important path, or a workaround is hard.', true, 30, 15, 30, '{"pageImoc": true}', now()),
  ('S3', 'Minor', 'Limited impact: a subset of customers or a non-critical feature; a workaround exists.', false, 30, 15, 60, '{}', now()),
  ('S4', 'Low', 'Little or no customer impact yet: worth investigating in the open. Cheap to declare.', false, 30, 15, 120, '{}', now());

CREATE TABLE incident_categories (
  slug         text PRIMARY KEY CHECK (slug ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
  name         text NOT NULL,
  description  text NOT NULL DEFAULT '',
  builtin      boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL
);

INSERT INTO incident_categories (slug, name, description, builtin, created_at) VALUES
  ('outage', 'Outage', 'A service is unavailable.', true, now()),
  ('degradation', 'Degradation', 'A service is slow or failing for some requests.', true, now()),
  ('security', 'Security', 'A vulnerability or unauthorized access.', true, now()),
  ('data_loss', 'Data loss', 'Data did not reach its destination, was not saved, or was deleted by accident.', true, now()),
  ('data_corruption', 'Data corruption', 'Data was saved wrong.', true, now()),
  ('data_non_compliance', 'Data non-compliance', 'Data theft or inappropriate access.', true, now());

-- The roles people hold during an incident. Owning roles have a rank (1 is
-- engaged first); ownership passes to the highest engaged rank.
CREATE TABLE response_roles (
  id           uuid PRIMARY KEY,
  slug         text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
  name         text NOT NULL,
  -- what seed 001 calls the same role ("Incident commander", "Communications")
  alias        text NOT NULL DEFAULT '',
  description  text NOT NULL DEFAULT '',
  rank         integer UNIQUE CHECK (rank BETWEEN 1 AND 20),
  -- who holds it now, when engaged without naming someone
  schedule_id  uuid REFERENCES schedules (id) ON DELETE SET NULL,
  builtin      boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL
);

INSERT INTO response_roles (id, slug, name, alias, description, rank, builtin, created_at, updated_at) VALUES
  ('00000000-0000-7000-8000-000000000e0c', 'eoc', 'Engineer on call', '', 'Usually the first person paged. Owns the incident until the IMOC engages; investigates and fixes.', 1, true, now(), now()),
  ('00000000-0000-7000-8000-0000000001c0', 'imoc', 'Incident manager on call', 'Incident commander', 'Coordinates when resolution needs several parties: engages people, delegates, keeps the state document. Not doing technical work.', 2, true, now(), now()),
  ('00000000-0000-7000-8000-0000000000c0', 'cmoc', 'Communications manager on call', 'Communications', 'Tells stakeholders and customers: status page, internal updates, at the pace the severity asks.', 3, true, now(), now()),
  ('00000000-0000-7000-8000-00000000e591', 'engineer', 'Engineer / SME', '', 'Does operational work at the EOC''s or IMOC''s request.', NULL, true, now(), now()),
  ('00000000-0000-7000-8000-000000005c1b', 'scribe', 'Scribe', '', 'Keeps the timeline and notes while others work.', NULL, true, now(), now());

-- One row per declared incident.
CREATE TABLE incident_responses (
  incident_id       uuid PRIMARY KEY REFERENCES incidents (id) ON DELETE CASCADE,
  severity          text NOT NULL REFERENCES severities (key),
  stage             text NOT NULL CHECK (stage IN ('investigating', 'identified', 'monitoring', 'resolved', 'closed')),
  category          text REFERENCES incident_categories (slug) ON UPDATE CASCADE,
  near_miss         boolean NOT NULL DEFAULT false,
  -- the holder of the highest-ranked engaged owning role, written with every change of holders
  owner_id          uuid REFERENCES users (id) ON DELETE SET NULL,
  owner_role_id     uuid REFERENCES response_roles (id) ON DELETE SET NULL,
  owner_since       timestamptz,
  declared_by       uuid REFERENCES users (id) ON DELETE SET NULL,
  declared_by_label text NOT NULL,
  declared_at       timestamptz NOT NULL,
  -- how it came: declared by a responder, reported by someone not on call, promoted from a paged incident
  origin            text NOT NULL CHECK (origin IN ('declared', 'reported', 'promoted')),
  -- the chat channel the declarer announced it in; changes are posted there too
  announce_channel_id uuid REFERENCES chat_channels (id) ON DELETE SET NULL,
  stage_changed_at  timestamptz NOT NULL,
  resolved_at       timestamptz,
  closed_at         timestamptz,
  -- the start checklist items people ticked by hand (those Tocsin knows tick themselves)
  checklist_ticked  text[] NOT NULL DEFAULT '{}',
  -- the rules already settled (fired, or found not needed), each at most once
  rules_settled     text[] NOT NULL DEFAULT '{}',
  -- the earliest instant a rule could fire; null = none pending
  next_rule_at      timestamptz,
  updated_at        timestamptz NOT NULL
);
CREATE INDEX incident_responses_rule_due_idx ON incident_responses (next_rule_at) WHERE next_rule_at IS NOT NULL;
CREATE INDEX incident_responses_owner_idx ON incident_responses (owner_id);

CREATE TABLE incident_severity_changes (
  id              uuid PRIMARY KEY,
  incident_id     uuid NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  from_severity   text REFERENCES severities (key),
  to_severity     text NOT NULL REFERENCES severities (key),
  changed_by      uuid REFERENCES users (id) ON DELETE SET NULL,
  changed_by_label text NOT NULL,
  reason          text NOT NULL DEFAULT '',
  changed_at      timestamptz NOT NULL
);
CREATE INDEX incident_severity_changes_incident_idx ON incident_severity_changes (incident_id, changed_at);

CREATE TABLE incident_role_holders (
  id               uuid PRIMARY KEY,
  incident_id      uuid NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  role_id          uuid NOT NULL REFERENCES response_roles (id) ON DELETE CASCADE,
  user_id          uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- when they were engaged (asked, and paged unless already): the role is theirs from then
  engaged_at       timestamptz NOT NULL,
  engaged_by_label text NOT NULL,
  -- when they took it up themselves (took it, accepted a hand-off, declared it, or answered the request);
  -- null while only asked. Ownership passes to an owning role's holder once they took it up (seed 004).
  accepted_at      timestamptz,
  -- how they came to hold it: engaged (by someone, a rule or a schedule), took it, or accepted a hand-off
  how              text NOT NULL CHECK (how IN ('engaged', 'took', 'handoff', 'declared')),
  paged            boolean NOT NULL,
  ended_at         timestamptz
);
CREATE UNIQUE INDEX incident_role_holders_current_idx ON incident_role_holders (incident_id, role_id) WHERE ended_at IS NULL;
CREATE INDEX incident_role_holders_user_idx ON incident_role_holders (user_id) WHERE ended_at IS NULL;

CREATE TABLE incident_handoffs (
  id            uuid PRIMARY KEY,
  incident_id   uuid NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  role_id       uuid NOT NULL REFERENCES response_roles (id) ON DELETE CASCADE,
  from_user_id  uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  to_user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  note          text NOT NULL DEFAULT '',
  state         text NOT NULL CHECK (state IN ('pending', 'accepted', 'declined', 'cancelled')),
  requested_at  timestamptz NOT NULL,
  settled_at    timestamptz
);
CREATE UNIQUE INDEX incident_handoffs_pending_idx ON incident_handoffs (incident_id, role_id) WHERE state = 'pending';

CREATE TABLE incident_impacted_services (
  incident_id  uuid NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  service_id   uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
  PRIMARY KEY (incident_id, service_id)
);

CREATE TABLE incident_stakeholders (
  incident_id  uuid NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  reason       text NOT NULL CHECK (reason IN ('reporter', 'subscriber')),
  added_at     timestamptz NOT NULL,
  PRIMARY KEY (incident_id, user_id)
);

-- Related incidents (both directions are written) and merges (from the merged one to the one it joined).
CREATE TABLE incident_links (
  incident_id       uuid NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  other_id          uuid NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  kind              text NOT NULL CHECK (kind IN ('related', 'merged_into', 'merged_from')),
  created_by_label  text NOT NULL,
  created_at        timestamptz NOT NULL,
  PRIMARY KEY (incident_id, other_id),
  CHECK (incident_id <> other_id)
);

-- The live state document of a declared incident (seed 001 "Documenting an
-- Incident"): versioned text sections, resolution objectives, post-incident
-- actions and links. Written only by the documents module.
--
-- Forward-only. db/migrate.ts applies it in one transaction under the
-- migration advisory lock.

-- Every saved version of a text section; the current text is the highest
-- version. A save inserts base + 1: two saves from the same base meet on the
-- primary key, so the second is refused instead of overwriting the first.
CREATE TABLE incident_document_revisions (
  incident_id     uuid NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  section         text NOT NULL CHECK (section IN ('summary', 'detailed_status', 'stakeholders')),
  version         integer NOT NULL CHECK (version > 0),
  body            text NOT NULL,
  saved_by        uuid REFERENCES users (id) ON DELETE SET NULL,
  saved_by_label  text NOT NULL,
  saved_at        timestamptz NOT NULL,
  PRIMARY KEY (incident_id, section, version)
);

-- Measurable criteria to declare the incident resolved.
CREATE TABLE incident_resolution_objectives (
  id               uuid PRIMARY KEY,
  -- the order they were added in, even within one millisecond
  seq              bigserial NOT NULL,
  incident_id      uuid NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  text             text NOT NULL,
  met_at           timestamptz,
  met_by_label     text,
  created_by_label text NOT NULL,
  created_at       timestamptz NOT NULL,
  CHECK ((met_at IS NULL) = (met_by_label IS NULL))
);
CREATE INDEX incident_resolution_objectives_incident ON incident_resolution_objectives (incident_id, seq);

-- What to do afterwards: the seed of the postmortem's action plan.
CREATE TABLE incident_followup_actions (
  id               uuid PRIMARY KEY,
  -- the order they were added in, even within one millisecond
  seq              bigserial NOT NULL,
  incident_id      uuid NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  text             text NOT NULL,
  owner_id         uuid REFERENCES users (id) ON DELETE SET NULL,
  due_date         date,
  created_by_label text NOT NULL,
  created_at       timestamptz NOT NULL
);
CREATE INDEX incident_followup_actions_incident ON incident_followup_actions (incident_id, seq);

-- Dashboards, runbooks, rooms.
CREATE TABLE incident_document_links (
  id               uuid PRIMARY KEY,
  -- the order they were added in, even within one millisecond
  seq              bigserial NOT NULL,
  incident_id      uuid NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  label            text NOT NULL,
  url              text NOT NULL,
  created_by_label text NOT NULL,
  created_at       timestamptz NOT NULL
);
CREATE INDEX incident_document_links_incident ON incident_document_links (incident_id, seq);

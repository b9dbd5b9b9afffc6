-- Status pages (issue 13): public or private pages with components in
-- groups, each component's status and its history, and page incidents with
-- their affected components and updates. Written only by the statuspages
-- module. The rendered page is not stored here: each node renders it from
-- these rows and keeps the last render in memory and in its data folder.
--
-- Forward-only. db/migrate.ts applies it in one transaction under the
-- migration advisory lock.

CREATE TABLE status_pages (
  id               uuid PRIMARY KEY,
  slug             text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  description      text NOT NULL DEFAULT '' CHECK (length(description) <= 500),
  -- public: anyone; private: signed-in members, or whoever has the secret link
  visibility       text NOT NULL CHECK (visibility IN ('public', 'private')),
  -- the key of the private page's secret link (null: no link)
  access_key       text,
  logo_url         text CHECK (length(logo_url) <= 2000),
  brand_color      text NOT NULL DEFAULT '#1f4e8c' CHECK (brand_color ~ '^#[0-9a-f]{6}$'),
  link_color       text NOT NULL DEFAULT '#1f4e8c' CHECK (link_color ~ '^#[0-9a-f]{6}$'),
  time_zone        text NOT NULL DEFAULT 'UTC',
  -- the host name it answers for (status.example.com), lower case
  host_name        text UNIQUE CHECK (length(host_name) <= 253),
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL
);

CREATE TABLE status_page_groups (
  id          uuid PRIMARY KEY,
  page_id     uuid NOT NULL REFERENCES status_pages (id) ON DELETE CASCADE,
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  position    integer NOT NULL DEFAULT 0,
  created_at  timestamptz NOT NULL,
  UNIQUE (page_id, name)
);

CREATE TABLE status_page_components (
  id           uuid PRIMARY KEY,
  page_id      uuid NOT NULL REFERENCES status_pages (id) ON DELETE CASCADE,
  group_id     uuid REFERENCES status_page_groups (id) ON DELETE SET NULL,
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  description  text NOT NULL DEFAULT '' CHECK (length(description) <= 500),
  position     integer NOT NULL DEFAULT 0,
  status       text NOT NULL DEFAULT 'operational' CHECK (status IN (
    'operational', 'degraded_performance', 'partial_service_disruption', 'service_disruption', 'security_issue')),
  -- the Tocsin service it follows, if any
  service_id   uuid REFERENCES services (id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL,
  UNIQUE (page_id, name)
);
CREATE INDEX status_page_components_page_idx ON status_page_components (page_id, position);

CREATE TABLE status_page_incidents (
  id                   uuid PRIMARY KEY,
  -- the order of writing, for rows written at the same instant
  seq                  bigint GENERATED ALWAYS AS IDENTITY,
  page_id              uuid NOT NULL REFERENCES status_pages (id) ON DELETE CASCADE,
  title                text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  state                text NOT NULL CHECK (state IN ('investigating', 'identified', 'monitoring', 'resolved')),
  -- the internal incident it tells the public about, if any
  incident_id          uuid REFERENCES incidents (id) ON DELETE SET NULL,
  -- someone confirmed that a private or security incident may be published
  disclosure_confirmed boolean NOT NULL DEFAULT false,
  created_by_label     text NOT NULL,
  created_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL,
  resolved_at          timestamptz
);
CREATE INDEX status_page_incidents_page_idx ON status_page_incidents (page_id, created_at DESC);
CREATE INDEX status_page_incidents_incident_idx ON status_page_incidents (incident_id) WHERE incident_id IS NOT NULL;

CREATE TABLE status_page_incident_components (
  page_incident_id  uuid NOT NULL REFERENCES status_page_incidents (id) ON DELETE CASCADE,
  component_id      uuid NOT NULL REFERENCES status_page_components (id) ON DELETE CASCADE,
  PRIMARY KEY (page_incident_id, component_id)
);

CREATE TABLE status_page_incident_updates (
  id                uuid PRIMARY KEY,
  seq               bigint GENERATED ALWAYS AS IDENTITY,
  page_incident_id  uuid NOT NULL REFERENCES status_page_incidents (id) ON DELETE CASCADE,
  state             text NOT NULL CHECK (state IN ('investigating', 'identified', 'monitoring', 'resolved')),
  body              text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
  created_by_label  text NOT NULL,
  created_at        timestamptz NOT NULL
);
CREATE INDEX status_page_incident_updates_idx ON status_page_incident_updates (page_incident_id, created_at);

-- Each change of a component's status, for its history (and later its uptime).
CREATE TABLE status_page_component_history (
  id                uuid PRIMARY KEY,
  seq               bigint GENERATED ALWAYS AS IDENTITY,
  component_id      uuid NOT NULL REFERENCES status_page_components (id) ON DELETE CASCADE,
  status            text NOT NULL,
  page_incident_id  uuid REFERENCES status_page_incidents (id) ON DELETE SET NULL,
  set_by_label      text NOT NULL,
  at                timestamptz NOT NULL
);
CREATE INDEX status_page_component_history_idx ON status_page_component_history (component_id, at DESC);

-- Open incident pages show what was published about them (ADR 19's live
-- notes): a page incident written or changed tells its internal incident's
-- screens, as a status update does.
CREATE TRIGGER live_insert AFTER INSERT ON status_page_incidents
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION live_note_changes('updates');
CREATE TRIGGER live_update AFTER UPDATE ON status_page_incidents
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION live_note_changes('updates');

-- Status page subscribers (issue 13): email subscribers with double opt-in,
-- webhook subscribers an admin adds, the page's Slack and Teams
-- announcement URLs, and one delivery row per (page update, recipient) so
-- each recipient is told about each update once. Written only by the
-- statuspages module.
--
-- Any row inserted into status_page_incident_updates (a page incident's
-- update, or whatever else writes page updates later, such as maintenance)
-- queues its fan-out job in the same transaction (trigger below), so no code
-- path can publish an update that subscribers are not told about.
--
-- Forward-only. db/migrate.ts applies it in one transaction under the
-- migration advisory lock.

CREATE TABLE status_page_subscribers (
  id                  uuid PRIMARY KEY,
  page_id             uuid NOT NULL REFERENCES status_pages (id) ON DELETE CASCADE,
  kind                text NOT NULL CHECK (kind IN ('email', 'webhook')),
  -- email: the address in lower case; webhook: the URL
  target              text NOT NULL CHECK (length(target) BETWEEN 3 AND 2000),
  -- false: only the components in status_page_subscriber_components
  all_components      boolean NOT NULL DEFAULT true,
  -- null until the address confirmed (webhooks are confirmed when an admin adds them)
  confirmed_at        timestamptz,
  -- SHA-256 of the confirmation link's token (never the token), null once confirmed
  confirm_token_hash  text UNIQUE,
  -- when the current confirmation was asked for (the token is derived from it)
  confirm_requested_at timestamptz,
  -- SHA-256 of the unsubscribe link's token
  unsubscribe_token_hash text NOT NULL UNIQUE,
  -- webhook signing key version
  secret_version      integer NOT NULL DEFAULT 1,
  created_at          timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL,
  UNIQUE (page_id, kind, target)
);

CREATE TABLE status_page_subscriber_components (
  subscriber_id  uuid NOT NULL REFERENCES status_page_subscribers (id) ON DELETE CASCADE,
  component_id   uuid NOT NULL REFERENCES status_page_components (id) ON DELETE CASCADE,
  PRIMARY KEY (subscriber_id, component_id)
);
CREATE INDEX status_page_subscriber_components_component_idx ON status_page_subscriber_components (component_id);

-- Where a page's updates are announced in chat: incoming-webhook URLs an admin set.
CREATE TABLE status_page_announcers (
  id          uuid PRIMARY KEY,
  page_id     uuid NOT NULL REFERENCES status_pages (id) ON DELETE CASCADE,
  kind        text NOT NULL CHECK (kind IN ('slack', 'teams')),
  url         text NOT NULL CHECK (length(url) BETWEEN 8 AND 2000),
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  UNIQUE (page_id, kind)
);

-- One row per page update and recipient (a subscriber or an announcer): the
-- unique pair is what makes each recipient told once.
CREATE TABLE status_page_deliveries (
  id            uuid PRIMARY KEY,
  update_id     uuid NOT NULL REFERENCES status_page_incident_updates (id) ON DELETE CASCADE,
  page_id       uuid NOT NULL REFERENCES status_pages (id) ON DELETE CASCADE,
  -- a status_page_subscribers or status_page_announcers id
  recipient_id  uuid NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('email', 'webhook', 'slack', 'teams')),
  status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts      integer NOT NULL DEFAULT 0,
  error         text,
  created_at    timestamptz NOT NULL,
  sent_at       timestamptz,
  UNIQUE (update_id, recipient_id)
);
CREATE INDEX status_page_deliveries_recipient_idx ON status_page_deliveries (recipient_id);

-- Every page update queues its fan-out (idempotent by key), due at the
-- update's own time (the injected clock's), and wakes the engines.
CREATE FUNCTION status_page_update_fan_out() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO engine_jobs (kind, key, payload, run_at, max_attempts, created_at)
  VALUES ('statuspages.fan-out', 'statuspages.fan-out:' || NEW.id,
          jsonb_build_object('updateId', NEW.id), NEW.created_at, 8, NEW.created_at)
  ON CONFLICT (key) DO NOTHING;
  PERFORM pg_notify('tocsin_engine', 'statuspages.fan-out');
  RETURN NULL;
END $$;

CREATE TRIGGER fan_out AFTER INSERT ON status_page_incident_updates
  FOR EACH ROW EXECUTE FUNCTION status_page_update_fan_out();

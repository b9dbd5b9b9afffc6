-- Outbound webhooks: the URLs an administrator subscribes to incident
-- events, and the log of what was sent to each. Written only by the
-- webhooks module.
--
-- No signing secret is stored: a subscription's key is derived from the base
-- secret, its id and secret_version (rotating bumps the version), so it can
-- sign without being kept in clear.
--
-- Forward-only. db/migrate.ts applies it in one transaction under the
-- migration advisory lock.

CREATE TABLE webhook_subscriptions (
  id              uuid PRIMARY KEY,
  url             text NOT NULL CHECK (length(url) <= 2000),
  -- the event names it receives; null = every incident event
  events          text[],
  enabled         boolean NOT NULL DEFAULT true,
  description     text NOT NULL DEFAULT '',
  secret_version  integer NOT NULL DEFAULT 1 CHECK (secret_version >= 1),
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL
);

-- One row per event sent (or to be sent) to one subscription; a redelivery
-- is a new row with the same event id. The last attempt's outcome is kept.
CREATE TABLE webhook_deliveries (
  id                uuid PRIMARY KEY,
  subscription_id   uuid NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
  -- the payload's id: the same on every attempt and redelivery of one event
  event_id          uuid NOT NULL,
  event             text NOT NULL,
  incident_id       uuid,
  occurred_at       timestamptz NOT NULL,
  data              jsonb NOT NULL,
  status            text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts          integer NOT NULL DEFAULT 0,
  status_code       integer,
  duration_ms       integer,
  error             text,
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL
);
-- A subscription's log newest first, a page at a time (ids are time-ordered).
CREATE INDEX webhook_deliveries_subscription_idx ON webhook_deliveries (subscription_id, id DESC);

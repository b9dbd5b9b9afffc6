-- Every event an alert received (trigger, acknowledge, resolve), as received:
-- PagerDuty's alert log. The alerts reconciler writes a batch's rows in one
-- statement with the batch (ADR 14) and keeps only the newest 100 per alert
-- (docs/integrations.md). The payload is stored as received; readers redact
-- it like the alert's own raw payload (modules/alerts/redact.ts).
CREATE TABLE alert_events (
  id                bigserial PRIMARY KEY,
  alert_id          uuid NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
  inbound_event_id  bigint NOT NULL,
  action            text NOT NULL CHECK (action IN ('trigger', 'acknowledge', 'resolve')),
  received_at       timestamptz NOT NULL,
  source            text NOT NULL DEFAULT '',
  summary           text,
  payload           jsonb NOT NULL
);
-- An alert's events newest first, a page at a time, and the pruning past the newest 100.
CREATE INDEX alert_events_alert_idx ON alert_events (alert_id, id DESC);

-- Status updates on a declared incident (issue #12; seeds 003 and 004): the
-- updates posted, the organisation's canned text per stage, and the cadence
-- per severity with the due time of the next reminder. Written only by the
-- response module.
--
-- Forward-only. db/migrate.ts applies it in one transaction under the
-- migration advisory lock.

-- How often a declared incident of this severity owes its stakeholders an update (null = no cadence).
ALTER TABLE severities ADD COLUMN update_minutes integer CHECK (update_minutes BETWEEN 1 AND 10080);
UPDATE severities SET update_minutes = CASE key WHEN 'S1' THEN 30 WHEN 'S2' THEN 60 WHEN 'S3' THEN 240 END;

-- The cadence's clock: the last update posted (null = none yet, counted from declared_at), the last
-- reminder, and when the next reminder falls due (null = none pending).
ALTER TABLE incident_responses
  ADD COLUMN last_update_at timestamptz,
  ADD COLUMN update_reminded_at timestamptz,
  ADD COLUMN next_update_reminder_at timestamptz;
CREATE INDEX incident_responses_update_due_idx ON incident_responses (next_update_reminder_at)
  WHERE next_update_reminder_at IS NOT NULL;

CREATE TABLE incident_updates (
  id              uuid PRIMARY KEY,
  incident_id     uuid NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  message         text NOT NULL,
  -- the stage the incident was in once the update was posted
  stage           text NOT NULL CHECK (stage IN ('investigating', 'identified', 'monitoring', 'resolved', 'closed')),
  -- where it went: 'internal' always, 'channel' when the incident has an announce channel (open-ended)
  audience        text[] NOT NULL,
  posted_by       uuid REFERENCES users (id) ON DELETE SET NULL,
  posted_by_label text NOT NULL,
  posted_at       timestamptz NOT NULL
);
CREATE INDEX incident_updates_incident_idx ON incident_updates (incident_id, posted_at DESC);

-- The canned text per stage, with {{title}}, {{severity}} and {{service}} filled in on request.
CREATE TABLE update_templates (
  stage       text PRIMARY KEY CHECK (stage IN ('investigating', 'identified', 'monitoring', 'resolved')),
  body        text NOT NULL,
  updated_at  timestamptz NOT NULL
);

INSERT INTO update_templates (stage, body, updated_at) VALUES
  ('investigating', 'We are investigating {{title}} ({{severity}}) affecting {{service}}. We will post an update as soon as we know more.', now()),
  ('identified', 'We have identified the cause of {{title}} affecting {{service}} and are working on a fix.', now()),
  ('monitoring', 'A fix for {{title}} has been applied to {{service}}. We are monitoring the results.', now()),
  ('resolved', '{{title}} is resolved: {{service}} is operating normally. Thank you for your patience.', now());

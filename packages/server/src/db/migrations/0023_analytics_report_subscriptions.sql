-- Emailed monthly reports (docs/analytics.md, "Emailed reports"): who gets
-- which team's report, on which day and hour of which time zone, and what
-- was sent. Written only by the analytics module. Each period is planned by
-- one job keyed by subscription, month and due instant, and each email by one
-- job keyed by subscription, month and recipient (engine_jobs.key is unique),
-- so a period is mailed once even across restarts and several nodes.

CREATE TABLE analytics_report_subscriptions (
  id                    uuid PRIMARY KEY,
  name                  text NOT NULL,
  -- null = every team
  team_id               uuid REFERENCES teams (id) ON DELETE CASCADE,
  service_ids           uuid[] NOT NULL DEFAULT '{}',
  -- sent on this day of the month (1..28: every month has it) at send_time in time_zone, for the month before
  day_of_month          integer NOT NULL DEFAULT 1 CHECK (day_of_month BETWEEN 1 AND 28),
  send_time             text NOT NULL DEFAULT '08:00' CHECK (send_time ~ '^([01]\d|2[0-3]):[0-5]\d$'),
  time_zone             text NOT NULL DEFAULT 'UTC',
  recipient_user_ids    uuid[] NOT NULL DEFAULT '{}',
  recipient_emails      text[] NOT NULL DEFAULT '{}',
  -- plain addresses read the report as share links do (no private incident); titles only when chosen
  show_incident_titles  boolean NOT NULL DEFAULT false,
  paused                boolean NOT NULL DEFAULT false,
  -- the month the next email reports (YYYY-MM) and when it is sent
  next_month            text NOT NULL CHECK (next_month ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  next_send_at          timestamptz NOT NULL,
  created_by            uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at            timestamptz NOT NULL,
  updated_at            timestamptz NOT NULL
);

-- One row per email sent: a repeated send job (a lease that ran out after the
-- SMTP server took the message) finds it and sends nothing.
CREATE TABLE analytics_report_deliveries (
  subscription_id  uuid NOT NULL REFERENCES analytics_report_subscriptions (id) ON DELETE CASCADE,
  month            text NOT NULL,
  recipient        text NOT NULL,
  sent_at          timestamptz NOT NULL,
  PRIMARY KEY (subscription_id, month, recipient)
);

-- Status pages, second part (issue 13): scheduled maintenance, uptime
-- history's "under maintenance" status, status from signals and templates.
--
-- Scheduled maintenance is a page incident of kind 'maintenance' (as
-- Statuspage models it) moving scheduled → in_progress → verifying
-- (optional) → completed; its announcement, start and end are each a row in
-- status_page_incident_updates. It starts and ends by itself: the engine
-- claims rows whose next_transition_at has passed.
--
-- Forward-only. db/migrate.ts applies it in one transaction under the
-- migration advisory lock.

ALTER TABLE status_page_incidents
  ADD COLUMN kind text NOT NULL DEFAULT 'incident' CHECK (kind IN ('incident', 'maintenance')),
  -- maintenance: the announced window
  ADD COLUMN scheduled_for timestamptz,
  ADD COLUMN scheduled_until timestamptz,
  -- maintenance: when the engine moves it on next (start, then end); null once completed
  ADD COLUMN next_transition_at timestamptz,
  ADD CONSTRAINT status_page_incidents_window_check CHECK (
    kind = 'incident' OR (scheduled_for IS NOT NULL AND scheduled_until > scheduled_for));

ALTER TABLE status_page_incidents DROP CONSTRAINT status_page_incidents_state_check;
ALTER TABLE status_page_incidents ADD CONSTRAINT status_page_incidents_state_check CHECK (
  (kind = 'incident' AND state IN ('investigating', 'identified', 'monitoring', 'resolved'))
  OR (kind = 'maintenance' AND state IN ('scheduled', 'in_progress', 'verifying', 'completed')));

ALTER TABLE status_page_incident_updates DROP CONSTRAINT status_page_incident_updates_state_check;
ALTER TABLE status_page_incident_updates ADD CONSTRAINT status_page_incident_updates_state_check CHECK (state IN (
  'investigating', 'identified', 'monitoring', 'resolved', 'scheduled', 'in_progress', 'verifying', 'completed'));

CREATE INDEX status_page_incidents_due_idx ON status_page_incidents (next_transition_at)
  WHERE next_transition_at IS NOT NULL;

-- A maintenance restores each component to the status it had when it started.
ALTER TABLE status_page_incident_components ADD COLUMN status_before text;

ALTER TABLE status_page_components DROP CONSTRAINT status_page_components_status_check;
ALTER TABLE status_page_components ADD CONSTRAINT status_page_components_status_check CHECK (status IN (
  'operational', 'degraded_performance', 'partial_service_disruption', 'service_disruption', 'security_issue',
  'under_maintenance'));

-- Status from signals: a component that follows a service takes the status its
-- open incidents suggest unless a person overrode it (status_overridden).
ALTER TABLE status_page_components
  ADD COLUMN status_from_signals boolean NOT NULL DEFAULT false,
  ADD COLUMN status_overridden boolean NOT NULL DEFAULT false;

-- Templates for page incidents and their updates, per page (config as code too).
CREATE TABLE status_page_templates (
  id          uuid PRIMARY KEY,
  page_id     uuid NOT NULL REFERENCES status_pages (id) ON DELETE CASCADE,
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  title       text NOT NULL DEFAULT '' CHECK (length(title) <= 200),
  body        text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  UNIQUE (page_id, name)
);

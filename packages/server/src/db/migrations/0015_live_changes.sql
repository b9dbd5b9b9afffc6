-- The live web UI (ADR 19): which incidents changed, in what part, and in
-- which transaction, so that open screens can be told to look again.
--
-- Every table an incident page shows is watched by a statement-level trigger
-- (one insert per statement, however many rows it changed), so a change
-- cannot reach the database without its note here, whichever module, job or
-- future code path made it. `xid` is the writing transaction's id: a reader
-- that remembers the oldest transaction still running when it read
-- (pg_snapshot_xmin) and asks next time for xid >= that value misses nothing
-- committed in between, in whatever order transactions commit.
CREATE TABLE incident_changes (
  xid          bigint NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
  incident_id  uuid NOT NULL,
  part         text NOT NULL
    CHECK (part IN ('incident', 'timeline', 'alerts', 'paging', 'response', 'document', 'updates')),
  at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX incident_changes_xid ON incident_changes (xid);
CREATE INDEX incident_changes_at ON incident_changes (at);

-- Rows are kept an hour. The highest xid pruned tells a reconnecting client
-- whose cursor is older that it may have missed changes (it reloads whole).
CREATE TABLE incident_changes_pruned (
  singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  through    bigint NOT NULL
);

-- Rows with an incident_id column.
CREATE FUNCTION live_note_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO incident_changes (incident_id, part)
  SELECT DISTINCT incident_id, TG_ARGV[0] FROM changed_rows WHERE incident_id IS NOT NULL;
  RETURN NULL;
END $$;

-- The incidents table itself.
CREATE FUNCTION live_note_incident_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO incident_changes (incident_id, part) SELECT DISTINCT id, TG_ARGV[0] FROM changed_rows;
  RETURN NULL;
END $$;

-- Rows about a timeline entry (stars, note revisions): its incident.
CREATE FUNCTION live_note_entry_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO incident_changes (incident_id, part)
  SELECT DISTINCT t.incident_id, TG_ARGV[0] FROM changed_rows c JOIN incident_timeline t ON t.id = c.entry_id;
  RETURN NULL;
END $$;

-- One trigger per table and operation (PostgreSQL allows a transition table
-- only on a single-event trigger). Not watched, on purpose: notifications
-- (each page sent is also a timeline entry, which is watched: one trigger
-- fewer per page in an alert storm), webhook_deliveries (not on the incident
-- page). modules/live/live-coverage.int.test.ts fails on any other table
-- with an incident_id column that is not watched.
DO $$
DECLARE
  w record;
BEGIN
  FOR w IN
    SELECT * FROM (VALUES
      ('incidents', 'INSERT', 'live_note_incident_changes', 'incident'),
      ('incidents', 'UPDATE', 'live_note_incident_changes', 'incident'),
      ('incident_timeline', 'INSERT', 'live_note_changes', 'timeline'),
      ('incident_timeline', 'UPDATE', 'live_note_changes', 'timeline'),
      ('incident_timeline_stars', 'INSERT', 'live_note_entry_changes', 'timeline'),
      ('incident_timeline_stars', 'DELETE', 'live_note_entry_changes', 'timeline'),
      ('incident_timeline_revisions', 'INSERT', 'live_note_entry_changes', 'timeline'),
      ('alerts', 'INSERT', 'live_note_changes', 'alerts'),
      ('alerts', 'UPDATE', 'live_note_changes', 'alerts'),
      ('incident_escalations', 'INSERT', 'live_note_changes', 'paging'),
      ('incident_escalations', 'UPDATE', 'live_note_changes', 'paging'),
      ('incident_responses', 'INSERT', 'live_note_changes', 'response'),
      ('incident_responses', 'UPDATE', 'live_note_changes', 'response'),
      ('incident_severity_changes', 'INSERT', 'live_note_changes', 'response'),
      ('incident_role_holders', 'INSERT', 'live_note_changes', 'response'),
      ('incident_role_holders', 'UPDATE', 'live_note_changes', 'response'),
      ('incident_role_holders', 'DELETE', 'live_note_changes', 'response'),
      ('incident_handoffs', 'INSERT', 'live_note_changes', 'response'),
      ('incident_handoffs', 'UPDATE', 'live_note_changes', 'response'),
      ('incident_impacted_services', 'INSERT', 'live_note_changes', 'response'),
      ('incident_impacted_services', 'DELETE', 'live_note_changes', 'response'),
      ('incident_stakeholders', 'INSERT', 'live_note_changes', 'response'),
      ('incident_stakeholders', 'UPDATE', 'live_note_changes', 'response'),
      ('incident_stakeholders', 'DELETE', 'live_note_changes', 'response'),
      ('incident_links', 'INSERT', 'live_note_changes', 'response'),
      ('incident_links', 'DELETE', 'live_note_changes', 'response'),
      ('incident_document_revisions', 'INSERT', 'live_note_changes', 'document'),
      ('incident_resolution_objectives', 'INSERT', 'live_note_changes', 'document'),
      ('incident_resolution_objectives', 'UPDATE', 'live_note_changes', 'document'),
      ('incident_resolution_objectives', 'DELETE', 'live_note_changes', 'document'),
      ('incident_followup_actions', 'INSERT', 'live_note_changes', 'document'),
      ('incident_followup_actions', 'UPDATE', 'live_note_changes', 'document'),
      ('incident_followup_actions', 'DELETE', 'live_note_changes', 'document'),
      ('incident_document_links', 'INSERT', 'live_note_changes', 'document'),
      ('incident_document_links', 'UPDATE', 'live_note_changes', 'document'),
      ('incident_document_links', 'DELETE', 'live_note_changes', 'document'),
      ('incident_updates', 'INSERT', 'live_note_changes', 'updates'),
      ('incident_updates', 'UPDATE', 'live_note_changes', 'updates')
    ) AS watched (tbl, op, fn, part)
  LOOP
    EXECUTE format(
      'CREATE TRIGGER %I AFTER %s ON %I REFERENCING %s TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION %I(%L)',
      'live_' || lower(w.op), w.op, w.tbl, CASE w.op WHEN 'DELETE' THEN 'OLD' ELSE 'NEW' END, w.fn, w.part
    );
  END LOOP;
END $$;

-- The incident timeline records the source of every entry: what the actor did
-- it through (web, api, cli, email_link, sms_reply, slack, teams, voice,
-- engine, ingest). Existing rows get the best guess: an integration's entries
-- came from ingest, other system actors are the engine, and people are
-- counted as the API (the web UI and the CLI were not told apart before).
-- The default only fills the existing rows; every writer names its source.
ALTER TABLE incident_timeline
  ADD COLUMN source text NOT NULL DEFAULT 'api'
  CONSTRAINT incident_timeline_source_check
  CHECK (source IN ('web', 'api', 'cli', 'email_link', 'sms_reply', 'slack', 'teams', 'voice', 'engine', 'ingest'));

UPDATE incident_timeline
   SET source = CASE WHEN actor_label LIKE 'Integration %' THEN 'ingest' ELSE 'engine' END
 WHERE actor_type = 'system';

ALTER TABLE incident_timeline ALTER COLUMN source DROP DEFAULT;

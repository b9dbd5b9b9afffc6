-- The timeline stays append-only (ADR 15): a star and a note's later
-- versions live beside the entry, never in it.
--
-- A star marks an entry for the postmortem: one per entry, with who and when.
-- Unstarring deletes the star (the audit log keeps both).
CREATE TABLE incident_timeline_stars (
  entry_id     bigint PRIMARY KEY REFERENCES incident_timeline (id) ON DELETE CASCADE,
  starred_at   timestamptz NOT NULL,
  actor_id     text NOT NULL,
  actor_label  text NOT NULL
);

-- A note's versions after the first (the entry itself is version 1), each
-- with who wrote it, when and through what. A version without text is the
-- note's deletion: the entry shows a tombstone from then on. Rows are only
-- ever added; (entry_id, version) refuses two edits made from the same one.
CREATE TABLE incident_timeline_revisions (
  id           bigserial PRIMARY KEY,
  entry_id     bigint NOT NULL REFERENCES incident_timeline (id) ON DELETE CASCADE,
  version      integer NOT NULL CHECK (version >= 2),
  at           timestamptz NOT NULL,
  actor_id     text,
  actor_label  text NOT NULL,
  source       text NOT NULL
    CHECK (source IN ('web', 'api', 'cli', 'email_link', 'sms_reply', 'slack', 'teams', 'voice', 'engine', 'ingest')),
  message      text,
  UNIQUE (entry_id, version)
);

-- On-call schedules: schedules, their versions (every change is one), overrides,
-- swaps (the "cover me" market) and private calendar feeds.

CREATE TABLE schedules (
  id                   uuid PRIMARY KEY,
  name                 text NOT NULL,
  description          text NOT NULL DEFAULT '',
  team_id              uuid REFERENCES teams (id) ON DELETE SET NULL,
  -- the zone of the latest version, for lists; each version carries its own
  time_zone            text NOT NULL,
  -- hand-off notices: shifts starting after this instant are still to be announced
  handoffs_checked_at  timestamptz NOT NULL,
  -- when the hand-off reconciler should look at this schedule next; null = nothing due
  next_handoff_at      timestamptz,
  created_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL
);
CREATE UNIQUE INDEX schedules_name_key ON schedules (lower(name));
CREATE INDEX schedules_team_idx ON schedules (team_id);
CREATE INDEX schedules_handoff_due_idx ON schedules (next_handoff_at) WHERE next_handoff_at IS NOT NULL;

-- The answer at instant t uses the highest-numbered version whose
-- effective_from is at or before t, so an edit changes only what comes after
-- it and restoring is a new version equal to an old one.
CREATE TABLE schedule_versions (
  id                     uuid PRIMARY KEY,
  schedule_id            uuid NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
  number                 integer NOT NULL CHECK (number >= 1),
  effective_from         timestamptz NOT NULL,
  -- { "timeZone": "Europe/London", "layers": [{ "name", "participants": [user ids],
  --   "shift": { "length", "unit" }, "handoffTime": "09:00", "startDate": "2026-01-05",
  --   "restrictions": [{ "days": [1..7], "start": "09:00", "end": "17:00" }], "rotationOffset" }] }
  definition             jsonb NOT NULL,
  author_type            text NOT NULL,
  author_id              text,
  author_label           text NOT NULL,
  -- the readable diff: "Primary: Carol joins; Alice's Tuesday nights move to Bob from 1 Dec"
  summary                text NOT NULL,
  restored_from_version  integer,
  created_at             timestamptz NOT NULL,
  UNIQUE (schedule_id, number)
);
CREATE INDEX schedule_versions_effective_idx ON schedule_versions (schedule_id, effective_from);
-- "which schedules is this person in" (calendar feeds per user)
CREATE INDEX schedule_versions_definition_idx ON schedule_versions USING gin (definition jsonb_path_ops);

CREATE TABLE schedule_overrides (
  id                uuid PRIMARY KEY,
  schedule_id       uuid NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
  -- add: user_id is on call too; replace: user_id takes replaces_user_id's slot
  -- (everyone's when null); remove: user_id is taken off
  kind              text NOT NULL CHECK (kind IN ('add', 'replace', 'remove')),
  user_id           uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  replaces_user_id  uuid REFERENCES users (id) ON DELETE CASCADE,
  starts_at         timestamptz NOT NULL,
  ends_at           timestamptz NOT NULL CHECK (ends_at > starts_at),
  note              text NOT NULL DEFAULT '',
  created_by_type   text NOT NULL,
  created_by_id     text,
  created_by_label  text NOT NULL,
  created_at        timestamptz NOT NULL,
  -- removing keeps the row: the override applied until then, and the past stays as it was
  removed_at        timestamptz,
  removed_by_label  text,
  CHECK (kind = 'replace' OR replaces_user_id IS NULL)
);
CREATE INDEX schedule_overrides_schedule_idx ON schedule_overrides (schedule_id, ends_at);
CREATE INDEX schedule_overrides_user_idx ON schedule_overrides (user_id);

-- The "cover me" market: someone offers part of their time on call; whoever
-- takes it gets a replace override.
CREATE TABLE schedule_swaps (
  id                 uuid PRIMARY KEY,
  schedule_id        uuid NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
  offered_by         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- only this person may take it, when set
  requested_user_id  uuid REFERENCES users (id) ON DELETE SET NULL,
  starts_at          timestamptz NOT NULL,
  ends_at            timestamptz NOT NULL CHECK (ends_at > starts_at),
  note               text NOT NULL DEFAULT '',
  status             text NOT NULL CHECK (status IN ('open', 'taken', 'cancelled', 'expired')),
  taken_by           uuid REFERENCES users (id) ON DELETE SET NULL,
  override_id        uuid REFERENCES schedule_overrides (id) ON DELETE SET NULL,
  created_by_label   text NOT NULL,
  created_at         timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL
);
CREATE INDEX schedule_swaps_schedule_idx ON schedule_swaps (schedule_id, status, starts_at);

-- Private iCal feeds. The URL carries a random secret; only its SHA-256 is kept.
CREATE TABLE calendar_feeds (
  id          uuid PRIMARY KEY,
  kind        text NOT NULL CHECK (kind IN ('user', 'schedule')),
  subject_id  uuid NOT NULL,
  token_hash  text NOT NULL UNIQUE,
  created_by  uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL,
  revoked_at  timestamptz
);
CREATE INDEX calendar_feeds_created_by_idx ON calendar_feeds (created_by);

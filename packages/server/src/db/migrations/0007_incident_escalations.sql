-- Paging gets a table of its own (ADR 15): an incident's escalation state,
-- one row per incident, written only by the paging module. The incidents
-- table keeps the record and its lifecycle (status, who acknowledged and
-- resolved, alerts), ready for response fields.
--
-- Forward-only. db/migrate.ts applies it in one transaction under the
-- migration advisory lock, so a second node migrating at once waits and then
-- finds it applied.

CREATE TABLE incident_escalations (
  incident_id         uuid PRIMARY KEY REFERENCES incidents (id) ON DELETE CASCADE,
  -- the policy as it was when the incident triggered or was reassigned (later edits do not apply)
  escalation_policy   jsonb NOT NULL,
  -- the next level to notify (0-based; = levels notified in this pass) and the pass over the policy
  escalation_level    integer NOT NULL DEFAULT 0,
  escalation_loop     integer NOT NULL DEFAULT 0,
  -- when the engine takes the next step; set only while the incident is triggered, null = nothing due
  next_escalation_at  timestamptz,
  -- who the last step or reassignment paged
  assignee_ids        uuid[] NOT NULL DEFAULT '{}',
  -- when a snooze ends; set only while the incident is acknowledged
  snoozed_until       timestamptz,
  updated_at          timestamptz NOT NULL
);
CREATE INDEX incident_escalations_due_idx ON incident_escalations (next_escalation_at) WHERE next_escalation_at IS NOT NULL;
CREATE INDEX incident_escalations_snoozed_idx ON incident_escalations (snoozed_until) WHERE snoozed_until IS NOT NULL;

-- Due times only where they were acted on: a step only for a triggered
-- incident, a snooze's end only for an acknowledged one (the reconciler read
-- them with these conditions; the new table holds them as invariants).
INSERT INTO incident_escalations
  (incident_id, escalation_policy, escalation_level, escalation_loop, next_escalation_at, assignee_ids, snoozed_until, updated_at)
SELECT id, escalation_policy, escalation_level, escalation_loop,
       CASE WHEN status = 'triggered' THEN next_escalation_at END,
       assignee_ids,
       CASE WHEN status = 'acknowledged' THEN snoozed_until END,
       updated_at
FROM incidents;

DROP INDEX incidents_due_idx;
ALTER TABLE incidents
  DROP COLUMN escalation_policy,
  DROP COLUMN escalation_level,
  DROP COLUMN escalation_loop,
  DROP COLUMN next_escalation_at,
  DROP COLUMN assignee_ids,
  DROP COLUMN snoozed_until;

-- The detailed status's periodic review (issue #12; seed 001: "review
-- periodically to keep current"): how often each severity wants it reviewed,
-- and on each declared incident the last reminder and when the next falls
-- due. When it was last saved is the documents module's revisions table,
-- read, never copied. Written only by the response module.
--
-- Forward-only. db/migrate.ts applies it in one transaction under the
-- migration advisory lock.

-- The owner is reminded when the detailed status has not been saved this long (null = no reminder).
ALTER TABLE severities ADD COLUMN detailed_status_review_minutes integer
  CHECK (detailed_status_review_minutes BETWEEN 1 AND 10080);
UPDATE severities SET detailed_status_review_minutes =
  CASE key WHEN 'S1' THEN 15 WHEN 'S2' THEN 30 WHEN 'S3' THEN 60 WHEN 'S4' THEN 240 END;

-- review_confirmed_at: the last save that left the text as it was ("still current"), which makes no
-- new version but is a review all the same.
ALTER TABLE incident_responses
  ADD COLUMN review_confirmed_at timestamptz,
  ADD COLUMN review_reminded_at timestamptz,
  ADD COLUMN next_review_reminder_at timestamptz;
CREATE INDEX incident_responses_review_due_idx ON incident_responses (next_review_reminder_at)
  WHERE next_review_reminder_at IS NOT NULL;

-- Incidents already running are looked at once by the reconciler, which works out their first due time.
UPDATE incident_responses SET next_review_reminder_at = now()
  WHERE stage IN ('investigating', 'identified', 'monitoring') AND NOT near_miss;

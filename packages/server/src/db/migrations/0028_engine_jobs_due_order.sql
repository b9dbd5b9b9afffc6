-- Due jobs are claimed oldest first, ORDER BY run_at, id (engine/job-queue.ts).
-- The index had run_at only, so every claim read and sorted every due job to
-- find the first few: in an alert storm, a couple of thousand deliveries due
-- at once, for every claim of eight (ADR 35). With id in the index, a claim
-- reads the due jobs in order and stops at its limit.
DROP INDEX engine_jobs_due_idx;
CREATE INDEX engine_jobs_due_idx ON engine_jobs (run_at, id) WHERE status = 'pending';

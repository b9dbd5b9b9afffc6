-- PLACEHOLDER, branch s-timeline only: another branch adds the real migration
-- 0007; this empty one only keeps the numbering without a gap so that
-- 0008_timeline_source.sql runs on this branch alone. Delete this file when
-- merging (two 0007 files make the runner refuse to start, so it cannot be missed).
SELECT 1;

-- Reserved: number 6 belongs to the alerts event log migration of a parallel
-- branch. This empty file only keeps the numbering without a gap on the
-- paging branch (loadMigrations refuses gaps); delete it when that branch's
-- 0006 is merged.
SELECT 1;

-- Placeholder so that migration 0022 (analytics rollup, branch an-perf) applies in order on this branch.
-- The lead drops it at merge, where 0020 and 0021 are other branches' migrations.
SELECT 1;

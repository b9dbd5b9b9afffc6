-- The next step of ADR 25, taken in ADR 30: each rollup cell also holds a
-- histogram of each clock (tta, ttm, ttr), so that the exact median and p90
-- of a long period are found in the rollup to the bucket and only that
-- bucket is read from the clock's covering index (docs/analytics.md "How the
-- figures are computed"). The histograms are contributions like the others:
-- the same function defines them, the same statement triggers append them as
-- signed deltas, the same compaction folds them.
--
-- Buckets are octaves of seconds: bucket 0 holds values below 1 s, bucket i
-- (1..23) holds [2^(i-1), 2^i), bucket 24 holds 2^23 s (97 days) and more. The
-- bounds are powers of two, exact in double precision, and a value is put in
-- its bucket by width_bucket on the very double the covering index holds, so
-- "the values of bucket i" in the rollup and "clock >= floor(i)" in the index
-- are the same set, boundary values included.
--
-- Also: the open incidents' partial index covers what judging them reads, so
-- the rollup path reads them index-only.

CREATE FUNCTION incident_sla_clock_bounds() RETURNS double precision[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN '{1,2,4,8,16,32,64,128,256,512,1024,2048,4096,8192,16384,32768,65536,131072,262144,524288,1048576,2097152,4194304,8388608}'::double precision[];

-- The bucket of a clock in seconds: 0 .. 24.
CREATE FUNCTION incident_sla_clock_bucket(seconds double precision) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  RETURN width_bucket(seconds, incident_sla_clock_bounds());

-- The lowest value a bucket holds: -Infinity for bucket 0, Infinity past the
-- last bucket (so the value above bucket b's highest is floor(b + 1)).
CREATE FUNCTION incident_sla_bucket_floor(bucket integer) RETURNS double precision
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  RETURN CASE
    WHEN bucket <= 0 THEN '-Infinity'::double precision
    WHEN bucket > cardinality(incident_sla_clock_bounds()) THEN 'Infinity'::double precision
    ELSE (incident_sla_clock_bounds())[bucket]
  END;

-- The rollup's triggers and compaction are rebuilt below with the new columns; the cells are rebuilt from the snapshots.
DROP TRIGGER incident_sla_rollup_insert ON incident_sla;
DROP TRIGGER incident_sla_rollup_update ON incident_sla;
DROP TRIGGER incident_sla_rollup_delete ON incident_sla;
DROP FUNCTION incident_sla_rollup_append();
DROP FUNCTION incident_sla_contribution(incident_sla, integer);

-- 75 columns (3 clocks x 25 buckets) written out by the same statements would
-- hide the logic; they are generated here from the one list, in this order:
-- tta_h00 .. tta_h24, ttm_h00 .. ttm_h24, ttr_h00 .. ttr_h24.
DO $migration$
DECLARE
  hist text[] := ARRAY(
    SELECT format('%s_h%s', clock, lpad(bucket::text, 2, '0'))
    FROM unnest(ARRAY['tta', 'ttm', 'ttr']) WITH ORDINALITY AS c(clock, o), generate_series(0, 24) AS bucket
    ORDER BY o, bucket);
  -- Each histogram column's value in a contribution: 1 (signed) in the bucket of its clock, else 0.
  hist_values text := (
    SELECT string_agg(format('sign * (b.%s_bucket = %s)::int', left(col, 3), right(col, 2)::int), E',\n    ')
    FROM unnest(hist) AS col);
  sums_columns text := 'incidents, counted, near_misses, tta_n, tta_sum, ttm_n, ttm_sum, ttr_n, ttr_sum, escalated, '
    || 'acked, acked_by_integration, settled_within, settled_breached, ' || array_to_string(hist, ', ');
  sums_of_c text := (SELECT string_agg(format('sum(c.%s)', col), ', ') FROM unnest(string_to_array(sums_columns, ', ')) AS col);
  zeros text := (SELECT string_agg('0', ', ') FROM unnest(string_to_array(sums_columns, ', ')));
  append text;
BEGIN
  EXECUTE 'ALTER TABLE incident_sla_rollup '
    || (SELECT string_agg(format('ADD COLUMN %s integer NOT NULL DEFAULT 0', col), ', ') FROM unnest(hist) AS col);

  -- One incident's contribution to its cell, signed (migration 0022's, with the histograms): the one
  -- definition the triggers, the backfill and the readers (for edges and private incidents) use.
  EXECUTE format($sql$
CREATE FUNCTION incident_sla_contribution(s incident_sla, sign integer)
RETURNS TABLE (
  month date, service_id uuid, team_id uuid, escalation_policy_id uuid, severity_key text,
  incidents bigint, counted bigint, near_misses bigint, tta_n bigint, tta_sum numeric, ttm_n bigint, ttm_sum numeric,
  ttr_n bigint, ttr_sum numeric, escalated bigint, acked bigint, acked_by_integration bigint,
  settled_within bigint, settled_breached bigint,
  %s
) LANGUAGE sql IMMUTABLE AS $fn$
  SELECT
    (date_trunc('month', s.opened_at AT TIME ZONE 'UTC'))::date,
    s.service_id, s.team_id, s.escalation_policy_id, coalesce(s.severity, 'none'),
    sign::bigint,
    sign * s.counted::int::bigint,
    sign * (s.near_miss AND s.merged_into IS NULL)::int::bigint,
    sign * (s.counted AND s.first_ack_at IS NOT NULL)::int::bigint,
    sign * CASE WHEN s.counted THEN coalesce(extract(epoch FROM s.first_ack_at - s.opened_at), 0) ELSE 0 END,
    sign * (s.counted AND s.mitigated_at IS NOT NULL)::int::bigint,
    sign * CASE WHEN s.counted THEN coalesce(extract(epoch FROM s.mitigated_at - s.opened_at), 0) ELSE 0 END,
    sign * (s.counted AND s.resolved_at IS NOT NULL)::int::bigint,
    sign * CASE WHEN s.counted THEN coalesce(extract(epoch FROM s.resolved_at - s.opened_at), 0) ELSE 0 END,
    sign * (s.counted AND s.escalation_count > 0)::int::bigint,
    sign * (s.counted AND s.first_ack_at IS NOT NULL)::int::bigint,
    sign * (s.counted AND s.first_ack_kind IS NOT DISTINCT FROM 'integration')::int::bigint,
    sign * (s.counted AND s.resolved_at IS NOT NULL AND NOT j.breached)::int::bigint,
    sign * (s.counted AND s.resolved_at IS NOT NULL AND j.breached)::int::bigint,
    %s
  FROM (SELECT
      coalesce(s.first_ack_at IS NULL AND s.ack_due_at < s.resolved_at, false)
      OR coalesce(s.first_ack_at > s.ack_due_at, false)
      OR coalesce(s.resolve_due_at < s.resolved_at, false) AS breached) j,
    -- Each clock's bucket, from the stored clock (the value its covering index holds); -1 when it is not counted.
    (SELECT
      CASE WHEN s.counted AND s.tta IS NOT NULL THEN incident_sla_clock_bucket(s.tta) ELSE -1 END AS tta_bucket,
      CASE WHEN s.counted AND s.ttm IS NOT NULL THEN incident_sla_clock_bucket(s.ttm) ELSE -1 END AS ttm_bucket,
      CASE WHEN s.counted AND s.ttr IS NOT NULL THEN incident_sla_clock_bucket(s.ttr) ELSE -1 END AS ttr_bucket) b
$fn$$sql$,
    (SELECT string_agg(format('%s integer', col), ', ') FROM unnest(hist) AS col),
    hist_values);

  -- The signed sums of a set of contributions, per cell: what a trigger appends (as in migration 0022).
  append := format('INSERT INTO incident_sla_rollup (month, service_id, team_id, escalation_policy_id, severity_key, delta, %s) '
    || 'SELECT c.month, c.service_id, c.team_id, c.escalation_policy_id, c.severity_key, true, %s ',
    sums_columns, sums_of_c);
  EXECUTE format($sql$
CREATE FUNCTION incident_sla_rollup_append() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
    %1$s FROM new_rows n, incident_sla_contribution(n, 1) c GROUP BY 1, 2, 3, 4, 5;
  ELSIF TG_OP = 'UPDATE' THEN
    -- An update that changes no contribution (updated_at, paged_user_ids...) appends nothing.
    %1$s FROM (
      SELECT c.* FROM old_rows o, incident_sla_contribution(o, -1) c
      UNION ALL
      SELECT c.* FROM new_rows n, incident_sla_contribution(n, 1) c
    ) c
    GROUP BY 1, 2, 3, 4, 5
    HAVING (%2$s) IS DISTINCT FROM (%3$s);
  ELSE
    %1$s FROM old_rows o, incident_sla_contribution(o, -1) c GROUP BY 1, 2, 3, 4, 5;
  END IF;
  RETURN NULL;
END $fn$$sql$, append, sums_of_c, zeros);

  -- The cells again, from the snapshots, compacted.
  EXECUTE 'DELETE FROM incident_sla_rollup';
  EXECUTE replace(append, ', true, ', ', false, ')
    || 'FROM incident_sla s, incident_sla_contribution(s, 1) c GROUP BY 1, 2, 3, 4, 5';
END $migration$;

CREATE TRIGGER incident_sla_rollup_insert AFTER INSERT ON incident_sla
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION incident_sla_rollup_append();
CREATE TRIGGER incident_sla_rollup_update AFTER UPDATE ON incident_sla
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION incident_sla_rollup_append();
CREATE TRIGGER incident_sla_rollup_delete AFTER DELETE ON incident_sla
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION incident_sla_rollup_append();

-- Open incidents are judged from their rows when read (the rollup judges resolved ones only): this
-- index holds everything judging them reads, for an index-only scan.
DROP INDEX incident_sla_open_idx;
CREATE INDEX incident_sla_open_idx ON incident_sla (opened_at)
  INCLUDE (incident_id, service_id, severity_key, severity, team_id, escalation_policy_id, counted, near_miss,
           merged_into, first_ack_at, ack_due_at, resolve_due_at, resolved_at)
  WHERE resolved_at IS NULL;

-- Analytics at a million incidents (docs/analytics.md "How the figures are
-- computed", ADR 25): each incident's clocks stored on its snapshot, three
-- covering indexes that keep each clock sorted per service and severity (the
-- exact median and p90 are read from them, not sorted), and a monthly rollup
-- of exact partial aggregates kept by triggers in the transaction that
-- changes the snapshot.

-- The clocks in seconds (the same expression the figures used before), the
-- severity as grouped ('none' for paged-only), and whether the incident
-- counts in aggregates (near misses and merged ones do not).
ALTER TABLE incident_sla
  ADD COLUMN tta double precision GENERATED ALWAYS AS (date_part('epoch', first_ack_at - opened_at)) STORED,
  ADD COLUMN ttm double precision GENERATED ALWAYS AS (date_part('epoch', mitigated_at - opened_at)) STORED,
  ADD COLUMN ttr double precision GENERATED ALWAYS AS (date_part('epoch', resolved_at - opened_at)) STORED,
  ADD COLUMN severity_key text NOT NULL GENERATED ALWAYS AS (coalesce(severity, 'none')) STORED,
  ADD COLUMN counted boolean NOT NULL GENERATED ALWAYS AS (NOT near_miss AND merged_into IS NULL) STORED;

-- Each clock in order per service and severity: the k-th value of a group is
-- an index-only scan of k entries (OFFSET k LIMIT 2), filtered on what the
-- INCLUDE columns hold (period, team, policy, the private-incident rule).
CREATE INDEX incident_sla_tta_rank_idx ON incident_sla (service_id, severity_key, tta)
  INCLUDE (opened_at, incident_id, team_id, escalation_policy_id) WHERE counted AND tta IS NOT NULL;
CREATE INDEX incident_sla_ttm_rank_idx ON incident_sla (service_id, severity_key, ttm)
  INCLUDE (opened_at, incident_id, team_id, escalation_policy_id) WHERE counted AND ttm IS NOT NULL;
CREATE INDEX incident_sla_ttr_rank_idx ON incident_sla (service_id, severity_key, ttr)
  INCLUDE (opened_at, incident_id, team_id, escalation_policy_id) WHERE counted AND ttr IS NOT NULL;

-- Exact partial aggregates per UTC month, service, team, policy and severity
-- (as snapshotted). Triggers append signed delta rows (delta = true: no row
-- is ever updated by a writer, so writers never wait on each other); the
-- compaction reconciler folds them into one row per cell (delta = false).
-- Readers sum both. Judgements (within / breached) are here only for
-- resolved incidents, whose judgement no longer depends on "now"; open
-- incidents are judged from their rows when read.
CREATE TABLE incident_sla_rollup (
  month                 date NOT NULL,
  service_id            uuid NOT NULL,
  team_id               uuid,
  escalation_policy_id  uuid,
  severity_key          text NOT NULL,
  delta                 boolean NOT NULL DEFAULT true,
  -- snapshots in the cell, counted or not (a group exists when this is above 0)
  incidents             bigint NOT NULL,
  counted               bigint NOT NULL,
  near_misses           bigint NOT NULL,
  tta_n                 bigint NOT NULL,
  tta_sum               numeric NOT NULL,
  ttm_n                 bigint NOT NULL,
  ttm_sum               numeric NOT NULL,
  ttr_n                 bigint NOT NULL,
  ttr_sum               numeric NOT NULL,
  escalated             bigint NOT NULL,
  acked                 bigint NOT NULL,
  acked_by_integration  bigint NOT NULL,
  settled_within        bigint NOT NULL,
  settled_breached      bigint NOT NULL
);
CREATE UNIQUE INDEX incident_sla_rollup_cell_idx
  ON incident_sla_rollup (month, service_id, team_id, escalation_policy_id, severity_key) NULLS NOT DISTINCT
  WHERE NOT delta;
CREATE INDEX incident_sla_rollup_delta_idx ON incident_sla_rollup (month) WHERE delta;

-- One incident's contribution to its cell, signed: the one definition the
-- triggers, the backfill and the readers (for edges and private incidents) use.
CREATE FUNCTION incident_sla_contribution(s incident_sla, sign integer)
RETURNS TABLE (
  month date, service_id uuid, team_id uuid, escalation_policy_id uuid, severity_key text,
  incidents bigint, counted bigint, near_misses bigint, tta_n bigint, tta_sum numeric, ttm_n bigint, ttm_sum numeric,
  ttr_n bigint, ttr_sum numeric, escalated bigint, acked bigint, acked_by_integration bigint,
  settled_within bigint, settled_breached bigint
) LANGUAGE sql IMMUTABLE AS $$
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
    sign * (s.counted AND s.resolved_at IS NOT NULL AND NOT b.breached)::int::bigint,
    sign * (s.counted AND s.resolved_at IS NOT NULL AND b.breached)::int::bigint
  FROM (SELECT
      coalesce(s.first_ack_at IS NULL AND s.ack_due_at < s.resolved_at, false)
      OR coalesce(s.first_ack_at > s.ack_due_at, false)
      OR coalesce(s.resolve_due_at < s.resolved_at, false) AS breached) b
$$;

-- The signed sums of a set of contributions, per cell: what a trigger appends.
CREATE FUNCTION incident_sla_rollup_append() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO incident_sla_rollup (month, service_id, team_id, escalation_policy_id, severity_key, delta,
    incidents, counted, near_misses, tta_n, tta_sum, ttm_n, ttm_sum, ttr_n, ttr_sum, escalated, acked,
    acked_by_integration, settled_within, settled_breached)
    SELECT c.month, c.service_id, c.team_id, c.escalation_policy_id, c.severity_key, true, sum(c.incidents), sum(c.counted), sum(c.near_misses), sum(c.tta_n), sum(c.tta_sum), sum(c.ttm_n), sum(c.ttm_sum), sum(c.ttr_n), sum(c.ttr_sum), sum(c.escalated), sum(c.acked), sum(c.acked_by_integration), sum(c.settled_within), sum(c.settled_breached)
    FROM new_rows n, incident_sla_contribution(n, 1) c
    GROUP BY 1, 2, 3, 4, 5;
  ELSIF TG_OP = 'UPDATE' THEN
    -- An update that changes no contribution (updated_at, paged_user_ids...) appends nothing.
    INSERT INTO incident_sla_rollup (month, service_id, team_id, escalation_policy_id, severity_key, delta,
    incidents, counted, near_misses, tta_n, tta_sum, ttm_n, ttm_sum, ttr_n, ttr_sum, escalated, acked,
    acked_by_integration, settled_within, settled_breached)
    SELECT c.month, c.service_id, c.team_id, c.escalation_policy_id, c.severity_key, true, sum(c.incidents), sum(c.counted), sum(c.near_misses), sum(c.tta_n), sum(c.tta_sum), sum(c.ttm_n), sum(c.ttm_sum), sum(c.ttr_n), sum(c.ttr_sum), sum(c.escalated), sum(c.acked), sum(c.acked_by_integration), sum(c.settled_within), sum(c.settled_breached)
    FROM (
      SELECT c.* FROM old_rows o, incident_sla_contribution(o, -1) c
      UNION ALL
      SELECT c.* FROM new_rows n, incident_sla_contribution(n, 1) c
    ) c
    GROUP BY 1, 2, 3, 4, 5
    HAVING (sum(c.incidents), sum(c.counted), sum(c.near_misses), sum(c.tta_n), sum(c.tta_sum), sum(c.ttm_n), sum(c.ttm_sum), sum(c.ttr_n), sum(c.ttr_sum), sum(c.escalated), sum(c.acked), sum(c.acked_by_integration), sum(c.settled_within), sum(c.settled_breached)) IS DISTINCT FROM (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  ELSE
    INSERT INTO incident_sla_rollup (month, service_id, team_id, escalation_policy_id, severity_key, delta,
    incidents, counted, near_misses, tta_n, tta_sum, ttm_n, ttm_sum, ttr_n, ttr_sum, escalated, acked,
    acked_by_integration, settled_within, settled_breached)
    SELECT c.month, c.service_id, c.team_id, c.escalation_policy_id, c.severity_key, true, sum(c.incidents), sum(c.counted), sum(c.near_misses), sum(c.tta_n), sum(c.tta_sum), sum(c.ttm_n), sum(c.ttm_sum), sum(c.ttr_n), sum(c.ttr_sum), sum(c.escalated), sum(c.acked), sum(c.acked_by_integration), sum(c.settled_within), sum(c.settled_breached)
    FROM old_rows o, incident_sla_contribution(o, -1) c
    GROUP BY 1, 2, 3, 4, 5;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER incident_sla_rollup_insert AFTER INSERT ON incident_sla
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION incident_sla_rollup_append();
CREATE TRIGGER incident_sla_rollup_update AFTER UPDATE ON incident_sla
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION incident_sla_rollup_append();
CREATE TRIGGER incident_sla_rollup_delete AFTER DELETE ON incident_sla
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION incident_sla_rollup_append();

-- The incidents already there, compacted.
INSERT INTO incident_sla_rollup (month, service_id, team_id, escalation_policy_id, severity_key, delta,
    incidents, counted, near_misses, tta_n, tta_sum, ttm_n, ttm_sum, ttr_n, ttr_sum, escalated, acked,
    acked_by_integration, settled_within, settled_breached)
SELECT c.month, c.service_id, c.team_id, c.escalation_policy_id, c.severity_key, false, sum(c.incidents), sum(c.counted), sum(c.near_misses), sum(c.tta_n), sum(c.tta_sum), sum(c.ttm_n), sum(c.ttm_sum), sum(c.ttr_n), sum(c.ttr_sum), sum(c.escalated), sum(c.acked), sum(c.acked_by_integration), sum(c.settled_within), sum(c.settled_breached)
FROM incident_sla s, incident_sla_contribution(s, 1) c
GROUP BY 1, 2, 3, 4, 5;

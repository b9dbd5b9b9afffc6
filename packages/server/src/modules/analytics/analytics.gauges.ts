/**
 * What the Prometheus gauges show (http/analytics.metrics.ts): open incidents
 * by severity, and SLA compliance over the last 30 days. Whoever scrapes
 * /metrics is no member of any incident, so private incidents are left out.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/client.js';
import { aggregateFigures } from './analytics.figures.js';

export interface GaugeFigures {
  openBySeverity: Array<{ severity: string; count: number }>;
  compliance30d: number | null;
}

const DAY_MS = 86_400_000;

export async function publicGaugeFigures(db: Db, now: Date): Promise<GaugeFigures> {
  const { rows } = await sql<{ severity: string; count: number }>`
    SELECT coalesce(s.severity, 'none') AS severity, count(*)::int AS count
    FROM incident_sla s
    WHERE s.resolved_at IS NULL AND s.merged_into IS NULL AND NOT s.near_miss
      AND NOT EXISTS (SELECT 1 FROM incident_responses pr WHERE pr.incident_id = s.incident_id AND pr.private)
    GROUP BY 1 ORDER BY 1`.execute(db);
  const filter = { from: new Date(now.getTime() - 30 * DAY_MS), to: now, tz: 'UTC' };
  const [all] = await aggregateFigures(db, 'public', now, filter, 'none', 'month');
  return { openBySeverity: rows, compliance30d: all?.compliance ?? null };
}

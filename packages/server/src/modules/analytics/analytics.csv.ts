/**
 * The monthly report as CSV (RFC 4180): one row per group (overall, each
 * severity, each service), then one per breach. Cells that a spreadsheet
 * would run as a formula are prefixed with a quote.
 */
import type { GroupFigures, Report } from './analytics.schema.js';

function cell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const row = (values: Array<string | number | null>): string => values.map(cell).join(',');
const round = (n: number | null): number | null => (n === null ? null : Math.round(n * 1000) / 1000);

const GROUP_HEADER = [
  'section',
  'group',
  'incidents',
  'near_misses',
  'mtta_s',
  'median_tta_s',
  'p90_tta_s',
  'mean_ttm_s',
  'mttr_s',
  'median_ttr_s',
  'p90_ttr_s',
  'escalation_rate',
  'acked_by_integration_share',
  'within',
  'breached',
  'pending',
  'compliance',
];

const groupRow = (section: string, g: GroupFigures) =>
  row([
    section,
    g.label,
    g.count,
    g.nearMisses,
    round(g.tta.mean),
    round(g.tta.median),
    round(g.tta.p90),
    round(g.ttm.mean),
    round(g.ttr.mean),
    round(g.ttr.median),
    round(g.ttr.p90),
    round(g.escalationRate),
    round(g.ackedByIntegrationShare),
    g.within,
    g.breached,
    g.pending,
    round(g.compliance),
  ]);

export function reportCsv(report: Report): string {
  const lines = [
    row(GROUP_HEADER),
    groupRow('overall', report.overall),
    ...report.bySeverity.map((g) => groupRow('severity', g)),
    ...report.byService.map((g) => groupRow('service', g)),
    '',
    row(['incident', 'title', 'opened_at', 'severity', 'urgency', 'reason', 'late_by_s']),
    ...report.breaches.flatMap((b) =>
      b.breaches.map((breach) =>
        row([b.number, b.title, b.openedAt, b.severity, b.urgency, breach.reason, round(breach.bySeconds)]),
      ),
    ),
  ];
  return lines.join('\r\n') + '\r\n';
}

/**
 * How a report reads to people, whatever carries it (the PDF, the emailed
 * copy, the share page): durations as "12m 30s", shares as percentages,
 * breach reasons in words, and the one shape all of them render, which a
 * team's report and a share link's both fit.
 */
import { DateTime } from 'luxon';
import type { BreachReason, GroupFigures, Report, SharedReport } from './analytics.schema.js';

/** What a rendered report shows; a share link's has no team and may have no titles. */
export interface ReportView {
  title: string;
  month: string;
  from: string;
  to: string;
  timeZone: string;
  overall: GroupFigures;
  bySeverity: GroupFigures[];
  byService: GroupFigures[];
  breaches: Array<{
    number: number;
    title: string | null;
    openedAt: string;
    severity: string | null;
    urgency: string;
    breaches: Array<{ reason: BreachReason; bySeconds: number }>;
  }>;
}

export const viewOfReport = (report: Report): ReportView => report;
export const viewOfShared = (shared: SharedReport): ReportView => ({
  ...shared,
  title: `${shared.name}: ${monthName(shared.month)}`,
});

/** tocsin-report-identity-2026-11.pdf */
export const reportFileName = (report: Report, extension: string): string =>
  `tocsin-report-${report.team?.slug ?? 'all'}-${report.month}.${extension}`;

export const monthName = (month: string): string => DateTime.fromFormat(month, 'yyyy-MM').toFormat('LLLL yyyy');

/** Seconds as people read them: 45s, 12m 30s, 3h 05m, 2d 4h (the CLI's format). */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '-';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  return `${Math.floor(s / 86_400)}d ${Math.floor((s % 86_400) / 3600)}h`;
}

export const formatPercent = (share: number | null): string => (share === null ? '-' : `${(share * 100).toFixed(1)}%`);

export const REASON_LABELS: Record<BreachReason, string> = {
  never_acknowledged: 'never acknowledged',
  acknowledged_late: 'acknowledged late',
  resolved_late: 'resolved late',
};

/** An instant in the report's zone, as "2026-11-03 14:05". */
export const formatInstant = (iso: string, timeZone: string): string =>
  DateTime.fromISO(iso, { zone: timeZone }).toFormat('yyyy-MM-dd HH:mm');

/** The period line: "1 Nov 2026 to 1 Dec 2026 (Europe/Paris)". */
export const formatPeriod = (view: ReportView): string =>
  `${DateTime.fromISO(view.from, { zone: view.timeZone }).toFormat('d LLL yyyy')} to ${DateTime.fromISO(view.to, {
    zone: view.timeZone,
  }).toFormat('d LLL yyyy')} (${view.timeZone})`;

/** The headline figures, label and value, in the order every format shows them. */
export function headlineFigures(g: GroupFigures): Array<[string, string]> {
  return [
    ['Incidents', `${g.count}${g.nearMisses ? ` (+${g.nearMisses} near misses)` : ''}`],
    ['MTTA', formatDuration(g.tta.mean)],
    ['Median TTA', formatDuration(g.tta.median)],
    ['Time to mitigate', formatDuration(g.ttm.mean)],
    ['MTTR', formatDuration(g.ttr.mean)],
    ['Median TTR', formatDuration(g.ttr.median)],
    [
      'SLA compliance',
      `${formatPercent(g.compliance)} (${g.within} within, ${g.breached} breached, ${g.pending} pending)`,
    ],
    ['Escalated', formatPercent(g.escalationRate)],
    ['Acknowledged by an integration', formatPercent(g.ackedByIntegrationShare)],
  ];
}

export const GROUP_COLUMNS = ['Incidents', 'MTTA', 'MTTR', 'Compliance', 'Breached'] as const;
export const groupCells = (g: GroupFigures): string[] => [
  String(g.count),
  formatDuration(g.tta.mean),
  formatDuration(g.ttr.mean),
  formatPercent(g.compliance),
  String(g.breached),
];

/** One line per breach: "#42 (S2, opened 2026-11-03 14:05): acknowledged late by 12m 30s; ...". */
export function breachLine(b: ReportView['breaches'][number], timeZone: string): string {
  const what = b.breaches.map((x) => `${REASON_LABELS[x.reason]} by ${formatDuration(x.bySeconds)}`).join('; ');
  return `#${b.number}${b.title ? ` ${b.title}` : ''} (${b.severity ?? `${b.urgency} urgency`}, opened ${formatInstant(
    b.openedAt,
    timeZone,
  )}): ${what}`;
}

/** The report as plain text (the emailed copy's text part). */
export function reportText(view: ReportView): string {
  const lines = [view.title, formatPeriod(view), ''];
  for (const [label, value] of headlineFigures(view.overall)) lines.push(`${label}: ${value}`);
  const table = (heading: string, groups: GroupFigures[]) => {
    if (groups.length === 0) return;
    lines.push('', heading);
    for (const g of groups)
      lines.push(`  ${g.label}: ${GROUP_COLUMNS.map((c, i) => `${c} ${groupCells(g)[i]}`).join(', ')}`);
  };
  table('By severity', view.bySeverity);
  table('By service', view.byService);
  lines.push('', view.breaches.length === 0 ? 'No breaches.' : `Breaches (${view.breaches.length})`);
  for (const b of view.breaches) lines.push(`  ${breachLine(b, view.timeZone)}`);
  return lines.join('\n') + '\n';
}

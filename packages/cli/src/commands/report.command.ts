/**
 * `tocsin report --team identity --month 2026-11`: a team's monthly SLA
 * report (docs/analytics.md): MTTA, MTTR, time to mitigate, compliance, by
 * severity and service, and every breach with its reason. `--json` for the
 * report as the API gives it, `--csv` for the CSV export, `--pdf FILE` to
 * write the PDF.
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { call, connect } from './api-client.js';
import { io } from './cli-io.js';
import { printOnCallHealth } from './report-oncall.js';
import { printJson, printTable, when } from './output.js';

interface Distribution {
  count: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
}

/** Seconds as people read them: 45s, 12m 30s, 3h 05m, 2d 4h. */
export function duration(seconds: number | null): string {
  if (seconds === null) return '-';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  return `${Math.floor(s / 86_400)}d ${Math.floor((s % 86_400) / 3600)}h`;
}

const percent = (share: number | null): string => (share === null ? '-' : `${(share * 100).toFixed(1)}%`);
const dist = (d: Distribution): string =>
  d.count === 0 ? '-' : `${duration(d.mean)} (median ${duration(d.median)}, p90 ${duration(d.p90)})`;

const REASONS: Record<string, string> = {
  never_acknowledged: 'never acknowledged',
  acknowledged_late: 'acknowledged late',
  resolved_late: 'resolved late',
};

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description("A team's monthly SLA report: MTTA, MTTR, compliance and breaches")
    .option('--team <slug>', 'team slug or id (default: all teams; with --oncall too)')
    .option('--month <YYYY-MM>', 'the month (default: the previous one)')
    .option('--tz <zone>', 'the time zone months start in (default UTC)')
    .option('--json', 'machine-readable output')
    .option('--csv', 'the report as CSV')
    .option('--oncall', 'on-call health instead: interruptions, nights and weekends on call, noisiest alerts')
    .option('--from <instant>', 'with --oncall: the start (default 30 days before --to)')
    .option('--to <instant>', 'with --oncall: the end (default now)')
    .option('--pdf <file>', 'write the report as PDF to this file')
    .action(
      async (
        options: {
          team?: string;
          month?: string;
          tz?: string;
          json?: boolean;
          csv?: boolean;
          oncall?: boolean;
          from?: string;
          to?: string;
          pdf?: string;
        },
        command: Command,
      ) => {
        const { client } = connect(command);
        if (options.oncall) return printOnCallHealth(client, options);
        const query = {
          ...(options.team && { team: options.team }),
          ...(options.month && { month: options.month }),
          ...(options.tz && { tz: options.tz }),
        };
        if (options.pdf) {
          const pdf = await call(
            client.GET('/api/v1/analytics/report.pdf', { params: { query }, parseAs: 'arrayBuffer' }),
          );
          await writeFile(options.pdf, Buffer.from(pdf));
          io.err(`Wrote ${options.pdf} (${pdf.byteLength} bytes).\n`);
          return;
        }
        if (options.csv) {
          const csv = await call(client.GET('/api/v1/analytics/report.csv', { params: { query }, parseAs: 'text' }));
          io.out(csv);
          return;
        }
        const report = await call(client.GET('/api/v1/analytics/report', { params: { query } }));
        if (options.json) return printJson(report);
        const o = report.overall;
        io.out(
          [
            `${report.title} (${when(report.from)} to ${when(report.to)}, ${report.timeZone})`,
            `Incidents: ${o.count}${o.nearMisses ? ` (+${o.nearMisses} near misses)` : ''}`,
            `MTTA: ${dist(o.tta)}`,
            `Time to mitigate: ${dist(o.ttm)}`,
            `MTTR: ${dist(o.ttr)}`,
            `Compliance: ${percent(o.compliance)} (${o.within} within, ${o.breached} breached, ${o.pending} pending)`,
            `Escalated: ${percent(o.escalationRate)}; acknowledged by an integration: ${percent(o.ackedByIntegrationShare)}`,
            '',
          ].join('\n') + '\n',
        );
        printTable(
          ['SEVERITY', 'INCIDENTS', 'MTTA', 'MTTR', 'COMPLIANCE'],
          report.bySeverity.map((g) => [
            g.label,
            String(g.count),
            duration(g.tta.mean),
            duration(g.ttr.mean),
            percent(g.compliance),
          ]),
          'No incidents.',
        );
        io.out('\n');
        printTable(
          ['INCIDENT', 'OPENED', 'BREACH', 'LATE BY', 'TITLE'],
          report.breaches.flatMap((b) =>
            b.breaches.map((breach) => [
              `#${b.number}`,
              when(b.openedAt),
              REASONS[breach.reason] ?? breach.reason,
              duration(breach.bySeconds),
              b.title,
            ]),
          ),
          'No breaches.',
        );
      },
    );
}

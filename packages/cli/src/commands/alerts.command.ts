/**
 * Alerts from the terminal: `tocsin alerts list` (newest first, with
 * filters) and `tocsin alert show <id>` (the fields and the sender's raw
 * payload).
 */
import type { Command } from 'commander';
import { call, connect } from './api-client.js';
import { io } from './cli-io.js';
import { serviceIdOf } from './incident-refs.js';
import { printJson, printTable, when } from './output.js';

export function registerAlertsCommands(program: Command): void {
  const alerts = program.command('alerts').description('Alerts (over the API)');
  alerts
    .command('list')
    .description('List alerts, newest first')
    .option('--status <statuses>', 'comma-separated: triggered, acknowledged, resolved, suppressed')
    .option('--service <service>', 'only this service (slug or id)')
    .option('--limit <n>', 'at most this many', '50')
    .option('--json', 'machine-readable output')
    .action(async (options: { status?: string; service?: string; limit: string; json?: boolean }, command: Command) => {
      const { client } = connect(command);
      const query = {
        limit: Number(options.limit),
        ...(options.status && { status: options.status }),
        ...(options.service && { serviceId: await serviceIdOf(client, options.service) }),
      };
      const { items } = await call(client.GET('/api/v1/alerts', { params: { query } }));
      if (options.json) return printJson(items);
      printTable(
        ['ID', 'STATUS', 'SEVERITY', 'INCIDENT', 'TRIGGERS', 'FIRST TRIGGERED', 'SUMMARY'],
        items.map((a) => [
          a.id,
          a.status,
          a.severity,
          a.incidentNumber ? `#${a.incidentNumber}` : '-',
          String(a.triggerCount),
          when(a.firstTriggeredAt),
          a.summary,
        ]),
        'No alerts.',
      );
    });

  const alert = program.command('alert').description('One alert (over the API)');
  alert
    .command('show <id>')
    .description("An alert's fields and the payload its sender sent")
    .option('--json', 'machine-readable output')
    .action(async (id: string, options: { json?: boolean }, command: Command) => {
      const { client } = connect(command);
      const detail = await call(client.GET('/api/v1/alerts/{id}', { params: { path: { id } } }));
      if (options.json) return printJson(detail);
      const lines = [
        `${detail.summary}`,
        `Status:       ${detail.status} (${detail.severity}), triggered ${detail.triggerCount} time${detail.triggerCount === 1 ? '' : 's'}`,
        `Dedup key:    ${detail.dedupKey}`,
        `Source:       ${detail.source || '-'}`,
        `Incident:     ${detail.incidentId ? `#${detail.incidentNumber ?? '?'} (${detail.incidentId})` : '- (suppressed: nobody was paged)'}`,
        `First / last: ${when(detail.firstTriggeredAt)} / ${when(detail.lastTriggeredAt)}`,
        ...detail.links.map((l) => `Link:         ${l.text ? `${l.text}: ` : ''}${l.href}`),
        'Raw payload:',
        JSON.stringify(detail.raw, null, 2),
      ];
      io.out(`${lines.join('\n')}\n`);
    });
}

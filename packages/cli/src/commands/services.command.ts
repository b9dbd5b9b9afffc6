/**
 * `tocsin services list`: the services, who owns them, how they page; and
 * `tocsin services keys <service>`: each integration key with the URL (or
 * address) to paste into the sender and its routing key.
 */
import type { Command } from 'commander';
import { call, connect } from './api-client.js';
import { printJson, printTable } from './output.js';

function status(service: { isDisabled: boolean; isInMaintenance: boolean; maintenanceEndsAt: string | null }): string {
  if (service.isDisabled) return 'disabled';
  if (service.isInMaintenance) return `in maintenance until ${service.maintenanceEndsAt}`;
  return 'active';
}

export function registerServicesCommands(program: Command): void {
  const services = program.command('services').description('Services and their integration keys (over the API)');

  services
    .command('list')
    .description('List services')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { client } = connect(command);
      const { items } = await call(client.GET('/api/v1/services'));
      if (options.json) return printJson(items);
      printTable(
        ['SLUG', 'NAME', 'TEAM', 'ESCALATION POLICY', 'STATUS'],
        items.map((s) => [s.slug, s.name, s.team?.slug ?? '-', s.escalationPolicy.name, status(s)]),
        'No services.',
      );
    });

  services
    .command('keys <service>')
    .description("List a service's integration keys with the URL to paste into each sender (service id or slug)")
    .option('--json', 'machine-readable output')
    .action(async (service: string, options: { json?: boolean }, command: Command) => {
      const { client } = connect(command);
      const { items } = await call(
        client.GET('/api/v1/services/{id}/integration-keys', { params: { path: { id: service } } }),
      );
      if (options.json) return printJson(items);
      printTable(
        ['NAME', 'TYPE', 'ROUTING KEY', 'SEND TO'],
        items.flatMap((k) =>
          k.endpoints.map((e, i) => (i === 0 ? [k.name, k.type, k.routingKey, e.value] : ['', '', '', e.value])),
        ),
        `Service ${service} has no integration keys.`,
      );
    });
}

/**
 * The organisation's incident response definitions, read from the terminal:
 * `tocsin severities list` (what S1..S4 mean and their timers), `tocsin roles
 * list` (incident roles: owning ones by rank, then the others) and `tocsin
 * categories list`. They are changed in the web UI, the API or config as code.
 */
import type { Command } from 'commander';
import { call, connect } from './api-client.js';
import { printJson, printTable } from './output.js';

const minutes = (value: number | null): string => (value === null ? 'never' : `${value}m`);

export function registerDefinitionsCommands(program: Command): void {
  program
    .command('severities')
    .description('Incident severities S1..S4 (over the API)')
    .command('list')
    .description('What each severity means and its response settings: when the IMOC is engaged, reminders')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { client } = connect(command);
      const { items } = await call(client.GET('/api/v1/severities'));
      if (options.json) return printJson(items);
      printTable(
        [
          'KEY',
          'NAME',
          'ENGAGES IMOC',
          'INVESTIGATING',
          'UNACKNOWLEDGED',
          'TROUBLESHOOT',
          'DEFAULT STEPS',
          'DESCRIPTION',
        ],
        items.map((s) => [
          s.key,
          s.name,
          s.engagesImoc ? 'yes' : 'no',
          minutes(s.investigatingMinutes),
          minutes(s.unacknowledgedMinutes),
          minutes(s.troubleshootMinutes),
          Object.entries(s.defaultSteps)
            .filter(([, on]) => on === true)
            .map(([step]) => step)
            .join(', ') || '-',
          s.description,
        ]),
        'No severities.',
      );
    });

  program
    .command('roles')
    .description('Incident roles (over the API)')
    .command('list')
    .description('Incident roles: owning ones by rank (ownership passes up), then the others')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { client } = connect(command);
      const { items } = await call(client.GET('/api/v1/incident-roles'));
      if (options.json) return printJson(items);
      printTable(
        ['SLUG', 'NAME', 'ALIAS', 'RANK', 'SCHEDULE', 'BUILT IN', 'DESCRIPTION'],
        items.map((r) => [
          r.slug,
          r.name,
          r.alias || '-',
          r.rank === null ? '-' : String(r.rank),
          r.schedule?.name ?? '-',
          r.builtin ? 'yes' : 'no',
          r.description,
        ]),
        'No incident roles.',
      );
    });

  program
    .command('categories')
    .description('Incident categories (over the API)')
    .command('list')
    .description('Incident categories: the built-in ones and those your organisation added')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { client } = connect(command);
      const { items } = await call(client.GET('/api/v1/incident-categories'));
      if (options.json) return printJson(items);
      printTable(
        ['SLUG', 'NAME', 'BUILT IN', 'DESCRIPTION'],
        items.map((c) => [c.slug, c.name, c.builtin ? 'yes' : 'no', c.description]),
        'No categories.',
      );
    });
}

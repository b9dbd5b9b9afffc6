/**
 * The organisation's incident response definitions, read from the terminal:
 * `tocsin severities list` (what S1..S4 mean and their timers), `tocsin roles
 * list` (incident roles: owning ones by rank, then the others) and `tocsin
 * categories list`. They are changed in the web UI, the API or config as code.
 */
import type { Command } from 'commander';
import type { TocsinClient } from '@tocsin/sdk';
import { call, connect } from './api-client.js';
import { printJson, printTable } from './output.js';

const minutes = (value: number | null): string => (value === null ? 'never' : `${value}m`);
const yesNo = (value: boolean): string => (value ? 'yes' : 'no');

/** `tocsin <noun> list [--json]`: the items as JSON, or as a table of the given columns. */
function registerList<T>(
  program: Command,
  noun: string,
  about: string,
  load: (client: TocsinClient) => Promise<{ items: T[] }>,
  table: { headers: string[]; row: (item: T) => string[] },
): void {
  program
    .command(noun)
    .description(`${about} (over the API)`)
    .command('list')
    .description(about)
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { items } = await load(connect(command).client);
      if (options.json) return printJson(items);
      printTable(table.headers, items.map(table.row), `No ${noun}.`);
    });
}

export function registerDefinitionsCommands(program: Command): void {
  registerList(
    program,
    'severities',
    'Incident severities S1..S4: what each means, when the IMOC is engaged, reminders',
    (client) => call(client.GET('/api/v1/severities')),
    {
      headers: [
        'KEY',
        'NAME',
        'ENGAGES IMOC',
        'INVESTIGATING',
        'UNACKNOWLEDGED',
        'TROUBLESHOOT',
        'DEFAULT STEPS',
        'DESCRIPTION',
      ],
      row: (s) => [
        s.key,
        s.name,
        yesNo(s.engagesImoc),
        minutes(s.investigatingMinutes),
        minutes(s.unacknowledgedMinutes),
        minutes(s.troubleshootMinutes),
        Object.entries(s.defaultSteps)
          .filter(([, on]) => on === true)
          .map(([step]) => step)
          .join(', ') || '-',
        s.description,
      ],
    },
  );

  registerList(
    program,
    'roles',
    'Incident roles: owning ones by rank (ownership passes up), then the others',
    (client) => call(client.GET('/api/v1/incident-roles')),
    {
      headers: ['SLUG', 'NAME', 'ALIAS', 'RANK', 'SCHEDULE', 'BUILT IN', 'DESCRIPTION'],
      row: (r) => [
        r.slug,
        r.name,
        r.alias || '-',
        r.rank === null ? '-' : String(r.rank),
        r.schedule?.name ?? '-',
        yesNo(r.builtin),
        r.description,
      ],
    },
  );

  registerList(
    program,
    'categories',
    'Incident categories: the built-in ones and those your organisation added',
    (client) => call(client.GET('/api/v1/incident-categories')),
    {
      headers: ['SLUG', 'NAME', 'BUILT IN', 'DESCRIPTION'],
      row: (c) => [c.slug, c.name, yesNo(c.builtin), c.description],
    },
  );
}

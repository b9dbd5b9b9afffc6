/** `tocsin teams list`: the teams and who is in them. */
import type { Command } from 'commander';
import { call, connect } from './api-client.js';
import { printJson, printTable } from './output.js';

export function registerTeamsCommands(program: Command): void {
  const teams = program.command('teams').description('Teams (over the API)');
  teams
    .command('list')
    .description('List teams with their members')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { client } = connect(command);
      const { items } = await call(client.GET('/api/v1/teams'));
      if (options.json) return printJson(items);
      printTable(
        ['SLUG', 'NAME', 'MEMBERS'],
        items.map((t) => [
          t.slug,
          t.name,
          t.members.map((m) => (m.role === 'manager' ? `${m.name} (manager)` : m.name)).join(', ') || '-',
        ]),
        'No teams.',
      );
    });
}

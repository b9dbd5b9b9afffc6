/** `tocsin users list`: the people in Tocsin. */
import type { Command } from 'commander';
import { call, connect } from './api-client.js';
import { printJson, printTable } from './output.js';

export function registerUsersCommands(program: Command): void {
  const users = program.command('users').description('People in Tocsin (over the API)');
  users
    .command('list')
    .description('List users')
    .option('--all', 'include disabled users')
    .option('--json', 'machine-readable output')
    .action(async (options: { all?: boolean; json?: boolean }, command: Command) => {
      const { client } = connect(command);
      const { items } = await call(
        client.GET('/api/v1/users', { params: { query: { includeDisabled: options.all ? 'true' : 'false' } } }),
      );
      if (options.json) return printJson(items);
      printTable(
        ['NAME', 'EMAIL', 'ROLE', 'TIME ZONE', 'STATUS'],
        items.map((u) => [u.name, u.email, u.role, u.timeZone, u.isDisabled ? 'disabled' : 'active']),
        'No users.',
      );
    });
}

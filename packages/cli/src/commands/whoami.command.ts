/** `tocsin whoami`: who the token acts as, on which server. */
import type { Command } from 'commander';
import { call, connect } from './api-client.js';
import { io } from './cli-io.js';
import { printJson } from './output.js';

export function registerWhoamiCommand(program: Command): void {
  program
    .command('whoami')
    .description('Show the user your API token acts as')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { client, server } = connect(command);
      const { user } = await call(client.GET('/api/v1/auth/session'));
      if (options.json) return printJson(user);
      io.out(`${user.name} <${user.email}>, ${user.role}, on ${server}\n`);
    });
}

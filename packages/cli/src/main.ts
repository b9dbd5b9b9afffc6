/**
 * The `tocsin` CLI. Server verbs (serve, migrate, demo, doctor, user create,
 * token create) run against the database directly; user verbs talk only to
 * the public API through the SDK (see commands/).
 */
import { Command, CommanderError } from 'commander';
import { registerServerCommands } from './commands/server.js';
import { registerApiCommands } from './commands/api.js';

export async function main(argv: string[]): Promise<number> {
  const program = new Command('tocsin')
    .description(
      'Tocsin: incident management. Server verbs run Tocsin; user verbs talk to a running Tocsin over its API.',
    )
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) });
  registerServerCommands(program);
  registerApiCommands(program);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    process.stderr.write(`tocsin: ${(error as Error).message}\n`);
    return 1;
  }
}

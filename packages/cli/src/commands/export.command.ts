/**
 * `tocsin export`: the config document for what Tocsin holds now, as YAML (or
 * JSON with --json), to stdout or a file. Applying it back changes nothing.
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { call, connect } from './api-client.js';
import { io } from './cli-io.js';
import { toYaml } from './config-file.js';
import { countOf } from './output.js';

interface ExportOptions {
  output?: string;
  json?: boolean;
}

async function runExport(options: ExportOptions, command: Command): Promise<void> {
  const { client, server } = connect(command);
  const document = await call(client.GET('/api/v1/config/export'));
  const text = options.json ? `${JSON.stringify(document, null, 2)}\n` : toYaml(document, server);
  if (!options.output || options.output === '-') return io.out(text);
  await writeFile(options.output, text, 'utf8');
  const counts = Object.entries(document as Record<string, unknown>).flatMap(([key, items]) =>
    Array.isArray(items) ? [countOf(items.length, key)] : [],
  );
  io.err(`Wrote ${options.output} (${counts.join(', ')}).\n`);
}

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('Print the config document for the current state (YAML); `tocsin apply -f` on it changes nothing')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .option('--json', 'JSON instead of YAML')
    .action(async (options: ExportOptions, command: Command) => runExport(options, command));
}

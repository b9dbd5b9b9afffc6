/**
 * `tocsin apply -f tocsin.yaml`: show the plan, then apply it once confirmed
 * (a "yes" at the terminal, or --yes). Without a terminal and without --yes
 * it only shows the plan and exits 2, so a script never changes things by
 * accident. `--dry-run` only plans. What is applied is the plan shown, or
 * nothing: the apply carries the plan's fingerprint.
 */
import { CommanderError, type Command } from 'commander';
import type { paths } from '@tocsin/sdk';
import { call, connect } from './api-client.js';
import { io } from './cli-io.js';
import { readConfigFile } from './config-file.js';
import { plural, printJson } from './output.js';

type Plan = {
  changes: Array<{ kind: string; action: string; key: string; line: string }>;
  warnings: string[];
  fingerprint: string;
};
type ConfigDocument = paths['/api/v1/config/plan']['post']['requestBody']['content']['application/json']['document'];

interface ApplyOptions {
  file: string;
  prune?: boolean;
  yes?: boolean;
  dryRun?: boolean;
  json?: boolean;
}

function summary(plan: Plan): string {
  const parts = (['create', 'update', 'delete', 'disable'] as const)
    .map((action) => [plan.changes.filter((c) => c.action === action).length, action] as const)
    .filter(([n]) => n > 0);
  return `Plan: ${parts.map(([n, action]) => `${n} to ${action}`).join(', ')}.`;
}

function printPlan(plan: Plan, source: string, server: string, write: (text: string) => void): void {
  for (const warning of plan.warnings) io.err(`Warning: ${warning}\n`);
  if (plan.changes.length === 0) {
    write(`No changes: ${server} already matches ${source}.\n`);
    return;
  }
  write(
    `Changes to make ${server} match ${source}:\n${plan.changes.map((c) => `  ${c.line}`).join('\n')}\n${summary(plan)}\n`,
  );
}

/** Stops with an exit code; the reason is printed before. */
const stop = (exitCode: number, code: string): never => {
  throw new CommanderError(exitCode, code, '');
};

async function confirmed(options: ApplyOptions, plan: Plan, server: string): Promise<boolean> {
  if (options.yes) return true;
  if (!io.isInteractive() || options.file === '-') {
    if (options.json) printJson({ applied: false, ...plan });
    io.err('Not applied: there is no terminal to confirm on. Add --yes to apply these changes.\n');
    return stop(2, 'tocsin.unconfirmed');
  }
  const answer = await io.ask(`Apply ${plural(plan.changes.length, 'change')} to ${server}? Type "yes" to apply: `);
  return ['yes', 'y'].includes(answer.trim().toLowerCase());
}

/**
 * With --json, stdout carries exactly one object, `{ applied, changes,
 * warnings }`, and the plan shown for confirmation goes to stderr.
 */
async function runApply(options: ApplyOptions, command: Command): Promise<void> {
  const { client, server } = connect(command);
  const source = options.file === '-' ? 'stdin' : options.file;
  const body = { document: (await readConfigFile(options.file)) as ConfigDocument, prune: options.prune ?? false };
  const plan = await call(client.POST('/api/v1/config/plan', { body }));
  if (plan.changes.length === 0 || options.dryRun) {
    if (options.json) return printJson({ applied: false, ...plan });
    printPlan(plan, source, server, io.out);
    if (plan.changes.length > 0) io.err('Dry run: nothing applied.\n');
    return;
  }
  if (!options.json) printPlan(plan, source, server, io.out);
  else if (!options.yes && io.isInteractive()) printPlan(plan, source, server, io.err);
  if (!(await confirmed(options, plan, server))) {
    io.err('Not applied.\n');
    return stop(1, 'tocsin.declined');
  }
  // Only the plan shown: if Tocsin changed meanwhile, the server refuses (409) and nothing is applied.
  const applied = await call(
    client.POST('/api/v1/config/apply', { body: { ...body, expectedFingerprint: plan.fingerprint } }),
  );
  if (options.json) return printJson({ applied: true, ...applied });
  io.out(`Applied ${plural(applied.changes.length, 'change')}.\n`);
}

export function registerApplyCommand(program: Command): void {
  program
    .command('apply')
    .description('Make Tocsin match a config file (YAML or JSON): shows the plan, then applies it once confirmed')
    .requiredOption('-f, --file <file>', 'the config document; "-" reads stdin')
    .option('--prune', 'also remove what the file leaves out: delete teams, disable users')
    .option('-y, --yes', 'apply without asking (needed when there is no terminal)')
    .option('--dry-run', 'only show the plan')
    .option('--json', 'print the plan (or the applied changes) as JSON')
    .action(async (options: ApplyOptions, command: Command) => runApply(options, command));
}

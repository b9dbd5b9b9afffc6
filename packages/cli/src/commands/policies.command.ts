/** `tocsin policies list`: the escalation policies, level by level. */
import type { Command } from 'commander';
import { call, connect } from './api-client.js';
import { printJson, printTable } from './output.js';

export function registerPoliciesCommands(program: Command): void {
  const policies = program.command('policies').description('Escalation policies (over the API)');
  policies
    .command('list')
    .description('List escalation policies with their levels')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { client } = connect(command);
      const { items } = await call(client.GET('/api/v1/escalation-policies'));
      if (options.json) return printJson(items);
      printTable(
        ['NAME', 'TEAM', 'LEVELS', 'REPEATS'],
        items.map((p) => [
          p.name,
          p.team?.slug ?? '-',
          p.levels
            .map((l, i) => `${i + 1}. ${l.targets.map((t) => t.label).join(', ')} (${l.delayMinutes} min)`)
            .join(' → '),
          String(p.repeatCount),
        ]),
        'No escalation policies.',
      );
    });
}

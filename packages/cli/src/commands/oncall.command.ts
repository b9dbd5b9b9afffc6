/**
 * `tocsin oncall`: who is on call now (or at a time), for a schedule, a
 * team's schedules, a service's escalation policy, or every schedule.
 */
import type { Command } from 'commander';
import { call, connect } from './api-client.js';
import { io } from './cli-io.js';
import { printJson, printTable } from './output.js';

/** Anything Date understands ("2026-03-01 09:00Z", an ISO date-time) → ISO 8601; a bare date-time reads as UTC. */
export function parseInstant(text: string, option: string): string {
  const trimmed = text.trim();
  const withZone = /[zZ]|[+-]\d\d:?\d\d$/.test(trimmed) || !/\d:\d\d/.test(trimmed) ? trimmed : `${trimmed}Z`;
  const ms = Date.parse(withZone.replace(' ', 'T'));
  if (Number.isNaN(ms))
    throw new Error(
      `${option} "${text}" is not a date and time: write e.g. 2026-03-01T09:00Z or "2026-03-01 09:00+01:00".`,
    );
  return new Date(ms).toISOString();
}

const shortUtc = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

export function registerOncallCommand(program: Command): void {
  program
    .command('oncall')
    .description('Who is on call now (or --at a time): for a schedule, a team, a service, or every schedule')
    .option('--schedule <idOrName>', 'one schedule')
    .option('--team <idOrSlug>', "a team's schedules")
    .option('--service <idOrSlug>', "the schedules a service's escalation policy pages, level by level")
    .option('--at <time>', 'another moment, e.g. 2026-03-01T09:00Z')
    .option('--json', 'machine-readable output')
    .action(
      async (
        options: { schedule?: string; team?: string; service?: string; at?: string; json?: boolean },
        command: Command,
      ) => {
        const chosen = [options.schedule, options.team, options.service].filter(Boolean).length;
        if (chosen > 1) throw new Error('Give one of --schedule, --team or --service (or none, for every schedule).');
        const { client } = connect(command);
        const answer = await call(
          client.GET('/api/v1/oncall', {
            params: {
              query: {
                ...(options.schedule && { schedule: options.schedule }),
                ...(options.team && { team: options.team }),
                ...(options.service && { service: options.service }),
                ...(options.at && { at: parseInstant(options.at, '--at') }),
              },
            },
          }),
        );
        if (options.json) return printJson(answer);
        const withLevels = answer.items.some((i) => i.level !== null);
        const rows = answer.items.map((item) => [
          ...(withLevels ? [String(item.level ?? '-')] : []),
          item.schedule.name,
          item.users.map((u) => u.name).join(', ') || 'nobody',
          item.users.map((u) => (u.until ? shortUtc(u.until) : '-')).join(', ') || '-',
        ]);
        if (options.at) io.out(`At ${shortUtc(answer.at)}:\n`);
        printTable([...(withLevels ? ['LEVEL'] : []), 'SCHEDULE', 'ON CALL', 'UNTIL'], rows, 'No schedules.');
        for (const note of answer.notes) io.out(`Note: ${note}\n`);
      },
    );
}

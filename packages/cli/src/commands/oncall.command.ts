/**
 * `tocsin oncall`: who is on call now (or at a time), for a schedule, a
 * team's schedules, every level of a service's or a policy's escalation
 * (people named directly as well as schedules), or every schedule; and
 * `--mine`: my own shifts, the next one first, on my clock.
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

/** An instant on a person's clock: "Mon 5 Jan 09:00 Europe/London". */
export function zoned(iso: string, timeZone: string): string {
  try {
    const text = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(iso));
    return `${text.replace(',', '')} ${timeZone}`;
  } catch {
    return shortUtc(iso);
  }
}

async function printMine(command: Command, options: { json?: boolean; weeks?: string }): Promise<void> {
  const weeks = options.weeks === undefined ? undefined : Number(options.weeks);
  if (weeks !== undefined && (!Number.isInteger(weeks) || weeks < 1 || weeks > 26))
    throw new Error(`--weeks "${options.weeks}" is not a whole number of weeks from 1 to 26.`);
  const { client } = connect(command);
  const mine = await call(client.GET('/api/v1/oncall/mine', { params: { query: weeks ? { weeks } : {} } }));
  if (options.json) return printJson(mine);
  const zone = mine.user.timeZone;
  const span = (s: { start: string; end: string }) => `${zoned(s.start, zone)} – ${zoned(s.end, zone)}`;
  for (const shift of mine.current) io.out(`On call now: ${shift.schedule.name} until ${zoned(shift.end, zone)}\n`);
  if (mine.next) io.out(`Next shift: ${mine.next.schedule.name}, ${span(mine.next)}\n`);
  if (mine.current.length === 0 && !mine.next) io.out(`No shifts until ${zoned(mine.to, zone)}.\n`);
  if (mine.shifts.length > 0) {
    io.out('\n');
    printTable(
      ['SCHEDULE', 'FROM', 'TO', ''],
      mine.shifts.map((s) => [s.schedule.name, zoned(s.start, zone), zoned(s.end, zone), s.isNow ? 'now' : '']),
      '',
    );
  }
  for (const p of mine.policies)
    io.out(
      `Always paged by ${p.policy.name} at level ${p.levels.join(', ')}${p.via.type === 'team' ? ` (through team ${p.via.label})` : ''}\n`,
    );
}

export function registerOncallCommand(program: Command): void {
  program
    .command('oncall')
    .description(
      'Who is on call now (or --at a time): for a schedule, a team, a service or policy (every level), every schedule; or --mine',
    )
    .option('--schedule <idOrName>', 'one schedule')
    .option('--team <idOrSlug>', "a team's schedules")
    .option('--service <idOrSlug>', "every level of a service's escalation policy, resolved to people")
    .option('--policy <idOrName>', 'every level of an escalation policy, resolved to people')
    .option('--mine', 'my shifts now and to come, the next one first, in my time zone')
    .option('--weeks <n>', 'with --mine: how far ahead (default 4)')
    .option('--at <time>', 'another moment, e.g. 2026-03-01T09:00Z')
    .option('--json', 'machine-readable output')
    .action(
      async (
        options: {
          schedule?: string;
          team?: string;
          service?: string;
          policy?: string;
          mine?: boolean;
          weeks?: string;
          at?: string;
          json?: boolean;
        },
        command: Command,
      ) => {
        const chosen = [options.schedule, options.team, options.service, options.policy, options.mine].filter(
          Boolean,
        ).length;
        if (chosen > 1)
          throw new Error(
            'Give one of --schedule, --team, --service, --policy or --mine (or none, for every schedule).',
          );
        if (options.mine) {
          if (options.at) throw new Error('--mine starts from now: leave out --at.');
          return printMine(command, options);
        }
        if (options.weeks) throw new Error('--weeks goes with --mine.');
        const { client } = connect(command);
        const answer = await call(
          client.GET('/api/v1/oncall', {
            params: {
              query: {
                ...(options.schedule && { schedule: options.schedule }),
                ...(options.team && { team: options.team }),
                ...(options.service && { service: options.service }),
                ...(options.policy && { policy: options.policy }),
                ...(options.at && { at: parseInstant(options.at, '--at') }),
              },
            },
          }),
        );
        if (options.json) return printJson(answer);
        if (options.at) io.out(`At ${shortUtc(answer.at)}:\n`);
        if (answer.levels) {
          // A policy's levels: people named directly, teams and schedules alike.
          if (answer.policy) io.out(`Escalation policy: ${answer.policy.name}\n`);
          const rows = answer.levels.flatMap((level) =>
            level.targets.map((target) => [
              String(level.level),
              `${target.type} ${target.label}`,
              target.users.map((u) => u.name).join(', ') || `nobody${target.note ? ` (${target.note})` : ''}`,
              target.users.map((u) => (u.until ? shortUtc(u.until) : '-')).join(', ') || '-',
            ]),
          );
          printTable(['LEVEL', 'TARGET', 'ON CALL', 'UNTIL'], rows, 'The policy has no levels.');
        } else {
          const rows = answer.items.map((item) => [
            item.schedule.name,
            item.users.map((u) => u.name).join(', ') || 'nobody',
            item.users.map((u) => (u.until ? shortUtc(u.until) : '-')).join(', ') || '-',
          ]);
          printTable(['SCHEDULE', 'ON CALL', 'UNTIL'], rows, 'No schedules.');
        }
        for (const note of answer.notes) io.out(`Note: ${note}\n`);
      },
    );
}

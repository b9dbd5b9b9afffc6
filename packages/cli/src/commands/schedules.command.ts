/**
 * `tocsin schedules …`: list and show schedules, their versions (and restore
 * one), overrides (list, add, remove), take the pager, and a private calendar
 * feed. People are named by email or id.
 */
import type { Command } from 'commander';
import type { TocsinClient } from '@tocsin/sdk';
import { call, connect } from './api-client.js';
import { io } from './cli-io.js';
import { parseInstant } from './oncall.command.js';
import { printJson, printTable } from './output.js';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const short = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;

async function userId(client: TocsinClient, emailOrId: string): Promise<string> {
  if (UUID_RE.test(emailOrId)) return emailOrId;
  const { items } = await call(client.GET('/api/v1/users', { params: { query: { includeDisabled: 'false' } } }));
  const user = items.find((u) => u.email.toLowerCase() === emailOrId.toLowerCase());
  if (!user) throw new Error(`No active user has the email ${emailOrId}.`);
  return user.id;
}

export function registerSchedulesCommands(program: Command): void {
  const schedules = program.command('schedules').description('On-call schedules (over the API)');
  const path = (schedule: string) => ({ path: { id: schedule } });

  schedules
    .command('list')
    .description('List schedules with who is on call now')
    .option('--team <idOrSlug>', "only this team's schedules")
    .option('--json', 'machine-readable output')
    .action(async (options: { team?: string; json?: boolean }, command: Command) => {
      const { client } = connect(command);
      const { items } = await call(
        client.GET('/api/v1/schedules', { params: { query: options.team ? { team: options.team } : {} } }),
      );
      if (options.json) return printJson(items);
      printTable(
        ['NAME', 'TIME ZONE', 'LAYERS', 'VERSION', 'ON CALL NOW'],
        items.map((s) => [
          s.name,
          s.timeZone,
          String(s.definition.layers.length),
          String(s.currentVersion ?? '-'),
          s.onCallNow.map((u) => u.name).join(', ') || 'nobody',
        ]),
        'No schedules.',
      );
    });

  schedules
    .command('show <schedule>')
    .description('A schedule: its layers now, and the next shifts')
    .option('--json', 'machine-readable output')
    .action(async (schedule: string, options: { json?: boolean }, command: Command) => {
      const { client } = connect(command);
      const found = await call(client.GET('/api/v1/schedules/{id}', { params: path(schedule) }));
      const { items: shifts } = await call(client.GET('/api/v1/schedules/{id}/shifts', { params: path(schedule) }));
      if (options.json) return printJson({ ...found, shifts });
      io.out(`${found.name} (${found.timeZone}), version ${found.currentVersion ?? '-'}\n`);
      for (const layer of found.definition.layers) {
        const only = layer.restrictions?.length
          ? `, only ${layer.restrictions.map((r) => `${r.days ? `${r.days.join(',')} ` : ''}${r.start}-${r.end}`).join(' ')}`
          : '';
        io.out(
          `  ${layer.name}: every ${layer.shift.length} ${layer.shift.unit} at ${layer.handoffTime} from ${layer.startDate}${only}\n`,
        );
      }
      printTable(
        ['WHO', 'FROM (UTC)', 'TO (UTC)'],
        shifts.map((s) => [s.name, short(s.start), short(s.end)]),
        'Nobody is on call in the next four weeks.',
      );
    });

  schedules
    .command('versions <schedule>')
    .description('The history of a schedule, with readable diffs')
    .option('--json', 'machine-readable output')
    .action(async (schedule: string, options: { json?: boolean }, command: Command) => {
      const { client } = connect(command);
      const { items } = await call(client.GET('/api/v1/schedules/{id}/versions', { params: path(schedule) }));
      if (options.json) return printJson(items);
      printTable(
        ['VERSION', 'FROM (UTC)', 'BY', 'CHANGE'],
        items.map((v) => [String(v.number), short(v.effectiveFrom), v.author.label, v.summary]),
        'No versions.',
      );
    });

  schedules
    .command('restore <schedule> <version>')
    .description('Restore a version: a new version, effective now, equal to it')
    .action(async (schedule: string, version: string, _options: unknown, command: Command) => {
      const { client } = connect(command);
      const result = await call(
        client.POST('/api/v1/schedules/{id}/versions/{number}/restore', {
          params: { path: { id: schedule, number: Number(version) } },
        }),
      );
      io.out(`Version ${result.version?.number}: ${result.version?.summary}\n`);
      for (const warning of result.checks.warnings) io.out(`Warning: ${warning}\n`);
    });

  schedules
    .command('overrides <schedule>')
    .description('Overrides in the next four weeks')
    .option('--json', 'machine-readable output')
    .action(async (schedule: string, options: { json?: boolean }, command: Command) => {
      const { client } = connect(command);
      const { items } = await call(client.GET('/api/v1/schedules/{id}/overrides', { params: path(schedule) }));
      if (options.json) return printJson(items);
      printTable(
        ['ID', 'KIND', 'WHO', 'INSTEAD OF', 'FROM (UTC)', 'TO (UTC)'],
        items.map((o) => [
          o.id,
          o.removedAt ? `${o.kind} (removed)` : o.kind,
          o.user.name,
          o.replaces?.name ?? (o.kind === 'replace' ? 'everyone' : '-'),
          short(o.startsAt),
          short(o.endsAt),
        ]),
        'No overrides.',
      );
    });

  schedules
    .command('override <schedule>')
    .description('Put someone on call for a window: replace (default), add or remove')
    .requiredOption('--user <emailOrId>', 'who is put on call (or, with --kind remove, taken off)')
    .option('--replaces <emailOrId>', "whose slot they take (replace); everyone's when left out")
    .option('--kind <kind>', 'replace, add or remove', 'replace')
    .requiredOption('--from <time>', 'start, e.g. 2026-03-01T09:00Z')
    .requiredOption('--to <time>', 'end')
    .option('--note <text>', 'why')
    .option('--json', 'machine-readable output')
    .action(
      async (
        schedule: string,
        options: {
          user: string;
          replaces?: string;
          kind: string;
          from: string;
          to: string;
          note?: string;
          json?: boolean;
        },
        command: Command,
      ) => {
        if (!['replace', 'add', 'remove'].includes(options.kind))
          throw new Error(`--kind must be replace, add or remove, not "${options.kind}".`);
        const { client } = connect(command);
        const created = await call(
          client.POST('/api/v1/schedules/{id}/overrides', {
            params: path(schedule),
            body: {
              kind: options.kind as 'replace' | 'add' | 'remove',
              userId: await userId(client, options.user),
              ...(options.replaces && { replacesUserId: await userId(client, options.replaces) }),
              startsAt: parseInstant(options.from, '--from'),
              endsAt: parseInstant(options.to, '--to'),
              ...(options.note && { note: options.note }),
            },
          }),
        );
        if (options.json) return printJson(created);
        io.out(
          `Override ${created.id}: ${created.user.name} (${created.kind}) from ${short(created.startsAt)} to ${short(created.endsAt)} UTC.\n`,
        );
      },
    );

  schedules
    .command('remove-override <schedule> <overrideId>')
    .description('Remove an override: it ends now')
    .action(async (schedule: string, overrideId: string, _options: unknown, command: Command) => {
      const { client } = connect(command);
      const removed = await call(
        client.DELETE('/api/v1/schedules/{id}/overrides/{overrideId}', {
          params: { path: { id: schedule, overrideId } },
        }),
      );
      io.out(`Override ${removed.id} removed.\n`);
    });

  schedules
    .command('take-pager <schedule>')
    .description('Be the one on call for the next hours')
    .option('--hours <n>', 'how long', '1')
    .option('--user <emailOrId>', 'someone else (managers)')
    .action(async (schedule: string, options: { hours: string; user?: string }, command: Command) => {
      const { client } = connect(command);
      const hours = Number(options.hours);
      if (!Number.isFinite(hours)) throw new Error(`--hours must be a number, not "${options.hours}".`);
      const taken = await call(
        client.POST('/api/v1/schedules/{id}/take-pager', {
          params: path(schedule),
          body: { hours, ...(options.user && { userId: await userId(client, options.user) }) },
        }),
      );
      io.out(`${taken.user.name} has the pager until ${short(taken.endsAt)} UTC.\n`);
    });

  schedules
    .command('feed [schedule]')
    .description('A private calendar feed (webcal) of a schedule, or of your own shifts when no schedule is named')
    .action(async (schedule: string | undefined, _options: unknown, command: Command) => {
      const { client } = connect(command);
      const created = await call(
        client.POST('/api/v1/calendars', {
          body: schedule ? { kind: 'schedule', subject: schedule } : { kind: 'user' },
        }),
      );
      io.out(
        `Subscribe in your calendar app: ${created.webcalUrl}\nJSON: ${created.jsonUrl}\nKeep it private: anyone with the link sees the shifts. Revoke with the API (DELETE /api/v1/calendars/${created.feed.id}).\n`,
      );
    });
}

/**
 * A declared incident's response from the terminal (ADR 17): `incident
 * severity|stage` (only the owner resolves, closes or reopens), `incident
 * roles` (who holds what, the owner, pending hand-offs), `incident
 * engage|take` a role, `incident handoff` (and `handoff accept|decline|cancel`),
 * and `incident link|unlink|merge` for related incidents.
 */
import { Argument, type Command } from 'commander';
import type { TocsinClient } from '@tocsin/sdk';
import { call, connect } from './api-client.js';
import { io } from './cli-io.js';
import {
  incidentLabel,
  incidentLine,
  incidentRef,
  SEVERITY_KEYS,
  STAGES,
  userIdsOf,
  type SeverityKey,
  type Stage,
} from './incident-refs.js';
import { printJson, printTable, when } from './output.js';

const JSON_OPTION = ['--json', 'machine-readable output'] as const;

const pathOf = (ref: string) => ({ path: { id: incidentRef(ref) } });

const readResponse = (client: TocsinClient, ref: string) =>
  call(client.GET('/api/v1/incidents/{id}/response', { params: pathOf(ref) }));

type Response = Awaited<ReturnType<typeof readResponse>>;

/** Who holds what (current holders; with `all`, past ones too), and the hand-offs still waiting. */
function printRoles(incident: { number: number; title: string }, response: Response, all: boolean): void {
  const owner = response.owner
    ? `${response.owner.name}${response.ownerRole ? ` (${response.ownerRole})` : ''} since ${when(response.ownerSince)}`
    : 'nobody yet';
  io.out(
    [
      `#${incident.number} ${incident.title}`,
      `Severity:  ${response.severity}${response.nearMiss ? ' (near miss)' : ''}`,
      `Stage:     ${response.stage} since ${when(response.stageChangedAt)}`,
      `Owner:     ${owner}`,
      `Declared:  ${when(response.declaredAt)} by ${response.declaredBy} (${response.origin})`,
      '',
    ].join('\n'),
  );
  const holders = response.roles.filter((h) => all || h.endedAt === null);
  printTable(
    ['ROLE', 'HELD BY', 'ENGAGED', 'HOW', 'PAGED', 'ACCEPTED', ...(all ? ['ENDED'] : [])],
    holders.map((h) => [
      h.role.slug,
      h.user.name,
      when(h.engagedAt),
      h.how,
      h.paged ? 'yes' : 'no',
      h.acceptedAt ? when(h.acceptedAt) : 'not yet',
      ...(all ? [when(h.endedAt)] : []),
    ]),
    'Nobody holds a role.',
  );
  const pending = response.handoffs.filter((h) => h.state === 'pending');
  if (pending.length === 0) return;
  io.out(
    `\nHand-offs waiting for an answer (tocsin incident handoff accept|decline|cancel ${incident.number} <id>):\n`,
  );
  printTable(
    ['ID', 'ROLE', 'FROM', 'TO', 'ASKED', 'NOTE'],
    pending.map((h) => [h.id, h.role.slug, h.from.name, h.to.name, when(h.requestedAt), h.note]),
    '',
  );
}

function registerChanges(incident: Command): void {
  incident
    .command('severity')
    .description('Change the severity of a declared incident, saying why; raising it to S1/S2 engages the IMOC')
    .argument('<incident>', 'number or id')
    .addArgument(new Argument('<severity>', 'the new severity').choices(SEVERITY_KEYS))
    .option('--reason <text>', 'why: kept with the change and on the timeline')
    .option(...JSON_OPTION)
    .action(
      async (ref: string, severity: SeverityKey, options: { reason?: string; json?: boolean }, command: Command) => {
        const { client } = connect(command);
        const body = { severity, ...(options.reason && { reason: options.reason }) };
        const result = await call(client.POST('/api/v1/incidents/{id}/severity', { params: pathOf(ref), body }));
        if (options.json) return printJson(result);
        io.out(incidentLine('Severity changed on', result));
      },
    );

  incident
    .command('stage')
    .description('Move a declared incident to a stage; only the owner resolves, closes or reopens it')
    .argument('<incident>', 'number or id')
    .addArgument(new Argument('<stage>', 'the new stage').choices(STAGES))
    .option(...JSON_OPTION)
    .action(async (ref: string, stage: Stage, options: { json?: boolean }, command: Command) => {
      const { client } = connect(command);
      const result = await call(client.POST('/api/v1/incidents/{id}/stage', { params: pathOf(ref), body: { stage } }));
      if (options.json) return printJson(result);
      io.out(incidentLine('Moved', result));
    });
}

function registerRoles(incident: Command): void {
  incident
    .command('roles <incident>')
    .description('Who holds which role of a declared incident, who owns it, and the hand-offs waiting')
    .option('--all', 'past holders too')
    .option(...JSON_OPTION)
    .action(async (ref: string, options: { all?: boolean; json?: boolean }, command: Command) => {
      const { client } = connect(command);
      const response = await readResponse(client, ref);
      if (options.json) return printJson(response);
      const detail = await call(client.GET('/api/v1/incidents/{id}', { params: pathOf(ref) }));
      printRoles(detail, response, options.all ?? false);
    });

  incident
    .command('engage <incident> <role>')
    .description(
      'Engage a role (e.g. imoc): a named person, or whoever its schedule (for the EOC, the service) has on call; they are paged, never twice',
    )
    .option('--user <user>', 'who: an email or a user id')
    .option('--no-page', 'engage them without paging')
    .option(...JSON_OPTION)
    .action(
      async (
        ref: string,
        role: string,
        options: { user?: string; page: boolean; json?: boolean },
        command: Command,
      ) => {
        const { client } = connect(command);
        const userId = options.user ? (await userIdsOf(client, [options.user]))[0] : undefined;
        const body = { role, page: options.page, ...(userId && { userId }) };
        const result = await call(client.POST('/api/v1/incidents/{id}/roles/engage', { params: pathOf(ref), body }));
        if (options.json) return printJson(result);
        const holder = (await readResponse(client, ref)).roles.find((h) => h.role.slug === role && !h.endedAt);
        io.out(incidentLine(`Engaged ${holder?.user.name ?? 'someone'} as ${role} on`, result));
      },
    );

  incident
    .command('take <incident> <role>')
    .description(
      "Take a role that is vacant or that you were asked for; an owning role above the owner's makes you the owner (a role someone has taken up moves by hand-off)",
    )
    .option(...JSON_OPTION)
    .action(async (ref: string, role: string, options: { json?: boolean }, command: Command) => {
      const { client } = connect(command);
      const result = await call(
        client.POST('/api/v1/incidents/{id}/roles/take', { params: pathOf(ref), body: { role } }),
      );
      if (options.json) return printJson(result);
      io.out(incidentLine(`Took ${role} on`, result));
    });
}

function registerHandoffs(incident: Command): void {
  const handoff = incident
    .command('handoff')
    .description(
      'Ask someone to take over a role you hold (by default the one that makes you owner); nobody is paged. ' +
        'They answer with `handoff accept|decline`, you may `handoff cancel`',
    )
    .argument('<incident>', 'number or id')
    .option('--to <user>', 'who: an email or a user id')
    .option('--role <role>', 'the role to hand over (default: the one that makes you owner)')
    .option('--note <text>', 'what they need to know')
    .option(...JSON_OPTION)
    .action(
      async (ref: string, options: { to?: string; role?: string; note?: string; json?: boolean }, command: Command) => {
        if (!options.to) throw new Error('Say who takes over: --to <email or user id>');
        const { client } = connect(command);
        const [toUserId] = await userIdsOf(client, [options.to]);
        const body = {
          toUserId: toUserId!,
          ...(options.role && { role: options.role }),
          ...(options.note && { note: options.note }),
        };
        const result = await call(client.POST('/api/v1/incidents/{id}/handoffs', { params: pathOf(ref), body }));
        if (options.json) return printJson(result);
        const asked = (await readResponse(client, ref)).handoffs.find(
          (h) => h.state === 'pending' && h.to.id === toUserId,
        );
        io.out(
          `Asked ${asked?.to.name ?? options.to} to take ${asked?.role.slug ?? 'your role'} of #${result.number}: ${result.title}\n` +
            (asked ? `They answer with: tocsin incident handoff accept ${result.number} ${asked.id}\n` : ''),
        );
      },
    );

  for (const [answer, done] of [
    ['accept', 'Accepted the hand-off of'],
    ['decline', 'Declined the hand-off of'],
    ['cancel', 'Cancelled the hand-off of'],
  ] as const) {
    handoff
      .command(`${answer} <incident> <handoffId>`)
      .description(
        answer === 'cancel'
          ? 'Cancel a hand-off you asked for'
          : `${answer[0]!.toUpperCase()}${answer.slice(1)} a hand-off you were asked to take`,
      )
      .option(...JSON_OPTION)
      .action(async (ref: string, handoffId: string, _options: unknown, command: Command) => {
        const { client } = connect(command);
        const params = { path: { id: incidentRef(ref), handoffId } };
        const result = await call(client.POST(`/api/v1/incidents/{id}/handoffs/{handoffId}/${answer}`, { params }));
        // `handoff` has --json too, and commander gives it to whichever parses first.
        if (command.optsWithGlobals<{ json?: boolean }>().json) return printJson(result);
        io.out(incidentLine(done, result));
      });
  }
}

function registerLinks(incident: Command): void {
  incident
    .command('link <incident> <other>')
    .description('Link two related incidents (numbers or ids)')
    .option(...JSON_OPTION)
    .action(async (ref: string, other: string, options: { json?: boolean }, command: Command) => {
      const { client } = connect(command);
      const body = { otherId: incidentRef(other) };
      const result = await call(client.POST('/api/v1/incidents/{id}/links', { params: pathOf(ref), body }));
      if (options.json) return printJson(result);
      io.out(`Linked #${result.number} and ${incidentLabel(other)}: ${result.title}\n`);
    });

  incident
    .command('unlink <incident> <other>')
    .description('Unlink two incidents')
    .option(...JSON_OPTION)
    .action(async (ref: string, other: string, options: { json?: boolean }, command: Command) => {
      const { client } = connect(command);
      const params = { path: { id: incidentRef(ref), otherId: incidentRef(other) } };
      const result = await call(client.DELETE('/api/v1/incidents/{id}/links/{otherId}', { params }));
      if (options.json) return printJson(result);
      io.out(`Unlinked #${result.number} and ${incidentLabel(other)}: ${result.title}\n`);
    });

  incident
    .command('merge <incident>')
    .description('Merge an incident into another: its alerts and timeline follow, and it resolves')
    .requiredOption('--into <other>', 'the incident it joins (number or id)')
    .option(...JSON_OPTION)
    .action(async (ref: string, options: { into: string; json?: boolean }, command: Command) => {
      const { client } = connect(command);
      const body = { intoId: incidentRef(options.into) };
      const result = await call(client.POST('/api/v1/incidents/{id}/merge', { params: pathOf(ref), body }));
      if (options.json) return printJson(result);
      io.out(incidentLine(`Merged ${incidentLabel(ref)} into`, result));
    });
}

export function registerResponseCommands(incident: Command): void {
  registerChanges(incident);
  registerRoles(incident);
  registerHandoffs(incident);
  registerLinks(incident);
}

/**
 * Incidents from the terminal: `tocsin incidents list`, `tocsin incident
 * show`, the two verbs people type at 3 a.m., `tocsin ack <n>` and
 * `tocsin resolve <n>`, and `snooze`, `reassign` and `escalate`. Declaring
 * and the response verbs (severity, stage, roles...) are in
 * incident-declare.command.ts and incident-response.command.ts; `incidents
 * watch` in incidents-watch.command.ts.
 */
import { Option, type Command } from 'commander';
import { call, connect } from './api-client.js';
import { io } from './cli-io.js';
import { registerDeclareCommands } from './incident-declare.command.js';
import {
  incidentLine,
  incidentRef,
  responseSummary,
  serviceIdOf,
  teamIdOf,
  userIdsOf,
  type ResponseLike,
} from './incident-refs.js';
import { registerResponseCommands } from './incident-response.command.js';
import { registerWatchCommand } from './incidents-watch.command.js';
import { plural, printJson, printTable, when } from './output.js';

interface IncidentLike {
  number: number;
  title: string;
  status: string;
  urgency: string;
  priority: string | null;
  service: { slug: string };
  assignees: Array<{ name: string }>;
  triggeredAt: string;
  response: ResponseLike | null;
}

/** The table; severity, stage and owner columns when a listed incident is declared. */
function printIncidents(items: IncidentLike[]): void {
  const declared = items.some((i) => i.response);
  const responseCells = (i: IncidentLike): string[] =>
    !declared
      ? []
      : i.response
        ? [
            `${i.response.severity}${i.response.nearMiss ? ' near miss' : ''}`,
            i.response.stage,
            i.response.owner?.name ?? '-',
          ]
        : ['-', '-', '-'];
  printTable(
    [
      'NUMBER',
      'STATUS',
      'URGENCY',
      'PRIORITY',
      ...(declared ? ['SEVERITY', 'STAGE', 'OWNER'] : []),
      'SERVICE',
      'ASSIGNED TO',
      'TRIGGERED',
      'TITLE',
    ],
    items.map((i) => [
      `#${i.number}`,
      i.status,
      i.urgency,
      i.priority ?? '-',
      ...responseCells(i),
      i.service.slug,
      i.assignees.map((a) => a.name).join(', ') || '-',
      when(i.triggeredAt),
      i.title,
    ]),
    'No incidents.',
  );
}

interface ListOptions {
  status: string;
  all?: boolean;
  service?: string;
  team?: string;
  urgency?: 'high' | 'low';
  severity?: string;
  stage?: string;
  role?: string;
  mine?: boolean;
  nearMiss?: boolean;
  limit: string;
  json?: boolean;
}

export function registerIncidentsCommands(program: Command): void {
  const incidents = program.command('incidents').description('Incidents (over the API)');
  incidents
    .command('list')
    .description('List incidents, newest first (open ones unless --status, --stage or --all)')
    .option('--status <statuses>', 'comma-separated: triggered, acknowledged, resolved', 'triggered,acknowledged')
    .option('--all', 'every status')
    .option('--service <service>', 'only this service (slug or id)')
    .option('--team <team>', 'only the services this team owns (slug or id)')
    .addOption(new Option('--urgency <urgency>', 'only this urgency').choices(['high', 'low']))
    .option('--severity <severities>', 'declared incidents of these severities, comma-separated: S1,S2')
    .option('--stage <stages>', 'declared incidents at these stages, comma-separated: investigating,identified,...')
    .option('--role <role>', 'incidents where someone holds this role now (with --mine: you do), e.g. imoc')
    .option('--mine', 'incidents you own, hold a role in, or are assigned (paged) to')
    .option('--near-miss', 'near misses only')
    .option('--limit <n>', 'at most this many', '50')
    .option('--json', 'machine-readable output')
    .action(async (options: ListOptions, command: Command) => {
      const { client } = connect(command);
      // A stage says whether it is open: --stage resolved lists resolved ones without --all.
      const byStatus = !options.all && (command.getOptionValueSource('status') !== 'default' || !options.stage);
      const query = {
        limit: Number(options.limit),
        ...(byStatus && { status: options.status }),
        ...(options.service && { serviceId: await serviceIdOf(client, options.service) }),
        ...(options.team && { teamId: await teamIdOf(client, options.team) }),
        ...(options.urgency && { urgency: options.urgency }),
        ...(options.severity && { severity: options.severity }),
        ...(options.stage && { stage: options.stage }),
        ...(options.role && { role: options.role }),
        ...(options.mine && { mine: 'true' as const }),
        ...(options.nearMiss && { nearMiss: 'true' as const }),
      };
      const { items } = await call(client.GET('/api/v1/incidents', { params: { query } }));
      if (options.json) return printJson(items);
      printIncidents(items);
    });

  registerWatchCommand(incidents);

  const incident = program.command('incident').description('One incident (over the API)');
  registerDeclareCommands(incident);
  registerResponseCommands(incident);

  incident
    .command('show <incident>')
    .description('Show an incident (number or id) with its alerts and timeline')
    .option('--json', 'machine-readable output')
    .action(async (ref: string, options: { json?: boolean }, command: Command) => {
      const { client } = connect(command);
      const params = { path: { id: incidentRef(ref) } };
      const detail = await call(client.GET('/api/v1/incidents/{id}', { params }));
      const { items: timeline } = await call(client.GET('/api/v1/incidents/{id}/timeline', { params }));
      if (options.json) return printJson({ ...detail, timeline });
      const lines = [
        `#${detail.number} ${detail.title}`,
        `Status:       ${detail.status}${detail.snoozedUntil ? ` (snoozed until ${when(detail.snoozedUntil)})` : ''}`,
        `Urgency:      ${detail.urgency}${detail.priority ? `, ${detail.priority}` : ''}`,
        ...(detail.response ? [`Declared:     ${when(detail.declaredAt)}: ${responseSummary(detail.response)}`] : []),
        `Service:      ${detail.service.name} (${detail.service.slug})`,
        `Assigned to:  ${detail.assignees.map((a) => a.name).join(', ') || '-'}`,
        `Triggered:    ${when(detail.triggeredAt)}`,
        `Acknowledged: ${detail.acknowledgedAt ? `${when(detail.acknowledgedAt)}${detail.acknowledgedBy ? ` by ${detail.acknowledgedBy.name}` : ''}` : '-'}`,
        `Resolved:     ${detail.resolvedAt ? `${when(detail.resolvedAt)}${detail.resolvedBy ? ` by ${detail.resolvedBy.name}` : ''}` : '-'}`,
        `Escalation:   ${detail.escalation.policy.name}, level ${detail.escalation.level}` +
          (detail.escalation.nextEscalationAt ? `, next step ${when(detail.escalation.nextEscalationAt)}` : ''),
        '',
        `${plural(detail.alerts.length, 'alert')}:`,
        ...detail.alerts.map(
          (a) =>
            `  ${a.status.padEnd(12)} ${a.severity.padEnd(8)} x${a.triggerCount}  ${a.summary}` +
            a.links.map((l) => `\n               ${l.text ?? 'link'}: ${l.href}`).join(''),
        ),
        '',
        'Timeline:',
        // The source (web, api, cli, sms_reply, engine ...) in a column of its own: what each step was done through.
        ...timeline.map((e) => `  ${when(e.at)}  ${e.source.padEnd(10)}  ${e.message}`),
      ];
      io.out(`${lines.join('\n')}\n`);
    });

  program
    .command('snooze <incident>')
    .description('Snooze an incident: acknowledged now, triggered again (and paged from level 1) after the minutes')
    .option('--minutes <n>', 'how long, 1 to 10080 (a week)', '30')
    .option('--json', 'machine-readable output')
    .action(async (ref: string, options: { minutes: string; json?: boolean }, command: Command) => {
      const minutes = Number(options.minutes);
      if (!Number.isInteger(minutes) || minutes < 1 || minutes > 10_080) {
        throw new Error(`--minutes must be a whole number from 1 to 10080, not "${options.minutes}"`);
      }
      const { client } = connect(command);
      const result = await call(
        client.POST('/api/v1/incidents/{id}/snooze', { params: { path: { id: incidentRef(ref) } }, body: { minutes } }),
      );
      if (options.json) return printJson(result);
      io.out(`Snoozed #${result.number} until ${when(result.snoozedUntil)}: ${result.title}\n`);
    });

  program
    .command('reassign <incident>')
    .description('Reassign an incident to people (paged now) or to an escalation policy (walked from its first level)')
    .option('--user <user...>', 'a person, by email or id (repeat for several)')
    .option('--policy <id>', 'an escalation policy id')
    .option('--json', 'machine-readable output')
    .action(async (ref: string, options: { user?: string[]; policy?: string; json?: boolean }, command: Command) => {
      if (Boolean(options.user?.length) === Boolean(options.policy))
        throw new Error('Give either --user (one or more) or --policy');
      const { client } = connect(command);
      let body: { userIds: string[] } | { policyId: string };
      if (options.policy) body = { policyId: options.policy };
      else body = { userIds: await userIdsOf(client, options.user!) };
      const result = await call(
        client.POST('/api/v1/incidents/{id}/reassign', { params: { path: { id: incidentRef(ref) } }, body }),
      );
      if (options.json) return printJson(result);
      io.out(
        `Reassigned #${result.number} to ${result.assignees.map((a) => a.name).join(', ') || result.escalation.policy.name}: ${result.title}\n`,
      );
    });

  program
    .command('escalate <incident>')
    .description('Escalate an incident now: the next level is notified without waiting')
    .option('--json', 'machine-readable output')
    .action(async (ref: string, options: { json?: boolean }, command: Command) => {
      const { client } = connect(command);
      const result = await call(
        client.POST('/api/v1/incidents/{id}/escalate', { params: { path: { id: incidentRef(ref) } } }),
      );
      if (options.json) return printJson(result);
      io.out(`Escalated #${result.number}: ${result.title} (the next level is notified now)\n`);
    });

  for (const [verb, path, done] of [
    ['ack', '/api/v1/incidents/{id}/acknowledge', 'Acknowledged'],
    ['resolve', '/api/v1/incidents/{id}/resolve', 'Resolved'],
  ] as const) {
    program
      .command(`${verb} <incident>`)
      .description(`${done.replace(/d$/, '')} an incident (number or id)`)
      .option('--json', 'machine-readable output')
      .action(async (ref: string, options: { json?: boolean }, command: Command) => {
        const { client } = connect(command);
        const result = await call(client.POST(path, { params: { path: { id: incidentRef(ref) } } }));
        if (options.json) return printJson(result);
        io.out(incidentLine(done, result));
      });
  }
}

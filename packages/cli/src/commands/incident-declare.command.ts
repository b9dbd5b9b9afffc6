/**
 * How an incident begins, from the terminal (ADR 17): `tocsin incident
 * declare <service> <title>` (with --severity it is declared: an owner, a
 * stage, roles; without, it pages the service's policy as before), `incident
 * report <service> <title>` for someone not on call (the EOC is paged, the
 * reporter follows it), and `incident promote <n> --severity` for an
 * incident that was only paged. A low-severity declaration is one line:
 * `tocsin incident declare checkout "Refunds slow" --severity S4`.
 */
import { Option, type Command } from 'commander';
import { call, connect } from './api-client.js';
import { io } from './cli-io.js';
import { incidentLine, incidentRef, SEVERITY_KEYS, type SeverityKey } from './incident-refs.js';
import { printJson } from './output.js';

interface StepOptions {
  pageImoc?: boolean;
  pageCmoc?: boolean;
}

interface DeclareOptions extends StepOptions {
  service?: string;
  title?: string;
  urgency: 'high' | 'low';
  priority?: 'P1' | 'P2' | 'P3' | 'P4' | 'P5';
  details?: string;
  severity?: SeverityKey;
  page?: 'none' | 'eoc' | 'policy';
  nearMiss?: boolean;
  category?: string;
  impacted?: string;
  json?: boolean;
}

const severityOption = (description: string) => new Option('--severity <severity>', description).choices(SEVERITY_KEYS);

/** --page-imoc/--no-page-imoc and --page-cmoc/--no-page-cmoc: left out, the severity's defaults decide. */
function addStepOptions(command: Command): Command {
  return command
    .option('--page-imoc', "engage (and page) the incident manager on call (default: the severity's)")
    .option('--no-page-imoc', 'do not engage the incident manager now')
    .option('--page-cmoc', "engage (and page) the communications manager on call (default: the severity's)")
    .option('--no-page-cmoc', 'do not engage the communications manager now');
}

function stepsOf(options: StepOptions): { steps?: StepOptions } {
  const steps = {
    ...(options.pageImoc !== undefined && { pageImoc: options.pageImoc }),
    ...(options.pageCmoc !== undefined && { pageCmoc: options.pageCmoc }),
  };
  return Object.keys(steps).length > 0 ? { steps } : {};
}

/** The argument or its option, given once. */
function oneOf(name: string, argument: string | undefined, option: string | undefined): string {
  if (argument !== undefined && option !== undefined)
    throw new Error(`Give the ${name} once: as an argument or as --${name}, not both`);
  const value = argument ?? option;
  if (value === undefined)
    throw new Error(`Give the ${name}: tocsin incident declare <service> <title> [--severity S1..S4]`);
  return value;
}

/** The flags that only a declared incident has, when given without --severity. */
function responseOnlyFlags(options: DeclareOptions): string[] {
  return [
    options.page !== undefined && '--page',
    options.nearMiss && '--near-miss',
    options.category !== undefined && '--category',
    options.impacted !== undefined && '--impacted',
    options.pageImoc !== undefined && (options.pageImoc ? '--page-imoc' : '--no-page-imoc'),
    options.pageCmoc !== undefined && (options.pageCmoc ? '--page-cmoc' : '--no-page-cmoc'),
  ].filter((flag): flag is string => typeof flag === 'string');
}

function declareBody(service: string, title: string, options: DeclareOptions) {
  const paged = {
    serviceId: service,
    title,
    urgency: options.urgency,
    ...(options.priority && { priority: options.priority }),
    ...(options.details && { details: options.details }),
  };
  if (!options.severity) {
    const flags = responseOnlyFlags(options);
    if (flags.length > 0)
      throw new Error(
        `${flags.join(', ')} ${flags.length === 1 ? 'needs' : 'need'} --severity (S1 to S4): with it the incident is declared`,
      );
    return paged;
  }
  return {
    ...paged,
    severity: options.severity,
    ...(options.page && { page: options.page }),
    ...(options.nearMiss && { nearMiss: true }),
    ...(options.category && { category: options.category }),
    ...(options.impacted && { impactedServiceIds: options.impacted.split(',').map((s) => s.trim()) }),
    ...stepsOf(options),
  };
}

export function registerDeclareCommands(incident: Command): void {
  const declare = incident
    .command('declare')
    .description(
      'Open an incident on a service. With --severity it is declared (an owner, a stage, roles; you choose who is paged); without, it pages the service like an alert',
    )
    .argument('[service]', 'service id or slug (or --service)')
    .argument('[title]', 'what is wrong, in a line (or --title)')
    .option('--service <service>', 'service id or slug')
    .option('--title <title>', 'what is wrong, in a line')
    .addOption(severityOption('declare it with this severity: S1 (worst) to S4 (cheap to declare)'))
    .addOption(
      new Option(
        '--page <who>',
        "who is paged: nobody (you hold EOC), the service's EOC (default), or its policy",
      ).choices(['none', 'eoc', 'policy']),
    )
    .option('--near-miss', 'it could have been an incident of this severity: pages nobody unless --page says so')
    .option('--category <slug>', 'outage, degradation, security, data_loss, ... (tocsin categories list)')
    .option('--impacted <services>', 'other impacted services, comma-separated ids or slugs');
  addStepOptions(declare)
    .addOption(
      new Option('--urgency <urgency>', 'high pages now; low waits for business hours')
        .choices(['high', 'low'])
        .default('high'),
    )
    .addOption(new Option('--priority <priority>').choices(['P1', 'P2', 'P3', 'P4', 'P5']))
    .option('--details <text>', 'more context, kept on the timeline')
    .option('--json', 'machine-readable output')
    .action(
      async (
        serviceArg: string | undefined,
        titleArg: string | undefined,
        options: DeclareOptions,
        command: Command,
      ) => {
        const body = declareBody(
          oneOf('service', serviceArg, options.service),
          oneOf('title', titleArg, options.title),
          options,
        );
        const { client } = connect(command);
        const declared = await call(client.POST('/api/v1/incidents', { body }));
        if (options.json) return printJson(declared);
        io.out(incidentLine('Declared', declared));
      },
    );

  incident
    .command('report <service> <title>')
    .description(
      'Report a problem with a service you are not on call for: its EOC is paged, and you follow the incident (you may add notes)',
    )
    .addOption(severityOption('how bad it seems').default('S4'))
    .option('--details <text>', 'what you saw, kept on the timeline')
    .option('--json', 'machine-readable output')
    .action(
      async (
        service: string,
        title: string,
        options: { severity: SeverityKey; details?: string; json?: boolean },
        command: Command,
      ) => {
        const { client } = connect(command);
        const body = {
          serviceId: service,
          title,
          severity: options.severity,
          ...(options.details && { details: options.details }),
        };
        const reported = await call(client.POST('/api/v1/incidents/report', { body }));
        if (options.json) return printJson(reported);
        io.out(incidentLine('Reported', reported));
      },
    );

  const promote = incident
    .command('promote <incident>')
    .description(
      'Declare an incident that was only paged: it gets a severity, a stage and an owner; its paging goes on',
    )
    .addOption(severityOption('S1 (worst) to S4').makeOptionMandatory())
    .option('--category <slug>', 'outage, degradation, security, data_loss, ...');
  addStepOptions(promote)
    .option('--json', 'machine-readable output')
    .action(
      async (
        ref: string,
        options: StepOptions & { severity: SeverityKey; category?: string; json?: boolean },
        command: Command,
      ) => {
        const { client } = connect(command);
        const body = {
          severity: options.severity,
          ...(options.category && { category: options.category }),
          ...stepsOf(options),
        };
        const promoted = await call(
          client.POST('/api/v1/incidents/{id}/declare', { params: { path: { id: incidentRef(ref) } }, body }),
        );
        if (options.json) return printJson(promoted);
        io.out(incidentLine('Declared', promoted));
      },
    );
}

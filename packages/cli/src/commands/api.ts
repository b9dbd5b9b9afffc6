/**
 * User verbs over the public API, through the SDK only (never the server's
 * code): apply, export, whoami, users, teams, incidents and their response,
 * severities, incident roles and categories, alerts, services, policies,
 * on-call, schedules and the SLA report. They share the global
 * options --server (TOCSIN_URL) and --token (TOCSIN_TOKEN).
 */
import { Option, type Command } from 'commander';
import { registerAlertsCommands } from './alerts.command.js';
import { DEFAULT_SERVER } from './api-client.js';
import { registerApplyCommand } from './apply.command.js';
import { registerDefinitionsCommands } from './definitions.command.js';
import { registerExportCommand } from './export.command.js';
import { registerIncidentsCommands } from './incidents.command.js';
import { registerOncallCommand } from './oncall.command.js';
import { registerPoliciesCommands } from './policies.command.js';
import { registerReportCommand } from './report.command.js';
import { registerSchedulesCommands } from './schedules.command.js';
import { registerServicesCommands } from './services.command.js';
import { registerStatusPageCommands } from './statuspage.command.js';
import { registerTeamsCommands } from './teams.command.js';
import { registerUsersCommands } from './users.command.js';
import { registerWhoamiCommand } from './whoami.command.js';

export function registerApiCommands(program: Command): void {
  program
    .addOption(
      new Option('--server <url>', 'the Tocsin server, for user verbs').env('TOCSIN_URL').default(DEFAULT_SERVER),
    )
    .addOption(new Option('--token <token>', 'an API token (tcs_...), for user verbs').env('TOCSIN_TOKEN'));
  registerApplyCommand(program);
  registerExportCommand(program);
  registerWhoamiCommand(program);
  registerUsersCommands(program);
  registerTeamsCommands(program);
  registerIncidentsCommands(program);
  registerDefinitionsCommands(program);
  registerAlertsCommands(program);
  registerServicesCommands(program);
  registerPoliciesCommands(program);
  registerOncallCommand(program);
  registerSchedulesCommands(program);
  registerReportCommand(program);
  registerStatusPageCommands(program);
}

/**
 * The kinds of resource a config document holds, in dependency order: a kind
 * may refer to the kinds before it. Creates and updates run in this order,
 * removals in reverse. Each handler lives in the module it describes
 * (`<module>.config.ts`, written with config-kit); to add a kind, write its
 * handler there, export it from the module's index.ts and list it here. The
 * document schema, plan, apply and export pick it up.
 */
import { channelsConfig } from '../channels/index.js';
import { policiesConfig } from '../escalation/index.js';
import { integrationKeysConfig } from '../ingest/index.js';
import { incidentCategoriesConfig, incidentRolesConfig, severitiesConfig } from '../response/index.js';
import { schedulesConfig } from '../schedules/index.js';
import { servicesConfigWith } from '../services/index.js';
import { statusPagesConfig } from '../statuspages/index.js';
import { teamsConfig } from '../teams/index.js';
import { provisionedContactEmails } from '../notify/index.js';
import { usersConfigWith } from '../users/index.js';

export const CONFIG_RESOURCES = [
  // A user's contactEmail is a contact method, which notify owns (and notify depends on users).
  usersConfigWith(provisionedContactEmails),
  teamsConfig,
  schedulesConfig,
  channelsConfig,
  policiesConfig,
  // A service's items carry its integration keys, which ingest owns (and ingest depends on services).
  servicesConfigWith(integrationKeysConfig),
  // Incident response (ADR 17): roles name schedules.
  severitiesConfig,
  incidentCategoriesConfig,
  incidentRolesConfig,
  // Status pages (issue 13): components name services.
  statusPagesConfig,
] as const;

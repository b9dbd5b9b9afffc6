/**
 * The kinds of resource a config document holds, in dependency order: a kind
 * may refer to the kinds before it. Creates and updates run in this order,
 * removals in reverse. To add a kind, write its handler beside these and list
 * it here; the document schema, plan, apply and export pick it up.
 */
import { channelsResource } from './channels.resource.js';
import { policiesResource } from './escalation-policies.resource.js';
import { schedulesResource } from './schedules.resource.js';
import { servicesResource } from './services.resource.js';
import { teamsResource } from './teams.resource.js';
import { usersResource } from './users.resource.js';

export const CONFIG_RESOURCES = [
  usersResource,
  teamsResource,
  schedulesResource,
  channelsResource,
  policiesResource,
  servicesResource,
] as const;

export type { ConfigUser } from './users.resource.js';
export type { ConfigTeam } from './teams.resource.js';
export type { ConfigChannel } from './channels.resource.js';
export type { ConfigPolicy } from './escalation-policies.resource.js';
export type { ConfigService } from './services.resource.js';
export type { ConfigSchedule } from './schedules.resource.js';

/**
 * The kinds of resource a config document holds, in dependency order: a kind
 * may refer to the kinds before it. Creates and updates run in this order,
 * removals in reverse. To add a kind, write its handler beside these and list
 * it here; the document schema, plan, apply and export pick it up.
 */
import { teamsResource } from './teams.resource.js';
import { usersResource } from './users.resource.js';

export const CONFIG_RESOURCES = [usersResource, teamsResource] as const;

export type { ConfigUser } from './users.resource.js';
export type { ConfigTeam } from './teams.resource.js';

/**
 * Teams: groups of users that own services and share on-call duty. Owns teams
 * and team memberships. It does not page anyone; escalation and schedules
 * refer to teams by id. Its kind in config as code is teams.config.ts.
 */
export {
  createTeam,
  updateTeam,
  deleteTeam,
  getTeam,
  listTeams,
  setMembership,
  removeMembership,
} from './teams.service.js';
export {
  TeamSchema,
  CreateTeamSchema,
  UpdateTeamSchema,
  MembershipSchema,
  SetMembershipSchema,
  SlugSchema,
} from './teams.schema.js';
export type { Team, CreateTeamInput, UpdateTeamInput, Membership } from './teams.schema.js';
export { teamsConfig, type ConfigTeam } from './teams.config.js';

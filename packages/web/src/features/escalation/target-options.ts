/**
 * Everything a policy level can notify, by type: users, teams, schedules and
 * chat channels, loaded once per screen so the pickers show names, not ids.
 */
import { useResource } from '../../api/use-resource';
import { listChannels } from '../channels/channels.api';
import { listSchedules } from '../schedules/schedules.api';
import { listTeams } from '../teams/teams.api';
import { listUsers } from '../users/users.api';
import type { EscalationPolicy } from './escalation.types';

export type TargetType = EscalationPolicy['levels'][number]['targets'][number]['type'];
export type TargetOptions = Record<TargetType, Array<{ id: string; label: string }>>;

export const TARGET_TYPES: readonly TargetType[] = ['user', 'team', 'schedule', 'channel'];
export const TARGET_TYPE_LABELS: Record<TargetType, string> = {
  user: 'Person',
  team: 'Team',
  schedule: 'Schedule',
  channel: 'Channel',
};

export function useTargetOptions(isEnabled: boolean) {
  return useResource<TargetOptions>(
    async (client) => {
      if (!isEnabled) return { user: [], team: [], schedule: [], channel: [] };
      const [users, teams, schedules, channels] = await Promise.all([
        listUsers(client),
        listTeams(client),
        listSchedules(client),
        listChannels(client),
      ]);
      return {
        user: users.map((user) => ({ id: user.id, label: `${user.name} (${user.email})` })),
        team: teams.map((team) => ({ id: team.id, label: team.name })),
        schedule: schedules.map((schedule) => ({ id: schedule.id, label: schedule.name })),
        channel: channels.map((channel) => ({
          id: channel.id,
          label: `${channel.name} (${channel.type})`,
        })),
      };
    },
    [isEnabled],
  );
}

/**
 * Everything a policy level can notify, by type: users, teams, schedules and
 * chat channels, loaded once per screen so the pickers show names, not ids.
 */
import { unwrap } from '@tocsin/sdk';
import { useResource } from '../../api/use-resource';
import type { EscalationPolicy } from '../../api/paging-types';

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
        client.GET('/api/v1/users'),
        client.GET('/api/v1/teams'),
        client.GET('/api/v1/schedules'),
        client.GET('/api/v1/channels'),
      ]);
      return {
        user: unwrap(users).items.map((user) => ({ id: user.id, label: `${user.name} (${user.email})` })),
        team: unwrap(teams).items.map((team) => ({ id: team.id, label: team.name })),
        schedule: unwrap(schedules).items.map((schedule) => ({ id: schedule.id, label: schedule.name })),
        channel: unwrap(channels).items.map((channel) => ({
          id: channel.id,
          label: `${channel.name} (${channel.type})`,
        })),
      };
    },
    [isEnabled],
  );
}
